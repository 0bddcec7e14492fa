"""GraphQL types of the audit trail."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from pixvault.audit import models
from pixvault.core.installed import Installed
from pixvault.graphkit.context import Context

if TYPE_CHECKING:
    from pixvault.accounts.types import User

#: A user's GraphQL object by id, through the request's user loader (wiring.py): accounts
#: sits above audit (it records its events in the trail), so the runtime installs it.
user_by_id: Installed[Callable[[Context, str], Awaitable[User | None]]] = Installed(
    "The audit trail's user lookup"
)
LazyUser = Annotated["User", strawberry.lazy("pixvault.accounts.types")]


async def _user(info: Info[Context, None], user_id: str | None) -> User | None:
    return None if user_id is None else await user_by_id()(info.context, user_id)


@strawberry.type(
    description="One entry of the append-only, hash-chained audit trail: a staff read or "
    "action on someone's data, or a security event."
)
class AuditEntry:
    id: strawberry.ID = strawberry.field(
        description="The entry's id; ids rise in the order entries were written."
    )
    at: datetime = strawberry.field(description="When it happened.")
    action: str = strawberry.field(
        description="What was done, as an upper-case code, e.g. READ_PERSONAL_DATA, SEARCH_USERS, "
        "SET_ROLES, DISABLE_ACCOUNT."
    )
    target: str | None = strawberry.field(
        description="What it was done to, e.g. a field (User.email), an id or a search term; "
        "null when the action says it all."
    )
    ip_address: str | None = strawberry.field(
        description="The actor's IPv4 or IPv6 address; null for the system or when unknown."
    )
    row: strawberry.Private[models.AuditEntry]

    @classmethod
    def from_model(cls, row: models.AuditEntry) -> AuditEntry:
        return cls(
            id=strawberry.ID(str(row.id)),
            at=row.at,
            action=row.action,
            target=row.target,
            ip_address=row.ip_address,
            row=row,
        )

    @strawberry.field(description="Who did it; null for the system (jobs, the command line).")
    async def actor(self, info: Info[Context, None]) -> LazyUser | None:
        return await _user(info, self.row.actor_id)

    @strawberry.field(description="the user whose data was read or changed, if any")
    async def subject(self, info: Info[Context, None]) -> LazyUser | None:
        return await _user(info, self.row.subject_id)
