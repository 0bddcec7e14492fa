"""GraphQL types of the audit trail."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from pixvault.accounts.loaders import user_loader
from pixvault.accounts.types import User
from pixvault.audit import models
from pixvault.graph.context import Context


async def _user(info: Info[Context, None], user_id: str | None) -> User | None:
    if user_id is None:
        return None
    row = await user_loader(info.context).load(user_id)
    return User.from_model(row) if row else None


@strawberry.type
class AuditEntry:
    id: strawberry.ID
    at: datetime
    action: str
    target: str | None
    ip_address: str | None
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

    @strawberry.field
    async def actor(self, info: Info[Context, None]) -> User | None:
        return await _user(info, self.row.actor_id)

    @strawberry.field(description="the user whose data was read or changed, if any")
    async def subject(self, info: Info[Context, None]) -> User | None:
        return await _user(info, self.row.subject_id)
