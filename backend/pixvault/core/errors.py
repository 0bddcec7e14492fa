"""Errors a client can act on: UserError in payloads, and coded GraphQL errors for guards."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError

from pixvault.core import ratelimit
from pixvault.core.error_codes import UserErrorCode


@strawberry.type(description="An expected failure: bad input, a wrong password, a quota.")
class UserError:
    field: str | None = strawberry.field(
        description="The input field the error is about, as its name in the mutation's input "
        "(e.g. `email`), or null when it is about the request as a whole."
    )
    code: str = strawberry.field(
        description="The error's code as a string, the same as `kind` (which lists them all)."
    )
    message: str = strawberry.field(
        description="A sentence for people, in English; show it, but branch on `kind`."
    )
    retry_after: int | None = strawberry.field(
        default=None,
        description="For RATE_LIMITED: seconds to wait before trying again (also the "
        "response's Retry-After header).",
    )

    @staticmethod
    def payload_field() -> Any:
        """The ``errors`` field of every mutation payload, described once."""
        return strawberry.field(
            description="What went wrong, each with its code; empty when the mutation "
            "succeeded (the payload's other fields are then set)."
        )

    @strawberry.field(description="What went wrong, as one of the documented codes.")
    def kind(self) -> UserErrorCode:
        return UserErrorCode(self.code)


class UserFacingError(Exception):
    """Raised inside services for an expected failure; resolvers turn it into a UserError."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def as_user_error(self) -> UserError:
        wait = ratelimit.retry_after() if self.code == "RATE_LIMITED" else None
        return UserError(field=self.field, code=self.code, message=self.message, retry_after=wait)


def forbidden(message: str = "You may not read this field.") -> GraphQLError:
    return GraphQLError(message, extensions={"code": "FORBIDDEN"})


def unauthenticated(message: str = "Sign in to read this field.") -> GraphQLError:
    return GraphQLError(message, extensions={"code": "UNAUTHENTICATED"})


def two_factor_required() -> GraphQLError:
    return GraphQLError(
        "Staff roles need two-factor log-in: turn it on under Account, Two-factor log-in.",
        extensions={"code": "TWO_FACTOR_REQUIRED"},
    )
