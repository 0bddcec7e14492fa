"""Emails about payments: receipts, failed payments and refunds, sent through the outbox."""

from __future__ import annotations

import logging

from pixvault.accounts.models import User
from pixvault.billing.events import Notice
from pixvault.billing.models import Payment
from pixvault.mail.outbox import Mailer

log = logging.getLogger("pixvault.billing")

#: Currencies Stripe counts in whole units (no minor unit).
ZERO_DECIMAL = frozenset(
    [
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "JPY",
        "KMF",
        "KRW",
        "MGA",
        "PYG",
        "RWF",
        "UGX",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    ]
)


def money(cents: int, currency: str) -> str:
    if currency.upper() in ZERO_DECIMAL:
        return f"{cents} {currency.upper()}"
    return f"{cents / 100:.2f} {currency.upper()}"


def _details(payment: Payment) -> str:
    lines = [
        f"Amount: {money(payment.amount_cents, payment.currency)}",
        f"Date: {payment.paid_at:%Y-%m-%d}" if payment.paid_at else "",
        f"For: {payment.description}" if payment.description else "",
        f"Billed to: {payment.billing_name}" if payment.billing_name else "",
        f"Reference: {payment.invoice_id}",
    ]
    return "\n".join(line for line in lines if line)


def receipt(user_id: str, payment: Payment) -> Notice:
    return Notice(
        user_id,
        "Your Pixvault receipt",
        f"Thank you for your payment.\n\n{_details(payment)}\n",
    )


def payment_failed(user_id: str, payment: Payment) -> Notice:
    return Notice(
        user_id,
        "Your Pixvault payment did not go through",
        "We could not take your payment. The payment provider will try again over the next "
        "days; please check the card on file.\n\n"
        f"{_details(payment)}\n",
    )


def refund(user_id: str, payment: Payment, refunded_cents: int) -> Notice:
    return Notice(
        user_id,
        "Your Pixvault refund",
        f"We have refunded {money(refunded_cents, payment.currency)} of this payment. "
        "It can take a few days to reach your account.\n\n"
        f"{_details(payment)}\n",
    )


async def send(mailer: Mailer, notices: list[Notice]) -> None:
    """Send each notice to its customer's address (none to a closed account), with a link to
    the billing page, which lists the payments and the card's plan."""
    billing = f"Your plan and payments: {mailer.settings.public_url}/billing"
    for notice in notices:
        user = await User.get_or_none(id=notice.user_id, closed_at=None)
        if user is None:
            continue
        try:
            await mailer.send(user.email, notice.subject, f"{notice.text}\n{billing}\n")
        except OSError:  # the change is committed; a lost email must not undo it
            log.exception("could not send %r to user %s", notice.subject, notice.user_id)
