"""GraphQL types of the records domain. Who may read each field: records/permissions.py."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from pixvault.accounts.loaders import user_loader
from pixvault.accounts.types import User
from pixvault.core.errors import UserError
from pixvault.graphkit.context import Context
from pixvault.records import models, processors
from pixvault.records.disclosures import LegalBasis
from pixvault.records.loaders import legal_holds_loader


@strawberry.type(
    description="A service provider or affiliate that processes personal data for the operator."
)
class Processor:
    name: str = strawberry.field(description="Its name.")
    kind: str = strawberry.field(description="SERVICE_PROVIDER or AFFILIATE")
    purpose: str = strawberry.field(description="What it does with the data.")
    data_categories: list[str] = strawberry.field(
        description="The kinds of personal data it receives (e.g. email address)."
    )
    location: str = strawberry.field(description="Where it processes the data (countries).")
    transfer_mechanism: str | None = strawberry.field(
        description="The safeguard for a transfer outside the EEA (e.g. standard contractual "
        "clauses); null when the data stays inside it."
    )

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


@strawberry.type(
    description="A legal hold: while it stands, the person's data is kept even if they ask "
    "for erasure."
)
class LegalHold:
    id: strawberry.ID = strawberry.field(description="The hold's id, for releaseLegalHold.")
    reason: str = strawberry.field(
        description="Why the data is kept; the person held reads only that it is kept for a "
        "legal reason."
    )
    reference: str | None = strawberry.field(description="a case, court order or ticket number")
    placed_at: datetime = strawberry.field(description="When it was placed.")
    released_at: datetime | None = strawberry.field(
        description="When it was released; null while it stands."
    )
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


@strawberry.type(description="The answer to placeLegalHold and releaseLegalHold.")
class LegalHoldPayload:
    hold: LegalHold | None = strawberry.field(
        description="The hold as it is now; null when errors says why nothing changed."
    )
    errors: list[UserError] = UserError.payload_field()


#: What the person held reads instead of a hold's reason: a hold may serve a court order that
#: forbids telling them about the case (tipping-off), so they learn only that it exists.
RETAINED_FOR_A_LEGAL_REASON = "Your data is retained for a legal reason."


async def legal_holds_of(context: Context, user_id: str) -> list[LegalHold]:
    """User.legalHolds: standing and released, newest first. The person held sees each hold
    and its dates, but neither its reason nor its reference (even if they are an officer)."""
    rows = await legal_holds_loader(context).load(user_id)
    holds = [LegalHold.from_model(row) for row in rows]
    if context.viewer.is_self(user_id):
        for hold in holds:
            hold.reason, hold.reference = RETAINED_FOR_A_LEGAL_REASON, None
    return holds


@strawberry.type(
    description="A record that someone's personal data was given to a third party, e.g. an "
    "authority (kept for the person's access requests and Art. 19 notices)."
)
class Disclosure:
    id: strawberry.ID = strawberry.field(description="The disclosure's id.")
    recipient: str = strawberry.field(description="Who received the data.")
    legal_basis: LegalBasis = strawberry.field(description="The lawful basis it was given on.")
    data_categories: list[str] = strawberry.field(description="the kinds of personal data given")
    reference: str | None = strawberry.field(description="a case, court order or ticket number")
    disclosed_at: datetime = strawberry.field(description="When the data was given.")
    recorded_at: datetime = strawberry.field(description="When it was recorded here.")
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


@strawberry.type(description="The answer to recordDisclosure.")
class DisclosurePayload:
    disclosure: Disclosure | None = strawberry.field(
        description="The disclosure recorded; null when errors says why none was."
    )
    errors: list[UserError] = UserError.payload_field()


@strawberry.type(
    description="who is responsible for personal data here, how to reach them about it, and "
    "where to complain (the policy pages show it)"
)
class DataController:
    name: str = strawberry.field(description="The operator's name (the data controller).")
    address: str | None = strawberry.field(
        description="The operator's postal address; null when not configured."
    )
    privacy_contact: str = strawberry.field(
        description="Where to write about personal data (an email address or URL)."
    )
    supervisory_authority_name: str = strawberry.field(
        description="The supervisory authority to complain to; empty when not configured."
    )
    supervisory_authority_url: str = strawberry.field(
        description="That authority's web address; empty when not configured."
    )
    automated_decisions: str = strawberry.field(
        description="Whether decisions are made about people by automated means alone "
        "(Art. 22), in a sentence."
    )
