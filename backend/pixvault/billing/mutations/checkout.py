"""startCheckout: any signed-in customer choosing a paid plan."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.billing.checkout import CHECKOUTS_PER_USER, start_checkout
from pixvault.billing.types import CheckoutPayload
from pixvault.core.errors import UserFacingError
from pixvault.core.ratelimit import allow
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import require_user, returns_errors


@strawberry.type
class CheckoutMutations:
    @strawberry.mutation(
        description="Start paying for a plan: answers the provider's hosted checkout page to "
        "send the person to; the plan changes once the provider confirms payment."
    )
    @returns_errors(CheckoutPayload)
    async def start_checkout(
        self,
        info: Info[Context, None],
        plan_id: Annotated[
            strawberry.ID, strawberry.argument(description="The plan's id (Plan.id), not free.")
        ],
    ) -> CheckoutPayload:
        context = info.context
        user_id = require_user(context)
        if not await allow(context.runtime.store, CHECKOUTS_PER_USER, user_id):
            raise UserFacingError("RATE_LIMITED", "Too many checkouts. Try again later.")
        url = await start_checkout(
            context.runtime.settings, user_id, str(plan_id), context.viewer.client
        )
        return CheckoutPayload(checkout_url=url, errors=[])
