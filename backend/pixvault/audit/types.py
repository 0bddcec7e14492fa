"""GraphQL types of the audit trail."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from pixvault.accounts.loaders import user_loader
from pixvault.accounts.types import User
from pixvault.audit import models
from pixvault.graphkit.context import Context


async def _user(info: Info[Context, None], user_id: str | None) -> User | None:
    if user_id is None:
        return None
    row = await user_loader(info.context).load(user_id)
    return User.from_model(row) if row else None


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
    async def actor(self, info: Info[Context, None]) -> User | None:
        return await _user(info, self.row.actor_id)

    @strawberry.field(description="the user whose data was read or changed, if any")
    async def subject(self, info: Info[Context, None]) -> User | None:
        return await _user(info, self.row.subject_id)
