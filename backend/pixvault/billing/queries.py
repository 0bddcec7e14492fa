"""Queries of billing: the plans on offer, and payments across customers for billing staff."""

from __future__ import annotations

from typing import Annotated

import strawberry

from pixvault.billing import models
from pixvault.billing.plans import list_plans
from pixvault.billing.types import Payment, PaymentStatus, Plan
from pixvault.core.ids import parse_uuid
from pixvault.graphkit.pagination import After, Before, Connection, First, Last, paginate


@strawberry.type
class BillingQuery:
    @strawberry.field(description="Every plan on offer, the free plan included.")
    async def plans(self) -> list[Plan]:
        return [Plan.from_model(row) for row in await list_plans()]

    @strawberry.field(description="Every payment, newest first, a page at a time.")
    async def payments(
        self,
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
        user_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only this user's payments; null: everyone's."),
        ] = None,
        status: Annotated[
            PaymentStatus | None,
            strawberry.argument(description="Only payments with this status; null: any."),
        ] = None,
    ) -> Connection[Payment] | None:
        query = models.Payment.all()
        if user_id is not None:
            key = parse_uuid(user_id)
            query = query.filter(user_id=key) if key else query.filter(id__in=[])
        if status is not None:
            query = query.filter(status=status.value)
        return await paginate(
            query.order_by("-created_at", "-id"),
            first,
            after,
            Payment.from_model,
            last=last,
            before=before,
        )
