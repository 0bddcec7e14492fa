"""GraphQL types of the safety domain. Who may read each field: safety/permissions.py."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from pixvault.accounts.loaders import user_loader
from pixvault.accounts.types import User
from pixvault.graph.context import Context
from pixvault.graph.errors import UserError
from pixvault.safety import models
from pixvault.safety.contact import Topic


@strawberry.type
class ContactMessage:
    id: strawberry.ID
    topic: Topic
    name: str
    email: str
    subject: str
    message: str
    created_at: datetime
    handled_at: datetime | None
    user_id: strawberry.Private[str | None]

    @classmethod
    def from_model(cls, row: models.ContactMessage) -> ContactMessage:
        user_id = row.user_id  # type: ignore[attr-defined]
        return cls(
            id=strawberry.ID(str(row.id)),
            topic=Topic(row.topic),
            name=row.name,
            email=row.email,
            subject=row.subject,
            message=row.message,
            created_at=row.created_at,
            handled_at=row.handled_at,
            user_id=str(user_id) if user_id else None,
        )

    @strawberry.field
    def handled(self) -> bool:
        return self.handled_at is not None

    @strawberry.field(description="the sender's account, when they were signed in")
    async def user(self, info: Info[Context, None]) -> User | None:
        if self.user_id is None:
            return None
        row = await user_loader(info.context).load(self.user_id)
        return User.from_model(row) if row else None


@strawberry.type
class ContactPayload:
    message: ContactMessage | None
    errors: list[UserError]
