"""GraphQL types of restrictions of processing and of notices to recipients."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import strawberry
from strawberry.types import Info

from pixvault.accounts.loaders import user_loader
from pixvault.accounts.types import User
from pixvault.core import described
from pixvault.core.clock import now
from pixvault.core.errors import UserError
from pixvault.graphkit.context import Context
from pixvault.privacy import rights_models


@strawberry.type(description="A restriction of the processing of a person's data (Art. 18)")
class ProcessingRestriction:
    id: strawberry.ID = strawberry.field(description="The restriction's id.")
    grounds: str | None = strawberry.field(
        description="Why it was asked for (Art. 18(1)), as the person wrote; null if not given."
    )
    placed_at: datetime = strawberry.field(description="When it took effect.")
    lifts_at: datetime | None = strawberry.field(
        description="when it ends, once staff lifted it (the person was told beforehand)"
    )
    lift_reason: str | None = strawberry.field(
        description="Why staff lifted it, as told to the person; null while not lifted."
    )
    row: strawberry.Private[rights_models.ProcessingRestriction]

    @classmethod
    def from_model(cls, row: rights_models.ProcessingRestriction) -> ProcessingRestriction:
        return cls(
            id=strawberry.ID(str(row.id)),
            grounds=row.grounds,
            placed_at=row.placed_at,
            lifts_at=row.lifts_at,
            lift_reason=row.lift_reason,
            row=row,
        )

    @strawberry.field(description="whether it still stands")
    def active(self) -> bool:
        return self.row.lifts_at is None or self.row.lifts_at > now()

    @strawberry.field(description="the request that asked for it")
    def request_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.row.request_id))

    @strawberry.field(description="the person whose data it restricts")
    async def subject(self, info: Info[Context, None]) -> User | None:
        user = await user_loader(info.context).load(str(self.row.user_id))  # type: ignore[attr-defined]
        return User.from_model(user) if user else None


@strawberry.type(description="The answer to liftProcessingRestriction.")
class ProcessingRestrictionPayload:
    restriction: ProcessingRestriction | None = strawberry.field(
        description="The restriction as it is now; null when errors says why nothing changed."
    )
    errors: list[UserError] = UserError.payload_field()


@described.enum(
    "Which register a recipient comes from.",
    {
        "PROCESSOR": "The processors register (Query.processors).",
        "DISCLOSURE": "The log of disclosures to third parties (Query.disclosures).",
    },
)
class RecipientSource(StrEnum):
    PROCESSOR = "PROCESSOR"
    DISCLOSURE = "DISCLOSURE"


@strawberry.type(description="A notice to a recipient of a person's data (Art. 19)")
class RecipientNotice:
    id: strawberry.ID = strawberry.field(description="The notice's id.")
    source: RecipientSource = strawberry.field(
        description="PROCESSOR: the processors register; DISCLOSURE: the disclosures log"
    )
    recipient: str = strawberry.field(description="Who was told, by name.")
    action: str = strawberry.field(description="RECTIFICATION or ERASURE")
    created_at: datetime = strawberry.field(description="When the notice was made.")

    @classmethod
    def from_model(cls, row: rights_models.RecipientNotice) -> RecipientNotice:
        return cls(
            id=strawberry.ID(str(row.id)),
            source=RecipientSource(row.source),
            recipient=row.recipient,
            action=row.action,
            created_at=row.created_at,
        )
