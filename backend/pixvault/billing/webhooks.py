"""POST /webhooks/stripe: each verified event recorded once and applied once.

The event id is inserted in the same transaction that applies the event. A repeated delivery,
or one racing the first, fails that insert on the primary key, rolls back and is acknowledged
without effect. A failure while applying rolls the id back too, and the 5xx answer makes Stripe
deliver the event again.
"""

from __future__ import annotations

import dataclasses
import logging
import time

import stripe
from starlette.requests import Request
from starlette.responses import JSONResponse
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from pixvault.billing import receipts
from pixvault.billing.events import Handler, Incoming, Notice, from_timestamp
from pixvault.billing.gateway import stripe_client
from pixvault.billing.models import StripeEvent
from pixvault.billing.payments import (
    invoice_of_charge,
    on_charge_refunded,
    on_invoice_paid,
    on_invoice_payment_failed,
)
from pixvault.billing.subscriptions import on_checkout_completed, on_subscription_changed
from pixvault.core.clock import now
from pixvault.runtime import Runtime

log = logging.getLogger("pixvault.billing")

#: How old a signature's timestamp may be: Stripe's own default, against replayed requests.
TOLERANCE_SECONDS = 300
CONFLICT_RETRIES = 3

HANDLERS: dict[str, Handler] = {
    "checkout.session.completed": on_checkout_completed,
    "customer.subscription.created": on_subscription_changed,
    "customer.subscription.updated": on_subscription_changed,
    "customer.subscription.deleted": on_subscription_changed,
    "invoice.paid": on_invoice_paid,
    "invoice.payment_failed": on_invoice_payment_failed,
    "charge.refunded": on_charge_refunded,
}


def signed_at(signature: str) -> int | None:
    """The ``t=`` timestamp of a Stripe-Signature header."""
    for part in signature.split(","):
        key, _, value = part.partition("=")
        if key.strip() == "t":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def parse(payload: bytes, signature: str | None, secret: str) -> Incoming:
    """Verify the signature with the SDK and read the event; ValueError when it is not one.

    The SDK refuses a timestamp older than the tolerance but not one in the future: a signature
    dated ahead (by a leaked secret, or a sender with a wrong clock) would stay replayable for as
    long as it is ahead, so one dated more than the tolerance ahead is refused too. Both use the
    real clock, as the SDK does.
    """
    event = stripe.Webhook.construct_event(payload, signature, secret, TOLERANCE_SECONDS)
    at = signed_at(signature or "")
    if at is None or at > time.time() + TOLERANCE_SECONDS:
        raise stripe.SignatureVerificationError(  # type: ignore[no-untyped-call]
            "Timestamp in the future beyond the tolerance", signature, payload.decode()
        )
    data = event.to_dict()
    obj = (data.get("data") or {}).get("object")
    created = from_timestamp(data.get("created"))
    event_id, event_type = data.get("id"), data.get("type")
    if not (isinstance(event_id, str) and isinstance(event_type, str)):
        raise ValueError("the event has no id or type")
    if not isinstance(obj, dict) or created is None:
        raise ValueError("the event has no object or creation time")
    return Incoming(id=event_id, type=event_type, created=created, obj=obj)


async def apply_once(event: Incoming) -> tuple[bool, list[Notice]]:
    """Record and apply the event in one transaction; (False, []) for one already applied."""
    handler = HANDLERS.get(event.type)
    for _ in range(CONFLICT_RETRIES):
        try:
            async with in_transaction():
                await StripeEvent.create(
                    id=event.id, type=event.type, created=event.created, received_at=now()
                )
                notices = await handler(event) if handler is not None else []
            return True, notices
        except IntegrityError:
            if await StripeEvent.exists(id=event.id):
                return False, []
            # Another event made the same payment or account row first: apply on top of it.
    raise RuntimeError(f"Stripe event {event.id} kept conflicting with concurrent changes")


def _refused(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def stripe_webhook(request: Request) -> JSONResponse:
    runtime: Runtime = request.app.state.runtime
    settings = runtime.settings
    client = stripe_client(settings)
    if client is None or settings.stripe_webhook_secret is None:
        return _refused("payments are not enabled")
    payload = await request.body()
    try:
        event = parse(
            payload, request.headers.get("stripe-signature"), settings.stripe_webhook_secret
        )
    except stripe.SignatureVerificationError:
        return _refused("the signature does not verify")
    except ValueError:
        return _refused("the body is not a Stripe event")
    if event.type == "charge.refunded":
        try:
            invoice_id = await invoice_of_charge(client, event.obj)
        except stripe.StripeError:
            log.exception("could not look up the invoice of charge %s", event.obj.get("id"))
            return _refused("the payment provider is unavailable; deliver again", 503)
        event = dataclasses.replace(event, invoice_id=invoice_id)
    applied, notices = await apply_once(event)
    await receipts.send(runtime.mailer, notices)
    return JSONResponse({"received": True, "duplicate": not applied})
