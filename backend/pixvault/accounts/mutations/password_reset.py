"""requestPasswordReset and resetPassword: getting back into an account whose password is lost."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.accounts import password_reset
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import OkPayload, returns_errors


@strawberry.type
class PasswordResetMutations:
    @strawberry.mutation(
        description="Mail a link to set a new password. Answers ok whether or not the address "
        "has an account (and when throttled); only a malformed address is an error."
    )
    @returns_errors(OkPayload)
    async def request_password_reset(
        self,
        info: Info[Context, None],
        email: Annotated[str, strawberry.argument(description="The account's email address.")],
    ) -> OkPayload:
        context = info.context
        await password_reset.request_reset(context.runtime, context.viewer.client, email)
        return OkPayload.success()

    @strawberry.mutation(
        description="Set a new password with the token from a reset link. Ends every session "
        "of the account; log in afterwards."
    )
    @returns_errors(OkPayload)
    async def reset_password(
        self,
        info: Info[Context, None],
        token: Annotated[
            str, strawberry.argument(description="The token from the reset link (single use).")
        ],
        new_password: Annotated[
            str, strawberry.argument(description="The new password: 10 to 256 characters.")
        ],
    ) -> OkPayload:
        context = info.context
        await password_reset.reset_password(
            context.runtime, context.viewer.client, token, new_password
        )
        return OkPayload.success()
