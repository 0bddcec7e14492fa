"""recordBreach, recordBreachAuthorityNotification, notifyBreachSubjects (PRIVACY_OFFICER,
ADMIN)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from pixvault.graph.context import Context
from pixvault.graph.payloads import returns_errors
from pixvault.records import (
    breaches,
)
from pixvault.records.breach_models import BreachIncident
from pixvault.records.breach_types import Breach, BreachPayload


@strawberry.input
class BreachInput:
    description: str = strawberry.field(description="what happened")
    discovered_at: datetime
    data_categories: list[str]
    signed_in_from: datetime | None = strawberry.field(
        default=None, description="with signedInTo: everyone who signed in within the window"
    )
    signed_in_to: datetime | None = None
    asset_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="or: the owners of these assets"
    )


def _payload(call: BreachIncident) -> BreachPayload:
    return BreachPayload(breach=Breach.from_model(call), errors=[])


@strawberry.type
class BreachMutations:
    @strawberry.mutation(description="Record a breach and the people it touched. Audited.")
    @returns_errors(BreachPayload)
    async def record_breach(self, info: Info[Context, None], input: BreachInput) -> BreachPayload:
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
        id: strawberry.ID,
        reference: str | None = None,
        notified_at: datetime | None = None,
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
        self, info: Info[Context, None], id: strawberry.ID, notice: str
    ) -> BreachPayload:
        context = info.context
        row = await breaches.request_people_notice(context.runtime.jobs, context.viewer, id, notice)
        return _payload(row)
