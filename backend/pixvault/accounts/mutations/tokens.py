"""createApiToken, createApiTokenWithPassword and revokeApiToken: bearer secrets for scripts
and mobile apps, with scopes and an expiry."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.accounts import authentication
from pixvault.accounts.api_tokens import DEFAULT_EXPIRY_DAYS, issue_token
from pixvault.accounts.hooks import hooks
from pixvault.accounts.log_ins import record_log_in
from pixvault.accounts.models import ApiToken as ApiTokenRow
from pixvault.accounts.models import User as UserRow
from pixvault.accounts.payloads import ApiTokenPayload
from pixvault.accounts.scopes import ApiScope
from pixvault.accounts.second_factor import require_second_factor
from pixvault.accounts.types import ApiToken
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.ids import parse_uuid
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import OkPayload, require_user, returns_errors

_SCOPES = "what the token may do; by default ASSETS_READ and ACCOUNT_READ"
_EXPIRY = (
    f"days until the token stops working (1 to 3650); null: never. Default {DEFAULT_EXPIRY_DAYS}"
)


@strawberry.input(description="Credentials and the token wanted, for apps without a session.")
class CreateApiTokenWithPasswordInput:
    email: str = strawberry.field(description="The account's email address.")
    password: str = strawberry.field(description="The account's password.")
    code: str | None = strawberry.field(
        default=None, description="the second-factor code, when the account has one"
    )
    name: str = strawberry.field(
        description="A label to recognise the token by (e.g. the app or machine), up to 100 "
        "characters."
    )
    scopes: list[ApiScope] | None = strawberry.field(default=None, description=_SCOPES)
    expires_in_days: int | None = strawberry.field(default=DEFAULT_EXPIRY_DAYS, description=_EXPIRY)


def _issued(row: ApiTokenRow, secret: str) -> ApiTokenPayload:
    return ApiTokenPayload(token=ApiToken.from_model(row), secret=secret, errors=[])


@strawberry.type
class TokenMutations:
    @strawberry.mutation(description="A token of the signed-in user (never made with a token).")
    @returns_errors(ApiTokenPayload)
    async def create_api_token(
        self,
        info: Info[Context, None],
        name: Annotated[
            str,
            strawberry.argument(
                description="A label to recognise the token by (e.g. the app or machine), up "
                "to 100 characters."
            ),
        ],
        scopes: Annotated[list[ApiScope] | None, strawberry.argument(description=_SCOPES)] = None,
        expires_in_days: Annotated[
            int | None, strawberry.argument(description=_EXPIRY)
        ] = DEFAULT_EXPIRY_DAYS,
    ) -> ApiTokenPayload:
        user_id = require_user(info.context)
        await hooks().before_own_change(user_id)
        user = await UserRow.get(id=user_id)
        row, secret = await issue_token(
            user, name=name, scopes=scopes, expires_in_days=expires_in_days
        )
        return _issued(row, secret)

    @strawberry.mutation(
        description="A token for a mobile or script client from email and password (and the "
        "second-factor code when the account has one), without a cookie log-in. Throttled as "
        "logIn is."
    )
    @returns_errors(ApiTokenPayload)
    async def create_api_token_with_password(
        self,
        info: Info[Context, None],
        input: Annotated[
            CreateApiTokenWithPasswordInput,
            strawberry.argument(description="Credentials and the token wanted."),
        ],
    ) -> ApiTokenPayload:
        context = info.context
        user = await authentication.check_credentials(
            context.runtime, context.viewer.client, email=input.email, password=input.password
        )
        await require_second_factor(context.runtime, user, input.code)
        await hooks().before_own_change(str(user.id))
        row, secret = await issue_token(
            user, name=input.name, scopes=input.scopes, expires_in_days=input.expires_in_days
        )
        await record_log_in(context.runtime, user, context.viewer.client, f"API token: {row.name}")
        return _issued(row, secret)

    @strawberry.mutation(description="Revoke one of your API tokens; it stops working at once.")
    @returns_errors(OkPayload)
    async def revoke_api_token(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The token's id.")],
    ) -> OkPayload:
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
        return OkPayload.success()
