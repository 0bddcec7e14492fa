"""GraphQL types of the breach register."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from pixvault.core.clock import now
from pixvault.core.errors import UserError
from pixvault.graphkit.context import Context
from pixvault.records import breach_models, breaches
from pixvault.records.loaders import breach_counts_loader


@strawberry.type(description="A personal data breach (GDPR Art. 33 and 34)")
class Breach:
    id: strawberry.ID = strawberry.field(description="The breach's id.")
    description: str = strawberry.field(description="What happened.")
    discovered_at: datetime = strawberry.field(
        description="When it was discovered; the authority's 72 hours run from here."
    )
    data_categories: list[str] = strawberry.field(
        description="The kinds of personal data concerned."
    )
    recorded_at: datetime = strawberry.field(description="When it was recorded here.")
    authority_notified_at: datetime | None = strawberry.field(
        description="When the supervisory authority was told; null until it is."
    )
    authority_reference: str | None = strawberry.field(
        description="The authority's reference for the notification; null when none was given."
    )
    people_notice: str | None = strawberry.field(description="what the affected people are told")
    people_notice_requested_at: datetime | None = strawberry.field(
        description="When notifyBreachSubjects asked for the emails to go out; null until then."
    )
    row: strawberry.Private[breach_models.BreachIncident]

    @classmethod
    def from_model(cls, row: breach_models.BreachIncident) -> Breach:
        return cls(
            id=strawberry.ID(str(row.id)),
            description=row.description,
            discovered_at=row.discovered_at,
            data_categories=list(row.data_categories),
            recorded_at=row.recorded_at,
            authority_notified_at=row.authority_notified_at,
            authority_reference=row.authority_reference,
            people_notice=row.people_notice,
            people_notice_requested_at=row.people_notice_requested_at,
            row=row,
        )

    @strawberry.field(description="how the affected people were chosen")
    def selection(self) -> JSON:
        return JSON(self.row.selection)

    @strawberry.field(description="72 hours after discovery: when the authority must be told")
    def authority_due_at(self) -> datetime:
        return breaches.authority_due(self.row)

    @strawberry.field(description="not yet notified to the authority, and past authorityDueAt")
    def authority_overdue(self) -> bool:
        return breaches.authority_overdue(self.row)

    @strawberry.field(description="seconds left to notify the authority (negative: overdue)")
    def authority_seconds_left(self) -> int | None:
        if self.row.authority_notified_at is not None:
            return None
        return int((breaches.authority_due(self.row) - now()).total_seconds())

    @strawberry.field(description="how many people it touched")
    async def affected_count(self, info: Info[Context, None]) -> int:
        return (await breach_counts_loader(info.context).load(str(self.row.id)))[0]

    @strawberry.field(description="how many of them were emailed")
    async def notified_count(self, info: Info[Context, None]) -> int:
        return (await breach_counts_loader(info.context).load(str(self.row.id)))[1]


@strawberry.type(description="The answer to a mutation on a breach.")
class BreachPayload:
    breach: Breach | None = strawberry.field(
        description="The breach as it is now; null when errors says why nothing changed."
    )
    errors: list[UserError] = UserError.payload_field()
