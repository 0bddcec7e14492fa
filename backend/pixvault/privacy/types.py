"""GraphQL types of data subject requests."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from pixvault.accounts.loaders import user_loader
from pixvault.accounts.types import User
from pixvault.core import described
from pixvault.core.clock import now
from pixvault.core.errors import UserError
from pixvault.graphkit.context import Context
from pixvault.privacy import models
from pixvault.privacy.exports import export_url
from pixvault.privacy.loaders import recipient_notices_loader, requests_loader
from pixvault.privacy.rights_types import RecipientNotice


@described.enum(
    "Which GDPR right a data subject request exercises.",
    {
        "ACCESS": "A copy of the person's data (Art. 15), as a downloadable export.",
        "RECTIFICATION": "Correct inaccurate data (Art. 16); `corrections` says what.",
        "ERASURE": "Erase the account and its data (Art. 17).",
        "RESTRICTION": "Restrict processing of the data (Art. 18) while something is settled.",
        "OBJECTION": "Object to a processing (Art. 21); `purpose` says which.",
    },
)
class DsarKind(StrEnum):
    ACCESS = "ACCESS"
    RECTIFICATION = "RECTIFICATION"
    ERASURE = "ERASURE"
    RESTRICTION = "RESTRICTION"
    OBJECTION = "OBJECTION"


@described.enum(
    "what an OBJECTION objects to",
    {
        "ANALYTICS": "Usage analytics; upheld, it withdraws ANALYTICS consent.",
        "MARKETING_EMAIL": "Marketing emails; upheld, it withdraws MARKETING_EMAIL consent.",
        "OTHER": "Another processing, described in the request's details.",
    },
)
class ObjectionPurpose(StrEnum):
    ANALYTICS = "ANALYTICS"
    MARKETING_EMAIL = "MARKETING_EMAIL"
    OTHER = "OTHER"


@described.enum(
    "Where a data subject request stands.",
    {
        "AWAITING_VERIFICATION": "Received; waits for the link mailed to the requester to "
        "be followed.",
        "VERIFIED": "The requester's identity is confirmed; waits to be worked on.",
        "IN_PROGRESS": "Being carried out (an export or erasure may be running).",
        "COMPLETED": "Done.",
        "REJECTED": "Refused; rejectionReason says why.",
    },
)
class DsarStatus(StrEnum):
    AWAITING_VERIFICATION = "AWAITING_VERIFICATION"
    VERIFIED = "VERIFIED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    REJECTED = "REJECTED"


@strawberry.type(
    description="A GDPR data subject request (access, rectification, erasure, restriction, "
    "objection), answered within a month of receipt."
)
class DataSubjectRequest:
    id: strawberry.ID = strawberry.field(description="The request's id.")
    kind: DsarKind = strawberry.field(description="Which right it exercises.")
    status: DsarStatus = strawberry.field(description="Where it stands.")
    requester_email: str | None = strawberry.field(
        description="The address the requester gave; null once erased."
    )
    details: str | None = strawberry.field(
        description="What the requester wrote; null when they wrote nothing."
    )
    received_at: datetime = strawberry.field(description="When it was submitted.")
    verified_at: datetime | None = strawberry.field(
        description="When the requester confirmed it; null until then."
    )
    due_at: datetime = strawberry.field(description="one month after receipt, or the extended date")
    extension_reason: str | None = strawberry.field(
        description="Why the deadline was extended (Art. 12(3)); null unless it was."
    )
    completed_at: datetime | None = strawberry.field(
        description="When it was completed or rejected; null while open."
    )
    rejection_reason: str | None = strawberry.field(
        description="Why it was rejected, as told to the requester; null unless REJECTED."
    )
    progress: float | None = strawberry.field(
        description="0 to 1 while an export or an erasure runs"
    )
    internal_notes: str | None = strawberry.field(
        description="Staff notes on how it was handled; never shown to the requester."
    )
    row: strawberry.Private[models.DataSubjectRequest]

    @property
    def subject_id(self) -> str | None:
        subject: object = self.row.subject_id  # type: ignore[attr-defined]
        return str(subject) if subject else None

    @classmethod
    def from_model(cls, row: models.DataSubjectRequest) -> DataSubjectRequest:
        return cls(
            id=strawberry.ID(str(row.id)),
            kind=DsarKind(row.kind),
            status=DsarStatus(row.status),
            requester_email=row.requester_email,
            details=row.details,
            received_at=row.received_at,
            verified_at=row.verified_at,
            due_at=row.due_at,
            extension_reason=row.extension_reason,
            completed_at=row.completed_at,
            rejection_reason=row.rejection_reason,
            progress=row.progress,
            internal_notes=row.internal_notes,
            row=row,
        )

    @strawberry.field(description="the person it is about")
    async def subject(self, info: Info[Context, None]) -> User | None:
        if self.subject_id is None:
            return None
        user = await user_loader(info.context).load(self.subject_id)
        return User.from_model(user) if user else None

    @strawberry.field(description="for a completed ACCESS request; signed, expiring")
    def export_url(self, info: Info[Context, None]) -> str | None:
        return export_url(info.context.runtime.settings, self.row)

    @strawberry.field(description="the corrections asked for (RECTIFICATION)")
    def corrections(self) -> JSON | None:
        return JSON(self.row.corrections) if self.row.corrections is not None else None

    @strawberry.field(description="RECTIFICATION: what was changed, from and to")
    def result(self) -> JSON | None:
        return JSON(self.row.result) if self.row.result is not None else None

    @strawberry.field(description="OBJECTION: what it objects to")
    def purpose(self) -> ObjectionPurpose | None:
        return ObjectionPurpose(self.row.purpose) if self.row.purpose else None

    @strawberry.field(description="why a verified request waits, e.g. a legal hold")
    def waiting_reason(self) -> str | None:
        return self.row.waiting_reason

    @strawberry.field(
        description="RECTIFICATION, ERASURE: the processors and recipients told of it (Art. 19)"
    )
    async def recipient_notices(self, info: Info[Context, None]) -> list[RecipientNotice]:
        rows = await recipient_notices_loader(info.context).load(str(self.row.id))
        return [RecipientNotice.from_model(row) for row in rows]

    @strawberry.field(description="open and past its due date")
    def overdue(self) -> bool:
        return self.row.status not in ("COMPLETED", "REJECTED") and self.row.due_at < now()


@strawberry.type(description="The answer to a mutation on a data subject request.")
class DataSubjectRequestPayload:
    request: DataSubjectRequest | None = strawberry.field(
        description="The request as it is now; null when errors says why nothing changed."
    )
    errors: list[UserError] = UserError.payload_field()


async def data_subject_requests_of(context: Context, user_id: str) -> list[DataSubjectRequest]:
    """User.dataSubjectRequests: the person's requests, newest first, through the request's
    loader."""
    rows = await requests_loader(context).load(user_id)
    return [DataSubjectRequest.from_model(row) for row in rows]
