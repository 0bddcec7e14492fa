"""Payload types shared by several domains, and the helpers resolvers use with them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from pixvault.graph.errors import UserError, UserFacingError

if TYPE_CHECKING:
    from pixvault.graph.context import Context


@strawberry.type(description="The answer to a mutation that has nothing to return but success.")
class OkPayload:
    ok: bool = strawberry.field(
        description="true when it was done; false when errors says why not."
    )
    errors: list[UserError] = UserError.payload_field()

    @classmethod
    def success(cls) -> OkPayload:
        return cls(ok=True, errors=[])

    @classmethod
    def failure(cls, error: UserFacingError) -> OkPayload:
        return cls(ok=False, errors=[error.as_user_error()])


@strawberry.type(description="The answer to a mutation that deletes something.")
class DeletePayload:
    deleted_id: strawberry.ID | None = strawberry.field(
        description="The id of what was deleted, to drop it from client caches; null when errors "
        "says why nothing was."
    )
    errors: list[UserError] = UserError.payload_field()


def require_user(context: Context) -> str:
    """The signed-in user's id, or a UserError for mutations that need one."""
    if context.viewer.user_id is None:
        raise UserFacingError("UNAUTHENTICATED", "Sign in first.")
    return context.viewer.user_id
