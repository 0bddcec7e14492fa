"""The second-factor check of credential log-ins, in one place.

Every path that turns an email and password into access without a session cookie first
(createApiTokenWithPassword today) calls ``require_second_factor`` after the password is right.
TOTP is being built separately (issue 16, point 2): this hook is where its check goes. Until
then no account has a second factor, so it lets every account through and ignores ``code``.
"""

from __future__ import annotations

from pixvault.accounts.models import User


async def require_second_factor(user: User, code: str | None) -> None:
    """Raise UserFacingError TWO_FACTOR_REQUIRED (no code given) or INVALID_CODE (a wrong or
    reused one) when ``user`` has a second factor; return when they may proceed."""
    del user, code  # no account has a second factor yet (see the module docstring)
