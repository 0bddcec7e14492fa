"""Queries of the accounts domain."""

from __future__ import annotations

import uuid

import strawberry
from strawberry.types import Info
from tortoise.expressions import Q

from pixvault.accounts import models
from pixvault.accounts.types import User
from pixvault.graph.context import Context
from pixvault.graph.pagination import Connection, paginate


def parse_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@strawberry.type
class AccountsQuery:
    @strawberry.field(description="the signed-in user, or null")
    async def me(self, info: Info[Context, None]) -> User | None:
        user_id = info.context.viewer.user_id
        if user_id is None:
            return None
        row = await models.User.get_or_none(id=user_id)
        return User.from_model(row) if row else None

    @strawberry.field
    async def user(self, id: strawberry.ID) -> User | None:
        key = parse_uuid(id)
        row = await models.User.get_or_none(id=key) if key else None
        return User.from_model(row) if row else None

    @strawberry.field
    async def users(
        self,
        first: int | None = 50,
        after: str | None = None,
        search: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[User] | None:
        query = models.User.all()
        if search and search.strip():
            term = search.strip()
            query = query.filter(
                Q(email__icontains=term) | Q(name__icontains=term) | Q(company_name__icontains=term)
            )
        return await paginate(
            query.order_by("-created_at", "id"),
            first,
            after,
            User.from_model,
            last=last,
            before=before,
        )
