"""Payload types shared by several domains, and the helpers resolvers use with them.

Every mutation goes one way: its resolver is decorated with ``@returns_errors(ItsPayload)``,
signs the viewer in with ``require_user(context)`` when it needs one, raises (or lets services
raise) ``UserFacingError``, and returns the payload of a success. The decorator turns the error
into the payload's ``errors``, with every other field of the payload empty (``failure``).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, ParamSpec, Protocol, TypeVar, cast

import strawberry

from pixvault.core.errors import UserError, UserFacingError

if TYPE_CHECKING:
    from pixvault.graphkit.context import Context


@strawberry.type(description="The answer to a mutation that has nothing to return but success.")
class OkPayload:
    ok: bool = strawberry.field(
        description="true when it was done; false when errors says why not."
    )
    errors: list[UserError] = UserError.payload_field()

    @classmethod
    def success(cls) -> OkPayload:
        return cls(ok=True, errors=[])


@strawberry.type(description="The answer to a mutation that deletes something.")
class DeletePayload:
    deleted_id: strawberry.ID | None = strawberry.field(
        description="The id of what was deleted, to drop it from client caches; null when errors "
        "says why nothing was."
    )
    errors: list[UserError] = UserError.payload_field()


class Payload(Protocol):
    errors: list[UserError]


P = TypeVar("P", bound=Payload)
Args = ParamSpec("Args")


def failure(payload: type[P], error: UserFacingError) -> P:
    """``payload`` carrying ``error``, its other fields empty: False for a flag, else None."""
    build: Callable[..., P] = payload
    empty = {
        field.name: False if field.type in (bool, "bool") else None
        for field in dataclasses.fields(cast(Any, payload))
        if field.name != "errors"
    }
    return build(errors=[error.as_user_error()], **empty)


def returns_errors(
    payload: type[P],
) -> Callable[[Callable[Args, Awaitable[P]]], Callable[Args, Awaitable[P]]]:
    """Decorate a mutation resolver so that a UserFacingError becomes ``payload``'s errors.

    Put it under ``@strawberry.mutation`` (or ``described.mutation``); the resolver keeps its
    signature, so Strawberry sees the same arguments.
    """

    def decorate(resolver: Callable[Args, Awaitable[P]]) -> Callable[Args, Awaitable[P]]:
        @functools.wraps(resolver)
        async def resolve(*args: Args.args, **kwargs: Args.kwargs) -> P:
            try:
                return await resolver(*args, **kwargs)
            except UserFacingError as error:
                return failure(payload, error)

        return resolve

    return decorate


def require_user(context: Context) -> str:
    """The signed-in user's id: the one "must be signed in" rule of mutations.

    Raises UNAUTHENTICATED, which ``returns_errors`` turns into the payload's error.
    """
    if context.viewer.user_id is None:
        raise UserFacingError("UNAUTHENTICATED", "Sign in first.")
    return context.viewer.user_id
