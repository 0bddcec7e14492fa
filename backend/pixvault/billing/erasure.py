"""Ending an erased customer at Stripe: the subscription is cancelled at once, the unused part
of the period is refunded when the operator says so (PIXVAULT_STRIPE_ERASURE_REFUND=prorate),
and the Stripe customer is deleted.

Called by the erasure run (privacy/runner.py) before anything is erased. Each step, once done,
is written into ``record``, which the caller keeps between attempts: a run that Stripe failed
(unreachable, 5xx, rate limited) raises ``ProviderUnavailable`` and is tried again later by the
worker, skipping what was done. Nothing Stripe answers with "no such object" blocks erasure: a
subscription or customer already gone is recorded as such. The record names no Stripe id; it
ends up in the erasure certificate.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import stripe

from pixvault.billing.events import from_timestamp
from pixvault.billing.gateway import stripe_client
from pixvault.billing.models import BillingAccount, Payment
from pixvault.billing.subscriptions import LIVE
from pixvault.core.clock import now
from pixvault.core.settings import Settings

log = logging.getLogger("pixvault.billing")

#: Stripe answers that mean "try again later", as opposed to a refusal about this object.
TRANSIENT = (
    stripe.APIConnectionError,
    stripe.APIError,
    stripe.RateLimitError,
    stripe.AuthenticationError,
    stripe.PermissionError,
)


class ProviderUnavailable(Exception):
    """Stripe could not be reached or failed; the steps done so far are in the record."""


def unused_share(start: datetime | None, end: datetime | None, at: datetime) -> float:
    """The part of the period [start, end) still to come at ``at``, between 0 and 1."""
    if start is None or end is None or end <= start or at >= end:
        return 0.0
    return min(1.0, (end - max(at, start)) / (end - start))


async def close_customer(
    settings: Settings, user_id: str, request_id: str, record: dict[str, Any]
) -> dict[str, Any]:
    """Cancel, refund and delete at Stripe what the erased user has there; updates ``record``
    step by step and returns it, or raises ProviderUnavailable."""
    record.setdefault("refund_rule", settings.stripe_erasure_refund)
    account = await BillingAccount.get_or_none(user_id=user_id)
    if account is None or account.stripe_customer_id is None:
        record.update(subscription="none", refund_cents=0, customer="none")
        return record
    client = stripe_client(settings)
    if client is None:
        # Payments are switched off: the key to reach Stripe is gone, so the operator must
        # delete the customer in Stripe's dashboard; the certificate says so.
        record.update(subscription="not sent: payments disabled", customer="not sent")
        record.setdefault("refund_cents", 0)
        return record
    try:
        if "subscription" not in record:
            await _cancel_subscription(client, settings, account, request_id, record)
        if "refund_cents" not in record:
            await _refund(client, request_id, record)
        if "customer" not in record:
            record["customer"] = await _delete_customer(client, str(account.stripe_customer_id))
    except TRANSIENT as exc:
        log.warning("erasure %s: Stripe failed (%s); it will be tried again", request_id, exc)
        raise ProviderUnavailable(str(exc.user_message or exc)) from exc
    record.pop("refund_due", None)
    return record


async def _cancel_subscription(
    client: stripe.StripeClient,
    settings: Settings,
    account: BillingAccount,
    request_id: str,
    record: dict[str, Any],
) -> None:
    if not account.subscription_id or account.subscription_status not in LIVE:
        record["subscription"] = "none"
        record["refund_cents"] = 0
        return
    try:
        cancelled = await client.v1.subscriptions.cancel_async(
            account.subscription_id,
            {"prorate": False, "invoice_now": False},
            {"idempotency_key": f"erasure-{request_id}-cancel"},
        )
    except stripe.InvalidRequestError as exc:
        log.info("erasure %s: subscription already ended at Stripe (%s)", request_id, exc)
        record["subscription"] = "already ended"
        record["refund_cents"] = 0
    else:
        record["subscription"] = "cancelled"
        if settings.stripe_erasure_refund == "prorate":
            record["refund_due"] = await _refund_due(account, cancelled.to_dict())
        else:
            record["refund_cents"] = 0
    await BillingAccount.filter(id=account.id).update(subscription_status="canceled")


async def _refund_due(account: BillingAccount, subscription: dict[str, Any]) -> dict[str, Any]:
    """The unused share of the last successful payment, and the invoice to credit."""
    start = end = None
    for item in (subscription.get("items") or {}).get("data") or []:
        start = from_timestamp(item.get("current_period_start"))
        end = from_timestamp(item.get("current_period_end"))
    payment = (
        await Payment.filter(user_id=account.user_id, status="SUCCEEDED")  # type: ignore[attr-defined]
        .order_by("-paid_at")
        .first()
    )
    if payment is None:
        return {"cents": 0}
    refundable = max(0, payment.amount_cents - payment.refunded_cents)
    cents = int(refundable * unused_share(start, end, now()))
    return {"cents": cents, "invoice": payment.invoice_id, "currency": payment.currency}


async def _refund(client: stripe.StripeClient, request_id: str, record: dict[str, Any]) -> None:
    due = record.get("refund_due") or {}
    cents = int(due.get("cents", 0))
    if cents <= 0:
        record["refund_cents"] = 0
        return
    try:
        await client.v1.credit_notes.create_async(
            {
                "invoice": str(due["invoice"]),
                "amount": cents,
                "refund_amount": cents,
                "reason": "order_change",
                "memo": "Unused part of the period, refunded when the account was erased.",
            },
            {"idempotency_key": f"erasure-{request_id}-refund"},
        )
    except stripe.InvalidRequestError as exc:
        # A refusal (e.g. already credited) is recorded, not retried forever.
        log.warning("erasure %s: Stripe refused the refund (%s)", request_id, exc)
        record["refund_cents"] = 0
        record["refund_refused"] = str(exc.user_message or exc)
        return
    record["refund_cents"] = cents
    record["refund_currency"] = due.get("currency")


async def _delete_customer(client: stripe.StripeClient, customer_id: str) -> str:
    try:
        await client.v1.customers.delete_async(customer_id)
    except stripe.InvalidRequestError:
        return "already deleted"
    return "deleted"
