"""cancelSubscription and resumeSubscription: the subscriber's own subscription, nobody else's.

Neither takes an id: each acts on the signed-in customer's subscription only.
"""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from pixvault.billing.cancellation import SUBSCRIPTION_CHANGES_PER_USER, set_cancel_at_period_end
from pixvault.billing.types import BillingSubscription, SubscriptionPayload
from pixvault.core.errors import UserFacingError
from pixvault.core.ratelimit import allow
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import require_user, returns_errors


@returns_errors(SubscriptionPayload)
async def _change(info: Info[Context, None], cancel: bool) -> SubscriptionPayload:
    context = info.context
    user_id = require_user(context)
    if not await allow(context.runtime.store, SUBSCRIPTION_CHANGES_PER_USER, user_id):
        raise UserFacingError("RATE_LIMITED", "Too many changes. Try again later.")
    account = await set_cancel_at_period_end(
        context.runtime.settings, user_id, cancel, context.viewer.client
    )
    return SubscriptionPayload(subscription=BillingSubscription.from_model(account), errors=[])


@strawberry.type
class SubscriptionMutations:
    @strawberry.mutation(
        description="end the subscription with the current period, keeping the plan until then"
    )
    async def cancel_subscription(self, info: Info[Context, None]) -> SubscriptionPayload:
        return await _change(info, cancel=True)

    @strawberry.mutation(description="undo a cancellation before the period ends")
    async def resume_subscription(self, info: Info[Context, None]) -> SubscriptionPayload:
        return await _change(info, cancel=False)
