"""recordBreach, recordBreachAuthorityNotification, notifyBreachSubjects (PRIVACY_OFFICER,
ADMIN)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import returns_errors
from pixvault.records import (
    breaches,
)
from pixvault.records.breach_models import BreachIncident
from pixvault.records.breach_types import Breach, BreachPayload


@strawberry.input(
    description="A breach to record, and how to find the people it touched: a sign-in window "
    "or the owners of some assets."
)
class BreachInput:
    description: str = strawberry.field(description="what happened")
    discovered_at: datetime = strawberry.field(
        description="When it was discovered; the authority must be told within 72 hours."
    )
    data_categories: list[str] = strawberry.field(
        description="The kinds of personal data concerned (e.g. email address)."
    )
    signed_in_from: datetime | None = strawberry.field(
        default=None, description="with signedInTo: everyone who signed in within the window"
    )
    signed_in_to: datetime | None = strawberry.field(
        default=None, description="The end of the sign-in window that signedInFrom starts."
    )
    asset_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="or: the owners of these assets"
    )


def _payload(call: BreachIncident) -> BreachPayload:
    return BreachPayload(breach=Breach.from_model(call), errors=[])


@strawberry.type
class BreachMutations:
    @strawberry.mutation(description="Record a breach and the people it touched. Audited.")
    @returns_errors(BreachPayload)
    async def record_breach(
        self,
        info: Info[Context, None],
        input: Annotated[BreachInput, strawberry.argument(description="The breach.")],
    ) -> BreachPayload:
        form = breaches.BreachForm(
            description=input.description,
            discovered_at=input.discovered_at,
            data_categories=input.data_categories,
            signed_in_from=input.signed_in_from,
            signed_in_to=input.signed_in_to,
            asset_ids=[str(a) for a in input.asset_ids] if input.asset_ids is not None else None,
        )
        return _payload(await breaches.record_breach(info.context.viewer, form))

    @strawberry.mutation(description="Record that the supervisory authority was told. Audited.")
    @returns_errors(BreachPayload)
    async def record_breach_authority_notification(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The breach's id.")],
        reference: Annotated[
            str | None,
            strawberry.argument(description="The authority's reference for the notification."),
        ] = None,
        notified_at: Annotated[
            datetime | None,
            strawberry.argument(description="When the authority was told; now when null."),
        ] = None,
    ) -> BreachPayload:
        row = await breaches.record_authority_notification(
            info.context.viewer, id, reference, notified_at
        )
        return _payload(row)

    @strawberry.mutation(
        description="Email every affected person the notice, once each (in the background)."
    )
    @returns_errors(BreachPayload)
    async def notify_breach_subjects(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The breach's id.")],
        notice: Annotated[
            str,
            strawberry.argument(
                description="What the people are told (Art. 34): what happened, the likely "
                "consequences, what was done and what they can do."
            ),
        ],
    ) -> BreachPayload:
        context = info.context
        row = await breaches.request_people_notice(context.runtime.jobs, context.viewer, id, notice)
        return _payload(row)
