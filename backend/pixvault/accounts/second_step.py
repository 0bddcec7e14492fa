"""The second step of a log-in for people with two-factor log-in on.

A right password for such an account opens a challenge instead of a session: a random token,
kept (hashed) in the shared store for five minutes, that completeLogIn trades with a code for
the session. The challenge is single use and its codes count against the account's throttle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pixvault.accounts import two_factor
from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.accounts.log_ins import record_log_in
from pixvault.accounts.models import User
from pixvault.accounts.sessions import IssuedSession, SessionService
from pixvault.accounts.tokens import digest, new_secret
from pixvault.core.errors import UserFacingError
from pixvault.core.viewer import ClientInfo

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

CHALLENGE_SECONDS = 5 * 60
_KEY = "login-challenge:"


class TwoFactorChallenge(UserFacingError):
    """The password was right; the log-in now waits for a code (``token`` names it)."""

    def __init__(self, token: str) -> None:
        super().__init__(
            "TWO_FACTOR_REQUIRED",
            "Enter the code from your authenticator app, or a recovery code.",
            "code",
        )
        self.token = token


async def challenge_if_enrolled(runtime: Runtime, user: User, remember_me: bool) -> None:
    """Raise a TwoFactorChallenge when ``user`` has two-factor log-in on."""
    if not await two_factor.is_enabled(str(user.id)):
        return
    token = new_secret()
    value = f"{user.id}:{int(remember_me)}"
    await runtime.store.set(_KEY + digest(token), value, CHALLENGE_SECONDS)
    raise TwoFactorChallenge(token)


async def complete(
    runtime: Runtime, client: ClientInfo, challenge: str, code: str
) -> tuple[User, IssuedSession]:
    """Trade a challenge and a code for a session."""
    key = _KEY + digest(challenge)
    value = await runtime.store.get(key)
    if value is None:
        raise UserFacingError(
            "INVALID_CHALLENGE", "This log-in has expired. Enter your password again.", "challenge"
        )
    user_id, _, remember = value.partition(":")
    user = await User.get_or_none(id=user_id, closed_at=None)
    if user is None:
        raise UserFacingError(
            "INVALID_CHALLENGE", "This log-in has expired. Enter your password again.", "challenge"
        )
    try:
        await two_factor.check_code(runtime, user_id, code)
    except UserFacingError:
        await record_activity(user_id, ActivityKind.LOG_IN_FAILED, client, "second factor")
        raise
    await runtime.store.delete(key)
    issued = await SessionService(runtime.settings, runtime.store).start(
        user, remember == "1", client
    )
    await record_log_in(runtime, user, client, "with second factor")
    return user, issued
