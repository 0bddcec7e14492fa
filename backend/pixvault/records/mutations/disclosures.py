"""recordDisclosure (PRIVACY_OFFICER, ADMIN)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from pixvault.graph.context import Context
from pixvault.graph.payloads import returns_errors
from pixvault.records.disclosures import DisclosureForm, LegalBasis, record_disclosure
from pixvault.records.types import Disclosure, DisclosurePayload


@strawberry.input
class DisclosureInput:
    user_id: strawberry.ID = strawberry.field(description="the person whose data was disclosed")
    recipient: str
    legal_basis: LegalBasis
    data_categories: list[str] = strawberry.field(description="the kinds of personal data given")
    reference: str | None = strawberry.field(
        default=None, description="a case, court order or ticket number"
    )
    disclosed_at: datetime | None = strawberry.field(
        default=None, description="when the data was given; now when unset"
    )


@strawberry.type
class DisclosureMutations:
    @strawberry.mutation
    @returns_errors(DisclosurePayload)
    async def record_disclosure(
        self, info: Info[Context, None], input: DisclosureInput
    ) -> DisclosurePayload:
        form = DisclosureForm(
            user_id=input.user_id,
            recipient=input.recipient,
            legal_basis=input.legal_basis,
            data_categories=input.data_categories,
            reference=input.reference,
            disclosed_at=input.disclosed_at,
        )
        row = await record_disclosure(info.context.viewer, form)
        return DisclosurePayload(disclosure=Disclosure.from_model(row), errors=[])
