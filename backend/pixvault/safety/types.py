"""GraphQL types of the safety domain. Who may read each field: safety/permissions.py."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from pixvault.accounts.loaders import user_loader
from pixvault.accounts.types import User
from pixvault.assets import library
from pixvault.assets.loaders import asset_loader
from pixvault.assets.types import Asset
from pixvault.core.errors import UserError
from pixvault.graphkit.context import Context
from pixvault.safety import models
from pixvault.safety.abuse import AbuseReason, ReportStatus
from pixvault.safety.contact import Topic


@strawberry.type(description="A message sent through the contact form.")
class ContactMessage:
    id: strawberry.ID = strawberry.field(
        description="The message's id (the reference in the sender's acknowledgement)."
    )
    topic: Topic = strawberry.field(description="What it is about.")
    name: str = strawberry.field(description="The name the sender gave.")
    email: str = strawberry.field(description="The address to reply to.")
    subject: str = strawberry.field(description="The subject line.")
    message: str = strawberry.field(description="The text, up to 5000 characters.")
    created_at: datetime = strawberry.field(description="When it was received.")
    handled_at: datetime | None = strawberry.field(
        description="When staff marked it handled; null while it waits."
    )
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

    @strawberry.field(description="Whether staff marked it handled.")
    def handled(self) -> bool:
        return self.handled_at is not None

    @strawberry.field(description="the sender's account, when they were signed in")
    async def user(self, info: Info[Context, None]) -> User | None:
        if self.user_id is None:
            return None
        row = await user_loader(info.context).load(self.user_id)
        return User.from_model(row) if row else None


@strawberry.type(description="The answer to sendContactMessage and markContactMessageHandled.")
class ContactPayload:
    message: ContactMessage | None = strawberry.field(
        description="The message as it is now; null when errors says why nothing changed."
    )
    errors: list[UserError] = UserError.payload_field()


@strawberry.type(description="A report that an image breaks the rules, and what staff decided.")
class AbuseReport:
    id: strawberry.ID = strawberry.field(description="The report's id.")
    reason: AbuseReason = strawberry.field(description="Why the image was reported.")
    details: str | None = strawberry.field(
        description="What the reporter wrote; null when nothing."
    )
    status: ReportStatus = strawberry.field(description="Where the report stands.")
    created_at: datetime = strawberry.field(description="When it was reported.")
    resolved_at: datetime | None = strawberry.field(
        description="When staff decided; null while OPEN."
    )
    resolution_note: str | None = strawberry.field(
        description="Why staff decided as they did (told to the owner when upheld); null when "
        "none was given."
    )
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

    @strawberry.field(
        description="The reporter's email address, for questions; null when they gave none."
    )
    def reporter_email(self) -> str | None:
        return self.email

    @strawberry.field(description="null once the asset is gone or when you may not see it")
    async def asset(self, info: Info[Context, None]) -> Asset | None:
        context = info.context
        if self.asset_id is None:
            return None
        row = await asset_loader(context).load(self.asset_id)
        if row is None or not library.may_see(context.viewer, row):
            return None
        if not library.is_public(row) and not context.viewer.is_self(self.owner_id):
            context.audit_read("AbuseReport.asset", self.owner_id)
        return Asset.from_model(row)


@strawberry.type(description="The answer to reportAsset and resolveAbuseReport.")
class AbuseReportPayload:
    report: AbuseReport | None = strawberry.field(
        description="The report as it is now; null when errors says why nothing changed."
    )
    errors: list[UserError] = UserError.payload_field()
