"""startCheckout: a Stripe Checkout Session, in subscription mode, for a paid plan."""

from __future__ import annotations

import logging

import stripe
from stripe.params.checkout import SessionCreateParams

from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.accounts.models import User
from pixvault.billing.gateway import stripe_client
from pixvault.billing.models import BillingAccount, Plan
from pixvault.billing.periods import period_at
from pixvault.billing.plans import account_of, get_plan
from pixvault.billing.subscriptions import LIVE
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.ratelimit import Limit
from pixvault.core.settings import Settings
from pixvault.core.viewer import ClientInfo

log = logging.getLogger("pixvault.billing")

CHECKOUTS_PER_USER = Limit("checkout-user", 20, 60 * 60)
#: Repeated clicks within this window get the same session back (one idempotency key).
SESSION_WINDOW_SECONDS = 600


async def _customer_id(client: stripe.StripeClient, account: BillingAccount, user: User) -> str:
    """The customer's Stripe customer, made once and reused for every later checkout."""
    if account.stripe_customer_id:
        return account.stripe_customer_id
    customer = await client.v1.customers.create_async(
        {"email": user.email, "metadata": {"user_id": str(user.id)}},
        {"idempotency_key": f"pixvault-customer-{user.id}"},
    )
    await BillingAccount.filter(id=account.id, stripe_customer_id=None).update(
        stripe_customer_id=customer.id
    )
    return customer.id


def session_params(
    settings: Settings, plan: Plan, user_id: str, customer_id: str
) -> SessionCreateParams:
    period = period_at(now())
    metadata = {"user_id": user_id, "plan_id": str(plan.id)}
    return {
        "mode": "subscription",
        "customer": customer_id,
        "client_reference_id": user_id,
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": plan.currency.lower(),
                    "unit_amount": plan.price_cents,
                    "recurring": {"interval": plan.interval},
                    "product_data": {"name": f"Pixvault {plan.name}"},
                },
            }
        ],
        # Invoices then cover calendar months, the same periods usage is metered in.
        "subscription_data": {
            "billing_cycle_anchor": int(period.end.timestamp()),
            "metadata": metadata,
        },
        "metadata": metadata,
        # The billing name the customer enters is kept on the customer, so invoices carry it.
        "customer_update": {"name": "auto", "address": "auto"},
        "billing_address_collection": "auto",
        "success_url": f"{settings.public_url}/billing?checkout=success",
        "cancel_url": f"{settings.public_url}/billing?checkout=cancelled",
    }


async def start_checkout(
    settings: Settings, user_id: str, plan_id: str, client_info: ClientInfo
) -> str:
    """The URL of Stripe's hosted checkout page for the plan."""
    client = stripe_client(settings)
    if client is None:
        raise UserFacingError("PAYMENTS_DISABLED", "Payments are not enabled on this installation.")
    plan = await get_plan(plan_id)
    if plan is None:
        raise UserFacingError("NOT_FOUND", "No such plan.", "planId")
    if plan.price_cents == 0:
        raise UserFacingError("FREE_PLAN", "The free plan needs no checkout.", "planId")
    account = await account_of(user_id)
    if account.subscription_status in LIVE and account.subscription_cancel_at_period_end:
        raise UserFacingError(
            "ALREADY_SUBSCRIBED",
            "Your subscription is set to end with this period. Choose another plan once it has "
            "ended, or keep your plan.",
            "planId",
        )
    if account.subscription_status in LIVE:
        raise UserFacingError(
            "ALREADY_SUBSCRIBED",
            "You already have a subscription. Cancel it before choosing another plan.",
            "planId",
        )
    user = await User.get(id=user_id)
    window = int(now().timestamp()) // SESSION_WINDOW_SECONDS
    try:
        customer_id = await _customer_id(client, account, user)
        session = await client.v1.checkout.sessions.create_async(
            session_params(settings, plan, user_id, customer_id),
            {"idempotency_key": f"pixvault-checkout-{user_id}-{plan.id}-{window}"},
        )
    except stripe.StripeError as exc:
        log.warning("Stripe refused a checkout for user %s: %s", user_id, exc)
        raise UserFacingError(
            "PAYMENT_PROVIDER_ERROR", "The payment provider is unavailable. Try again shortly."
        ) from exc
    if not session.url:
        raise UserFacingError("PAYMENT_PROVIDER_ERROR", "The payment provider sent no page.")
    await record_activity(user_id, ActivityKind.PAYMENT, client_info, target=f"checkout {plan.id}")
    return session.url
