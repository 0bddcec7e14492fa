"""createApiToken and revokeApiToken: bearer secrets for scripts and mobile apps."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from pixvault.accounts.authentication import API_TOKEN_PREFIX
from pixvault.accounts.models import ApiToken as ApiTokenRow
from pixvault.accounts.payloads import ApiTokenPayload
from pixvault.accounts.queries import parse_uuid
from pixvault.accounts.registration import clean_name
from pixvault.accounts.tokens import digest, new_secret
from pixvault.accounts.types import ApiToken
from pixvault.clock import now
from pixvault.graph.context import Context
from pixvault.graph.errors import UserFacingError
from pixvault.graph.payloads import OkPayload, require_user
from pixvault.policies.services import require_no_pending_decisions

MAX_TOKENS = 50


@strawberry.type
class TokenMutations:
    @strawberry.mutation
    async def create_api_token(self, info: Info[Context, None], name: str) -> ApiTokenPayload:
        try:
            user_id = require_user(info.context)
            await require_no_pending_decisions(user_id)
            clean = clean_name(name, "name", required=True)
            if len(clean or "") > 100:
                raise UserFacingError("TOO_LONG", "Use at most 100 characters.", "name")
            if await ApiTokenRow.filter(user_id=user_id, revoked_at=None).count() >= MAX_TOKENS:
                raise UserFacingError("TOO_MANY", f"At most {MAX_TOKENS} live tokens.", "name")
        except UserFacingError as error:
            return ApiTokenPayload(token=None, secret=None, errors=[error.as_user_error()])
        secret = new_secret(API_TOKEN_PREFIX)
        row = await ApiTokenRow.create(
            user_id=user_id, name=clean, token_hash=digest(secret), created_at=now()
        )
        return ApiTokenPayload(token=ApiToken.from_model(row), secret=secret, errors=[])

    @strawberry.mutation
    async def revoke_api_token(self, info: Info[Context, None], id: strawberry.ID) -> OkPayload:
        try:
            user_id = require_user(info.context)
            key = parse_uuid(id)
            updated = (
                await ApiTokenRow.filter(id=key, user_id=user_id, revoked_at=None).update(
                    revoked_at=now()
                )
                if key
                else 0
            )
            if not updated:
                raise UserFacingError("NOT_FOUND", "No such token.", "id")
        except UserFacingError as error:
            return OkPayload.failure(error)
        return OkPayload.success()
