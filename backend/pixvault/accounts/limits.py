"""The throttles on account actions, and the log-in attempt reservation.

Log-in limits hold under concurrency because each attempt is *reserved* (one atomic INCR per
limit, in Redis when configured) before the password is verified: twenty simultaneous guesses
get twenty different counts, and only those within the limit reach the password check. A
refused attempt gives its reservations back at once (so the looser limits only ever count
guesses that were verified), and so does a successful log-in; a failed one keeps them.

Three limits apply to every log-in, each per 15 minutes:

- account + client address (strict): a guesser is stopped after a handful of wrong passwords,
  while the owner, from any other address, still gets in;
- client address alone: one address spraying many accounts;
- account alone (looser): many addresses guessing one account.

When the strict or the per-account limit first trips in a window, the owner is told by email
(once per window), so a lock-out the owner did not cause is never silent.
"""

from __future__ import annotations

from dataclasses import dataclass

from pixvault.accounts.models import User
from pixvault.core.ratelimit import Limit, allow, reserve
from pixvault.mail.templates import TemplateName
from pixvault.runtime import Runtime

FAILED_LOG_INS_PER_ACCOUNT_AND_IP = Limit("login-account-ip", 5, 15 * 60)
FAILED_LOG_INS_PER_ACCOUNT = Limit("login-account", 25, 15 * 60)
FAILED_LOG_INS_PER_IP = Limit("login-ip", 30, 15 * 60)
#: One "attempts on your account" email per account per window.
LOCK_NOTICES_PER_ACCOUNT = Limit("login-lock-notice", 1, 15 * 60)
SIGN_UPS_PER_IP = Limit("signup-ip", 10, 60 * 60)
PASSWORD_CHANGES_PER_USER = Limit("password-change", 5, 15 * 60)
#: Email change requests an account may make (each sends a mail to an address it chose).
EMAIL_CHANGES_PER_USER = Limit("email-change", 5, 60 * 60)
#: "Someone tried to use your address" notices one existing account gets.
EMAIL_TAKEN_NOTICES_PER_ADDRESS = Limit("email-taken-notice", 3, 24 * 60 * 60)


@dataclass(frozen=True)
class LogInAttempt:
    """The reservations one log-in attempt holds, and what became of them."""

    runtime: Runtime
    #: (limit, key, count after this attempt's increment)
    held: tuple[tuple[Limit, str, int], ...]

    def _key(self, limit: Limit, key: str) -> str:
        return f"rl:{limit.name}:{key}"

    async def release(self) -> None:
        """Give the reservations back: the attempt was refused, or it succeeded."""
        for limit, key, _ in self.held:
            await self.runtime.store.decr(self._key(limit, key))

    def tripped(self) -> bool:
        """Whether this attempt was the last the strict or the per-account limit allows."""
        return any(
            used == limit.count
            for limit, _, used in self.held
            if limit in (FAILED_LOG_INS_PER_ACCOUNT_AND_IP, FAILED_LOG_INS_PER_ACCOUNT)
        )

    async def failed(self, user: User | None, ip_address: str | None) -> None:
        """The password was wrong: the reservations stay counted; tell the owner once a limit
        now locks their account (from this address, or from everywhere)."""
        if user is None or not self.tripped():
            return
        if not await allow(self.runtime.store, LOCK_NOTICES_PER_ACCOUNT, str(user.id)):
            return
        await self.runtime.mailer.send_template(
            user.email,
            TemplateName.LOG_IN_ATTEMPTS,
            {
                "address": ip_address or "an unknown address",
                "minutes": str(FAILED_LOG_INS_PER_ACCOUNT_AND_IP.window_seconds // 60),
            },
            user_id=str(user.id),
        )


async def reserve_log_in(
    runtime: Runtime, email: str, ip_address: str | None
) -> LogInAttempt | None:
    """Count one attempt against every log-in limit before the password is checked; None (and
    nothing counted) when any limit is already spent."""
    address = ip_address or "unknown"
    wanted = (
        (FAILED_LOG_INS_PER_ACCOUNT_AND_IP, f"{email}|{address}"),
        (FAILED_LOG_INS_PER_IP, address),
        (FAILED_LOG_INS_PER_ACCOUNT, email),
    )
    held: list[tuple[Limit, str, int]] = []
    for limit, key in wanted:
        # The per-account count is not shown to the client: it counts other people's guesses.
        used = await reserve(
            runtime.store, limit, key, disclose=limit is not FAILED_LOG_INS_PER_ACCOUNT
        )
        held.append((limit, key, used))
        if used > limit.count:
            await LogInAttempt(runtime, tuple(held)).release()
            return None
    return LogInAttempt(runtime, tuple(held))
