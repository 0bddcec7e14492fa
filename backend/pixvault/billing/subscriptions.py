"""The customer's plan follows their Stripe subscription, whatever order its news arrives in.

Stripe does not promise to deliver events in order. Each change carries the time Stripe created
its event, older news than what was applied is ignored, and an ended subscription never comes
back to life: Stripe does not reactivate a canceled subscription, it makes a new one.

A cancellation the customer asks for (cancel_at_period_end) keeps the plan until the period
ends, when Stripe deletes the subscription and the account goes back to the free plan.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from pixvault.billing.events import Incoming, Notice, from_timestamp
from pixvault.billing.models import BillingAccount, Plan
from pixvault.billing.plans import FREE_PLAN_ID, account_for_customer, account_of

log = logging.getLogger("pixvault.billing")

#: Statuses that keep the paid plan (past_due: Stripe is still retrying the payment).
LIVE = frozenset({"active", "trialing", "past_due"})
#: Statuses a subscription never leaves.
ENDED = frozenset({"canceled", "incomplete_expired"})


@dataclass(frozen=True)
class Terms:
    """Whether the subscription is set to end with its period, and when that period ends."""

    cancel_at_period_end: bool
    period_end: datetime | None


def terms_of(subscription: dict[str, Any]) -> Terms:
    """Read from a Stripe subscription: the period end is on its items in recent API versions."""
    end = from_timestamp(subscription.get("current_period_end"))
    items = (subscription.get("items") or {}).get("data") or []
    for item in items:
        end = end or from_timestamp(item.get("current_period_end"))
    cancelling = bool(subscription.get("cancel_at_period_end"))
    if cancelling:
        end = end or from_timestamp(subscription.get("cancel_at"))
    return Terms(cancel_at_period_end=cancelling, period_end=end)


async def follow_subscription(
    account_id: UUID,
    subscription_id: str,
    status: str,
    plan_id: str | None,
    at: datetime,
    terms: Terms | None = None,
) -> bool:
    """Apply one piece of subscription news to the account; False when it was stale.

    ``terms`` None (a checkout session's news) leaves the cancellation and period as they were.
    """
    account = await BillingAccount.filter(id=account_id).select_for_update().get()
    same = account.subscription_id == subscription_id
    if same and account.subscription_status in ENDED:
        return False
    if account.subscription_event_at is not None and at < account.subscription_event_at:
        return False
    if not same and status not in LIVE and account.subscription_status in LIVE:
        return False  # the end of an older subscription while a newer one runs
    new_plan = FREE_PLAN_ID
    if status in LIVE:
        plan = await Plan.get_or_none(id=plan_id) if plan_id else None
        if plan is None:
            log.warning("subscription %s names no known plan (%r)", subscription_id, plan_id)
        new_plan = plan.id if plan is not None else account.plan_id  # type: ignore[attr-defined]
    account.subscription_id = subscription_id
    account.subscription_status = status
    account.subscription_event_at = at
    account.plan_id = new_plan
    fields = ["subscription_id", "subscription_status", "subscription_event_at", "plan_id"]
    if status not in LIVE or (not same and terms is None):
        # Ended, or a new subscription whose terms are not known yet: nothing to show.
        account.subscription_cancel_at_period_end = False
        account.subscription_period_end = None
        fields += ["subscription_cancel_at_period_end", "subscription_period_end"]
    elif terms is not None:
        account.subscription_cancel_at_period_end = terms.cancel_at_period_end
        if terms.period_end is not None or not same:
            account.subscription_period_end = terms.period_end
        fields += ["subscription_cancel_at_period_end", "subscription_period_end"]
    await account.save(update_fields=fields)
    return True


async def on_checkout_completed(event: Incoming) -> list[Notice]:
    session = event.obj
    if session.get("mode") != "subscription" or not session.get("subscription"):
        return []
    account = await account_for_customer(session.get("customer"))
    if account is None and session.get("client_reference_id"):
        # Checkout made the customer (the link was lost): adopt it for the referenced user.
        account = await account_of(str(session["client_reference_id"]))
        await BillingAccount.filter(id=account.id, stripe_customer_id=None).update(
            stripe_customer_id=session.get("customer")
        )
    if account is None:
        log.warning("checkout session %s is for no known customer", session.get("id"))
        return []
    if session.get("payment_status") in ("paid", "no_payment_required"):
        plan_id = (session.get("metadata") or {}).get("plan_id")
        await follow_subscription(
            account.id, str(session["subscription"]), "active", plan_id, event.created
        )
    return []


async def on_subscription_changed(event: Incoming) -> list[Notice]:
    """customer.subscription.created, .updated and .deleted (whose status is canceled)."""
    subscription = event.obj
    account = await account_for_customer(subscription.get("customer"))
    if account is None:
        log.warning("subscription %s is for no known customer", subscription.get("id"))
        return []
    plan_id = (subscription.get("metadata") or {}).get("plan_id")
    await follow_subscription(
        account.id,
        str(subscription["id"]),
        str(subscription["status"]),
        plan_id,
        event.created,
        terms_of(subscription),
    )
    return []
