"""GraphQL types of the records domain. Who may read each field: records/permissions.py."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from pixvault.accounts.loaders import user_loader
from pixvault.accounts.types import User
from pixvault.graph.context import Context
from pixvault.graph.errors import UserError
from pixvault.graph.viewer import Viewer
from pixvault.records import models, processors
from pixvault.records.disclosures import LegalBasis
from pixvault.records.holds import holds_of


@strawberry.type
class Processor:
    name: str
    kind: str = strawberry.field(description="SERVICE_PROVIDER or AFFILIATE")
    purpose: str
    data_categories: list[str]
    location: str
    transfer_mechanism: str | None

    @classmethod
    def from_entry(cls, entry: processors.Processor) -> Processor:
        return cls(
            name=entry.name,
            kind=entry.kind,
            purpose=entry.purpose,
            data_categories=list(entry.data_categories),
            location=entry.location,
            transfer_mechanism=entry.transfer_mechanism,
        )


async def load_user(info: Info[Context, None], user_id: str | None) -> User | None:
    if user_id is None:
        return None
    row = await user_loader(info.context).load(user_id)
    return User.from_model(row) if row else None


@strawberry.type
class LegalHold:
    id: strawberry.ID
    reason: str
    reference: str | None = strawberry.field(description="a case, court order or ticket number")
    placed_at: datetime
    released_at: datetime | None
    subject_id: strawberry.Private[str]

    @classmethod
    def from_model(cls, row: models.LegalHold) -> LegalHold:
        return cls(
            id=strawberry.ID(str(row.id)),
            reason=row.reason,
            reference=row.reference,
            placed_at=row.placed_at,
            released_at=row.released_at,
            subject_id=str(row.user_id),  # type: ignore[attr-defined]
        )

    @strawberry.field(description="the person whose data is held")
    async def subject(self, info: Info[Context, None]) -> User | None:
        return await load_user(info, self.subject_id)


@strawberry.type
class LegalHoldPayload:
    hold: LegalHold | None
    errors: list[UserError] = UserError.payload_field()


#: What the person held reads instead of a hold's reason: a hold may serve a court order that
#: forbids telling them about the case (tipping-off), so they learn only that it exists.
RETAINED_FOR_A_LEGAL_REASON = "Your data is retained for a legal reason."


async def legal_holds_of(user_id: str, viewer: Viewer) -> list[LegalHold]:
    """User.legalHolds: standing and released, newest first. The person held sees each hold
    and its dates, but neither its reason nor its reference (even if they are an officer)."""
    holds = [LegalHold.from_model(row) for row in await holds_of(user_id)]
    if viewer.is_self(user_id):
        for hold in holds:
            hold.reason, hold.reference = RETAINED_FOR_A_LEGAL_REASON, None
    return holds


@strawberry.type
class Disclosure:
    id: strawberry.ID
    recipient: str
    legal_basis: LegalBasis
    data_categories: list[str] = strawberry.field(description="the kinds of personal data given")
    reference: str | None = strawberry.field(description="a case, court order or ticket number")
    disclosed_at: datetime
    recorded_at: datetime
    subject_id: strawberry.Private[str]

    @classmethod
    def from_model(cls, row: models.Disclosure) -> Disclosure:
        return cls(
            id=strawberry.ID(str(row.id)),
            recipient=row.recipient,
            legal_basis=LegalBasis(row.legal_basis),
            data_categories=list(row.data_categories),
            reference=row.reference,
            disclosed_at=row.disclosed_at,
            recorded_at=row.recorded_at,
            subject_id=str(row.user_id),  # type: ignore[attr-defined]
        )

    @strawberry.field(description="the person whose data was disclosed")
    async def subject(self, info: Info[Context, None]) -> User | None:
        return await load_user(info, self.subject_id)


@strawberry.type
class DisclosurePayload:
    disclosure: Disclosure | None
    errors: list[UserError] = UserError.payload_field()


@strawberry.type(
    description="who is responsible for personal data here, how to reach them about it, and "
    "where to complain (the policy pages show it)"
)
class DataController:
    name: str
    address: str | None
    privacy_contact: str
    supervisory_authority_name: str
    supervisory_authority_url: str
    automated_decisions: str
