"""cancelSubscription and resumeSubscription: the customer ends their plan with its period, or
changes their mind before it ends.

Stripe is asked first (cancel_at_period_end on the subscription) and its answer is written to
the account at once, so the page shows it without waiting for the webhook. Only the order of
Stripe's own events decides the lasting state: the customer.subscription.updated event each
change causes arrives later and is applied, or ignored as stale, like any other.
"""

from __future__ import annotations

import logging

import stripe

from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.billing.gateway import stripe_client
from pixvault.billing.models import BillingAccount
from pixvault.billing.subscriptions import LIVE, terms_of
from pixvault.core.errors import UserFacingError
from pixvault.core.ratelimit import Limit
from pixvault.core.settings import Settings
from pixvault.core.viewer import ClientInfo

log = logging.getLogger("pixvault.billing")

SUBSCRIPTION_CHANGES_PER_USER = Limit("subscription-user", 20, 60 * 60)


async def _live_account(user_id: str) -> BillingAccount:
    """The customer's own account with a running subscription (the object check)."""
    account = await BillingAccount.get_or_none(user_id=user_id)
    if account is None or not account.subscription_id or account.subscription_status not in LIVE:
        raise UserFacingError("NO_SUBSCRIPTION", "You have no paid subscription.")
    return account


async def set_cancel_at_period_end(
    settings: Settings, user_id: str, cancel: bool, client_info: ClientInfo
) -> BillingAccount:
    """Cancel (``cancel``) or resume the customer's subscription; the account as it now is."""
    client = stripe_client(settings)
    if client is None:
        raise UserFacingError("PAYMENTS_DISABLED", "Payments are not enabled on this installation.")
    account = await _live_account(user_id)
    if cancel and account.subscription_cancel_at_period_end:
        raise UserFacingError(
            "ALREADY_CANCELLED", "Your subscription is already set to end with this period."
        )
    if not cancel and not account.subscription_cancel_at_period_end:
        raise UserFacingError("NOT_CANCELLED", "Your subscription is not set to end.")
    subscription_id = str(account.subscription_id)
    try:
        # The SDK gives this POST an idempotency key, reused by its retries.
        updated = await client.v1.subscriptions.update_async(
            subscription_id, {"cancel_at_period_end": cancel}
        )
    except stripe.StripeError as exc:
        log.warning("Stripe refused to change subscription %s: %s", subscription_id, exc)
        raise UserFacingError(
            "PAYMENT_PROVIDER_ERROR", "The payment provider is unavailable. Try again shortly."
        ) from exc
    data = updated.to_dict()
    if data.get("customer") != account.stripe_customer_id:
        log.error(
            "subscription %s is not customer %s's", subscription_id, account.stripe_customer_id
        )
        raise UserFacingError("PAYMENT_PROVIDER_ERROR", "The payment provider's answer was wrong.")
    terms = terms_of(data)
    account.subscription_cancel_at_period_end = terms.cancel_at_period_end
    account.subscription_period_end = terms.period_end or account.subscription_period_end
    # Only this subscription, and only while it runs: a webhook may have ended it meanwhile.
    await BillingAccount.filter(
        id=account.id, subscription_id=subscription_id, subscription_status__in=sorted(LIVE)
    ).update(
        subscription_cancel_at_period_end=account.subscription_cancel_at_period_end,
        subscription_period_end=account.subscription_period_end,
    )
    action = "cancel" if cancel else "resume"
    plan_id = account.plan_id  # type: ignore[attr-defined]
    await record_activity(user_id, ActivityKind.PAYMENT, client_info, target=f"{action} {plan_id}")
    return await BillingAccount.get(id=account.id)
