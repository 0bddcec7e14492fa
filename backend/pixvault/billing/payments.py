"""Payments from Stripe invoices and their refunds, merged whatever order the events come in.

A payment's status only moves forward (PENDING, FAILED, SUCCEEDED, REFUNDED): a paid invoice's
late payment_failed event is old news. Refunded amounts only grow, as Stripe's amount_refunded
is the charge's running total. A refund can arrive before the invoice it refunds, and then
makes the payment row from the charge, which the invoice fills in later.
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import stripe

from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.billing import receipts
from pixvault.billing.events import Incoming, Notice, from_timestamp
from pixvault.billing.models import Payment
from pixvault.billing.plans import account_for_customer
from pixvault.core.clock import now
from pixvault.core.viewer import ClientInfo

RANK = {"PENDING": 0, "FAILED": 1, "SUCCEEDED": 2, "REFUNDED": 3}
#: Payment events come from Stripe, not from the customer's browser.
NO_CLIENT = ClientInfo()


async def _locked(invoice_id: str) -> Payment | None:
    return await Payment.filter(invoice_id=invoice_id).select_for_update().first()


async def _user_of(customer_id: object) -> str | None:
    account = await account_for_customer(customer_id if isinstance(customer_id, str) else None)
    return str(account.user_id) if account is not None else None  # type: ignore[attr-defined]


def _description(invoice: dict[str, Any]) -> str | None:
    lines = (invoice.get("lines") or {}).get("data") or []
    text = invoice.get("description") or (lines[0].get("description") if lines else None)
    return str(text)[:500] if text else None


def _subject_of(payment: Payment) -> str | None:
    user_id = payment.user_id  # type: ignore[attr-defined]
    return str(user_id) if user_id is not None else None


async def on_invoice(event: Incoming, *, succeeded: bool) -> list[Notice]:
    invoice = event.obj
    amount = int(invoice.get("amount_paid" if succeeded else "amount_due") or 0)
    if amount <= 0:
        return []  # nothing was charged (a trial or a fully credited invoice)
    status = "SUCCEEDED" if succeeded else "FAILED"
    payment = await _locked(str(invoice["id"]))
    if payment is None:
        payment = Payment(
            id=uuid4(),
            invoice_id=str(invoice["id"]),
            user_id=await _user_of(invoice.get("customer")),
            status="PENDING",
            refunded_cents=0,
            created_at=from_timestamp(invoice.get("created")) or now(),
        )
    before = payment.status
    payment.amount_cents = amount
    payment.currency = str(invoice["currency"]).upper()
    payment.billing_name = invoice.get("customer_name") or payment.billing_name
    payment.description = _description(invoice) or payment.description
    if succeeded and payment.paid_at is None:
        paid_at = from_timestamp((invoice.get("status_transitions") or {}).get("paid_at"))
        payment.paid_at = paid_at or event.created
    if RANK[status] > RANK[before]:
        payment.status = status
    await payment.save()
    user_id = _subject_of(payment)
    if payment.status == before or user_id is None:
        return []
    target = f"{status.lower()} {payment.invoice_id}"
    await record_activity(user_id, ActivityKind.PAYMENT, NO_CLIENT, target=target)
    if succeeded:
        return [receipts.receipt(user_id, payment)]
    return [receipts.payment_failed(user_id, payment)]


async def on_invoice_paid(event: Incoming) -> list[Notice]:
    return await on_invoice(event, succeeded=True)


async def on_invoice_payment_failed(event: Incoming) -> list[Notice]:
    return await on_invoice(event, succeeded=False)


async def invoice_of_charge(client: stripe.StripeClient, charge: dict[str, Any]) -> str | None:
    """The invoice a charge paid, from Stripe's invoice payments (charges no longer name it)."""
    intent = charge.get("payment_intent")
    if isinstance(intent, dict):
        intent = intent.get("id")
    if not isinstance(intent, str):
        return None
    found = await client.v1.invoice_payments.list_async(
        {"payment": {"type": "payment_intent", "payment_intent": intent}, "limit": 1}
    )
    if not found.data:
        return None
    invoice = found.data[0].invoice
    return invoice if isinstance(invoice, str) else invoice.id


async def on_charge_refunded(event: Incoming) -> list[Notice]:
    charge = event.obj
    if event.invoice_id is None:
        return []  # not a charge for a Pixvault invoice
    payment = await _locked(event.invoice_id)
    if payment is None:
        payment = Payment(
            id=uuid4(),
            invoice_id=event.invoice_id,
            user_id=await _user_of(charge.get("customer")),
            amount_cents=int(charge["amount"]),
            currency=str(charge["currency"]).upper(),
            billing_name=(charge.get("billing_details") or {}).get("name"),
            status="SUCCEEDED",
            paid_at=from_timestamp(charge.get("created")),
            refunded_cents=0,
            created_at=from_timestamp(charge.get("created")) or now(),
        )
    before = payment.refunded_cents
    payment.refunded_cents = max(before, int(charge.get("amount_refunded") or 0))
    if charge.get("refunded"):
        payment.status = "REFUNDED"
    await payment.save()
    user_id = _subject_of(payment)
    refunded_now = payment.refunded_cents - before
    if refunded_now <= 0 or user_id is None:
        return []
    target = f"refunded {payment.invoice_id}"
    await record_activity(user_id, ActivityKind.PAYMENT, NO_CLIENT, target=target)
    return [receipts.refund(user_id, payment, refunded_now)]


async def payments_of(user_ids: list[str]) -> dict[str, list[Payment]]:
    """Each customer's payments, newest first, in one statement (absent: none)."""
    payments: dict[str, list[Payment]] = {}
    for row in await Payment.filter(user_id__in=user_ids).order_by("-created_at", "-id"):
        payments.setdefault(str(row.user_id), []).append(row)  # type: ignore[attr-defined]
    return payments
