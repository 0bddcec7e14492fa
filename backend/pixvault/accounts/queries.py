"""Queries of the accounts domain."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.expressions import Q

from pixvault.accounts import models
from pixvault.accounts.loaders import user_loader
from pixvault.accounts.types import User
from pixvault.core.ids import parse_uuid
from pixvault.graphkit.context import Context
from pixvault.graphkit.pagination import After, Before, Connection, First, Last, paginate


@strawberry.type
class AccountsQuery:
    @strawberry.field(
        description="the minimum age to create an account (PIXVAULT_MINIMUM_AGE), which "
        "sign-up asks people to confirm"
    )
    def minimum_age(self, info: Info[Context, None]) -> int:
        return info.context.runtime.settings.minimum_age

    @strawberry.field(description="the signed-in user, or null")
    async def me(self, info: Info[Context, None]) -> User | None:
        user_id = info.context.viewer.user_id
        if user_id is None:
            return None
        row = await user_loader(info.context).load(user_id)
        return User.from_model(row) if row else None

    @strawberry.field(description="One account by id; null when there is none.")
    async def user(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The user's id.")],
    ) -> User | None:
        key = parse_uuid(id)
        row = await user_loader(info.context).load(str(key)) if key else None
        return User.from_model(row) if row else None

    @strawberry.field(
        description="Every account, newest first, a page at a time. A search is audited."
    )
    async def users(
        self,
        info: Info[Context, None],
        first: First = 50,
        after: After = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Only accounts whose email, name or company name contains this "
                "text (any case); null or blank: every account."
            ),
        ] = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[User] | None:
        query = models.User.all()
        term = (search or "").strip()
        if term:
            query = query.filter(
                Q(email__icontains=term) | Q(name__icontains=term) | Q(company_name__icontains=term)
            )
        page = await paginate(
            query.order_by("-created_at", "id"),
            first,
            after,
            User.from_model,
            last=last,
            before=before,
        )
        if term:
            audit_search(info.context, term, page)
        return page


def audit_search(context: Context, term: str, page: Connection[User]) -> None:
    """A staff search can confirm or rebuild names and emails without reading one field (its
    totalCount, or the ids it returns), so the search is audited: once with its term and how
    many it found, and once for each person returned, under that person's id."""
    found = [str(edge.node.id) for edge in page.edges]
    context.audit_action("SEARCH_USERS", None, f"{len(found)} of {page.total_count} for: {term}")
    for user_id in found:
        context.audit_action("SEARCH_USERS", user_id, f"found by: {term}")
