"""GraphQL types of the safety domain. Who may read each field: safety/permissions.py."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from pixvault.accounts.loaders import user_loader
from pixvault.accounts.types import User
from pixvault.assets import library
from pixvault.assets.types import Asset
from pixvault.graph.context import Context
from pixvault.graph.errors import UserError
from pixvault.safety import models
from pixvault.safety.abuse import AbuseReason, ReportStatus
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
    errors: list[UserError] = UserError.payload_field()


@strawberry.type
class AbuseReport:
    id: strawberry.ID
    reason: AbuseReason
    details: str | None
    status: ReportStatus
    created_at: datetime
    resolved_at: datetime | None
    resolution_note: str | None
    asset_id: strawberry.Private[str | None]
    owner_id: strawberry.Private[str]
    email: strawberry.Private[str]

    @classmethod
    def from_model(cls, row: models.AbuseReport) -> AbuseReport:
        return cls(
            id=strawberry.ID(str(row.id)),
            reason=AbuseReason(row.reason),
            details=row.details,
            status=ReportStatus(row.status),
            created_at=row.created_at,
            resolved_at=row.resolved_at,
            resolution_note=row.resolution_note,
            asset_id=str(row.asset_id) if row.asset_id else None,  # type: ignore[attr-defined]
            owner_id=str(row.owner_id),  # type: ignore[attr-defined]
            email=row.reporter_email,
        )

    @strawberry.field(description="STAFF only")
    def reporter_email(self) -> str | None:
        return self.email

    @strawberry.field(description="null once the asset is gone or when you may not see it")
    async def asset(self, info: Info[Context, None]) -> Asset | None:
        context = info.context
        if self.asset_id is None:
            return None
        row = await library.visible_asset(context.viewer, self.asset_id)
        if row is None:
            return None
        if not library.is_public(row) and not context.viewer.is_self(self.owner_id):
            context.audit_read("AbuseReport.asset", self.owner_id)
        return Asset.from_model(row)


@strawberry.type
class AbuseReportPayload:
    report: AbuseReport | None
    errors: list[UserError] = UserError.payload_field()
