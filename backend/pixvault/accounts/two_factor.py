"""The second factor: setting up an authenticator app, recovery codes, checking a code,
turning it off.

A code is accepted once: the TOTP step it belongs to is recorded with a compare-and-set, so
the same code (or any older one) cannot be replayed, even by two requests racing. Recovery
codes are single use the same way. Wrong codes count against a per-account throttle.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tortoise.transactions import in_transaction

from pixvault.accounts import security_limits, totp
from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.accounts.models import User
from pixvault.accounts.security_models import RecoveryCode, TwoFactor
from pixvault.accounts.tokens import digest
from pixvault.audit.service import AuditEvent, record
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.ratelimit import allow
from pixvault.core.roles import STAFF_ROLES, Role
from pixvault.core.viewer import Viewer

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

RECOVERY_CODE_COUNT = 10
#: No 0/o, 1/l/i: codes are read off paper.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_GROUPS, _GROUP_LENGTH = 3, 4

_TOO_MANY = UserFacingError(
    "RATE_LIMITED", "Too many wrong codes. Wait a few minutes and try again.", "code"
)
_WRONG_CODE = UserFacingError("INVALID_CODE", "This code is wrong or was already used.", "code")


@dataclass(frozen=True)
class Setup:
    seed: str
    uri: str
    qr_code: str


async def is_enabled(user_id: str) -> bool:
    return await TwoFactor.exists(user_id=user_id, confirmed_at__isnull=False)


async def gate_staff_roles(user_id: str, roles: frozenset[Role]) -> tuple[frozenset[Role], bool]:
    """The roles a request may use, and whether staff roles were held back.

    Staff roles count only once a second factor is on; until then the person acts as a
    customer and every staff field answers TWO_FACTOR_REQUIRED (graphkit/access.py).
    """
    if not roles & STAFF_ROLES or await is_enabled(user_id):
        return roles, False
    return roles - STAFF_ROLES, True


async def recovery_codes_left(user_id: str) -> int:
    return await RecoveryCode.filter(user_id=user_id, used_at=None).count()


async def enabled_among(user_ids: list[str]) -> set[str]:
    """Which of these people have a confirmed second factor, in one statement."""
    query = TwoFactor.filter(user_id__in=user_ids, confirmed_at__isnull=False)
    return {str(i) for i in await query.values_list("user_id", flat=True)}


async def recovery_codes_left_of(user_ids: list[str]) -> dict[str, int]:
    """Unused recovery codes per person (absent: none), in one statement."""
    query = RecoveryCode.filter(user_id__in=user_ids, used_at=None)
    owners = await query.values_list("user_id", flat=True)
    counts: dict[str, int] = {}
    for owner in owners:
        counts[str(owner)] = counts.get(str(owner), 0) + 1
    return counts


def _normalise(code: str) -> str:
    return "".join(c for c in code.lower() if c.isalnum())


def _new_recovery_code() -> str:
    groups = (
        "".join(secrets.choice(_ALPHABET) for _ in range(_GROUP_LENGTH)) for _ in range(_GROUPS)
    )
    return "-".join(groups)


async def begin_setup(user: User) -> Setup:
    """A new seed for the authenticator app; replaces a set-up that was never confirmed."""
    if await is_enabled(str(user.id)):
        raise UserFacingError(
            "ALREADY_ENABLED", "Two-factor log-in is already on. Turn it off first."
        )
    seed = totp.new_seed()
    async with in_transaction():
        await TwoFactor.filter(user_id=user.id).delete()
        await TwoFactor.create(user=user, secret=seed, created_at=now())
    uri = totp.provisioning_uri(seed, user.email)
    return Setup(seed=seed, uri=uri, qr_code=totp.qr_svg_data_url(uri))


async def _accept_totp(row: TwoFactor, code: str) -> bool:
    step = totp.matching_step(row.secret, code)
    if step is None:
        return False
    # Compare-and-set: only one request can move last_step past a given step.
    return await TwoFactor.filter(id=row.id, last_step__lt=step).update(last_step=step) == 1


async def _accept_recovery_code(user_id: str, code: str) -> bool:
    normalised = _normalise(code)
    if len(normalised) != _GROUPS * _GROUP_LENGTH:
        return False
    used = await RecoveryCode.filter(
        user_id=user_id, code_hash=digest(normalised), used_at=None
    ).update(used_at=now())
    return used == 1


async def _reserve(runtime: Runtime, user_id: str) -> None:
    """Count an attempt before it is checked, so concurrent guesses cannot outrun the limit;
    ``_give_back`` returns it once the attempt succeeded."""
    if not await allow(runtime.store, security_limits.TWO_FACTOR_FAILURES_PER_USER, user_id):
        raise _TOO_MANY


async def _give_back(runtime: Runtime, user_id: str) -> None:
    limit = security_limits.TWO_FACTOR_FAILURES_PER_USER
    await runtime.store.decr(f"rl:{limit.name}:{user_id}")


async def check_code(runtime: Runtime, user_id: str, code: str) -> None:
    """Accept a current authenticator code or an unused recovery code, once; raise otherwise."""
    await _reserve(runtime, user_id)
    row = await TwoFactor.get_or_none(user_id=user_id, confirmed_at__isnull=False)
    if row is not None and (
        await _accept_totp(row, code) or await _accept_recovery_code(user_id, code)
    ):
        await _give_back(runtime, user_id)
        return
    raise _WRONG_CODE


async def _new_recovery_codes(user_id: str) -> list[str]:
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    at = now()
    await RecoveryCode.filter(user_id=user_id).delete()
    await RecoveryCode.bulk_create(
        [
            RecoveryCode(user_id=user_id, code_hash=digest(_normalise(c)), created_at=at)
            for c in codes
        ]
    )
    return codes


async def _audit(viewer: Viewer, action: str) -> None:
    await record(
        [
            AuditEvent(
                actor_id=viewer.user_id,
                actor_roles=",".join(sorted(viewer.roles)),
                action=action,
                subject_id=viewer.user_id,
                target=None,
                ip_address=viewer.client.ip_address,
            )
        ]
    )


async def enable(runtime: Runtime, viewer: Viewer, code: str) -> list[str]:
    """Confirm a pending set-up with a first code; returns the ten recovery codes (shown once)."""
    user_id = str(viewer.user_id)
    row = await TwoFactor.get_or_none(user_id=user_id)
    if row is None or row.confirmed_at is not None:
        raise UserFacingError("NO_PENDING_SETUP", "Start the set-up first.")
    await _reserve(runtime, user_id)
    if not await _accept_totp(row, code):
        raise _WRONG_CODE
    await _give_back(runtime, user_id)
    async with in_transaction():
        await TwoFactor.filter(id=row.id).update(confirmed_at=now())
        codes = await _new_recovery_codes(user_id)
        await record_activity(user_id, ActivityKind.TWO_FACTOR_ENABLED, viewer.client)
    await _audit(viewer, "TWO_FACTOR_ENABLED")
    return codes


async def regenerate_recovery_codes(runtime: Runtime, viewer: Viewer, code: str) -> list[str]:
    """Ten new recovery codes for a current code; the old ones stop working."""
    user_id = str(viewer.user_id)
    if not await is_enabled(user_id):
        raise UserFacingError("NOT_ENABLED", "Two-factor log-in is off.")
    await check_code(runtime, user_id, code)
    return await _new_recovery_codes(user_id)


async def disable(runtime: Runtime, viewer: Viewer, password: str, code: str) -> None:
    """Turn the second factor off: needs the password and a current (or recovery) code."""
    user_id = str(viewer.user_id)
    if not await is_enabled(user_id):
        raise UserFacingError("NOT_ENABLED", "Two-factor log-in is off.")
    await _reserve(runtime, user_id)
    user = await User.get(id=user_id)
    if not await runtime.passwords.verify(user.password_hash, password):
        raise UserFacingError("INVALID_PASSWORD", "The password is wrong.", "password")
    await _give_back(runtime, user_id)
    await check_code(runtime, user_id, code)
    async with in_transaction():
        await TwoFactor.filter(user_id=user_id).delete()
        await RecoveryCode.filter(user_id=user_id).delete()
        await record_activity(user_id, ActivityKind.TWO_FACTOR_DISABLED, viewer.client)
    await _audit(viewer, "TWO_FACTOR_DISABLED")
