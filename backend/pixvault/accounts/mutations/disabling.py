"""disableUser and enableUser: an ADMIN shutting an account and opening it again."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.accounts.care import set_disabled
from pixvault.accounts.payloads import UserPayload
from pixvault.accounts.types import User
from pixvault.core.errors import UserFacingError
from pixvault.core.ids import parse_uuid
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import returns_errors


@returns_errors(UserPayload)
async def _set(info: Info[Context, None], id: strawberry.ID, disabled: bool) -> UserPayload:
    context = info.context
    key = parse_uuid(id)
    if key is None:
        raise UserFacingError("NOT_FOUND", "No such user.", "id")
    user = await set_disabled(context.runtime, context.viewer, str(key), disabled)
    return UserPayload(user=User.from_model(user), errors=[])


@strawberry.type
class DisablingMutations:
    @strawberry.mutation(
        description="Disable an account: its sessions end and its API tokens are revoked at "
        "once, and logIn answers ACCOUNT_DISABLED. Audited."
    )
    async def disable_user(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The user's id.")],
    ) -> UserPayload:
        return await _set(info, id, True)

    @strawberry.mutation(description="Enable a disabled account again. Audited.")
    async def enable_user(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The user's id.")],
    ) -> UserPayload:
        return await _set(info, id, False)
