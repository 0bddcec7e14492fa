"""Making API tokens: scopes, expiry and the limits on who may make what."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from tortoise.expressions import Q

from pixvault.accounts.models import ApiToken, User
from pixvault.accounts.registration import clean_name
from pixvault.accounts.scopes import ApiScope
from pixvault.accounts.tokens import digest, new_secret
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.roles import STAFF_ROLES, Role

API_TOKEN_PREFIX = "pvt_"
MAX_TOKENS = 50
DEFAULT_EXPIRY_DAYS = 90
MAX_EXPIRY_DAYS = 3650
#: What a token may do when its maker names no scopes: read, never write.
DEFAULT_SCOPES = (ApiScope.ASSETS_READ, ApiScope.ACCOUNT_READ)


async def issue_token(
    user: User,
    *,
    name: str,
    scopes: Iterable[ApiScope] | None,
    expires_in_days: int | None,
) -> tuple[ApiToken, str]:
    """A new token of ``user`` and its secret (shown once; only its SHA-256 is stored).

    ``expires_in_days`` None means the token never expires. The STAFF scope needs a maker who
    holds a staff role and chose it explicitly.
    """
    clean = clean_name(name, "name", required=True)
    if len(clean or "") > 100:
        raise UserFacingError("TOO_LONG", "Use at most 100 characters.", "name")
    wanted = set(DEFAULT_SCOPES if scopes is None else scopes)
    chosen = [s for s in ApiScope if s in wanted]  # in the enum's order
    if not chosen:
        raise UserFacingError("REQUIRED", "Choose at least one scope.", "scopes")
    roles = {Role(r) for r in user.roles if r in Role.__members__}
    if ApiScope.STAFF in chosen and not roles & STAFF_ROLES:
        raise UserFacingError(
            "FORBIDDEN_SCOPE", "Only staff may give a token staff powers.", "scopes"
        )
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_EXPIRY_DAYS:
        raise UserFacingError(
            "INVALID_EXPIRY",
            f"A token lives from 1 to {MAX_EXPIRY_DAYS} days, or never expires (null).",
            "expiresInDays",
        )
    at = now()
    live = ApiToken.filter(Q(expires_at=None) | Q(expires_at__gt=at), user_id=user.id)
    if await live.filter(revoked_at=None).count() >= MAX_TOKENS:
        raise UserFacingError("TOO_MANY", f"At most {MAX_TOKENS} live tokens.", "name")
    secret = new_secret(API_TOKEN_PREFIX)
    row = await ApiToken.create(
        user=user,
        name=clean,
        token_hash=digest(secret),
        scopes=[s.value for s in chosen],
        created_at=at,
        expires_at=None if expires_in_days is None else at + timedelta(days=expires_in_days),
    )
    return row, secret
