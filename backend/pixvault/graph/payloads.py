"""Payload types shared by several domains, and the helpers resolvers use with them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from pixvault.graph.errors import UserError, UserFacingError

if TYPE_CHECKING:
    from pixvault.graph.context import Context


@strawberry.type
class OkPayload:
    ok: bool
    errors: list[UserError] = UserError.payload_field()

    @classmethod
    def success(cls) -> OkPayload:
        return cls(ok=True, errors=[])

    @classmethod
    def failure(cls, error: UserFacingError) -> OkPayload:
        return cls(ok=False, errors=[error.as_user_error()])


@strawberry.type
class DeletePayload:
    deleted_id: strawberry.ID | None
    errors: list[UserError] = UserError.payload_field()


def require_user(context: Context) -> str:
    """The signed-in user's id, or a UserError for mutations that need one."""
    if context.viewer.user_id is None:
        raise UserFacingError("UNAUTHENTICATED", "Sign in first.")
    return context.viewer.user_id
