"""recordDisclosure (PRIVACY_OFFICER, ADMIN)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import returns_errors
from pixvault.records.disclosures import DisclosureForm, LegalBasis, record_disclosure
from pixvault.records.types import Disclosure, DisclosurePayload


@strawberry.input(description="A disclosure of someone's data to a third party.")
class DisclosureInput:
    user_id: strawberry.ID = strawberry.field(description="the person whose data was disclosed")
    recipient: str = strawberry.field(description="Who received the data.")
    legal_basis: LegalBasis = strawberry.field(description="The lawful basis it was given on.")
    data_categories: list[str] = strawberry.field(description="the kinds of personal data given")
    reference: str | None = strawberry.field(
        default=None, description="a case, court order or ticket number"
    )
    disclosed_at: datetime | None = strawberry.field(
        default=None, description="when the data was given; now when unset"
    )


@strawberry.type
class DisclosureMutations:
    @strawberry.mutation(description="Record a disclosure of someone's data. Audited.")
    @returns_errors(DisclosurePayload)
    async def record_disclosure(
        self,
        info: Info[Context, None],
        input: Annotated[DisclosureInput, strawberry.argument(description="The disclosure.")],
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
