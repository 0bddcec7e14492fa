"""Mutation payloads of the accounts domain."""

from __future__ import annotations

import strawberry

from pixvault.accounts.types import ApiToken, User
from pixvault.graph.errors import UserError


@strawberry.type
class AuthPayload:
    user: User | None
    errors: list[UserError]


@strawberry.type
class UserPayload:
    user: User | None
    errors: list[UserError]


@strawberry.type
class ApiTokenPayload:
    token: ApiToken | None
    secret: str | None = strawberry.field(description="shown once")
    errors: list[UserError]
