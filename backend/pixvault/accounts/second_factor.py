"""The second-factor check of credential log-ins that take the code with the password.

A browser log-in asks for the code in a second step (second_step.py); paths that turn an email
and password into access in one call (createApiTokenWithPassword) call ``require_second_factor``
after the password is right.
"""

from __future__ import annotations

from pixvault.accounts import two_factor
from pixvault.accounts.models import User
from pixvault.core.errors import UserFacingError
from pixvault.runtime import Runtime


async def require_second_factor(runtime: Runtime, user: User, code: str | None) -> None:
    """Raise UserFacingError TWO_FACTOR_REQUIRED (no code given) or the code check's error (a
    wrong or reused one) when ``user`` has a second factor; return when they may proceed."""
    if not await two_factor.is_enabled(str(user.id)):
        return
    if not code or not code.strip():
        raise UserFacingError(
            "TWO_FACTOR_REQUIRED",
            "This account has two-factor log-in: give a code from the authenticator app.",
            "code",
        )
    await two_factor.check_code(runtime, str(user.id), code)
