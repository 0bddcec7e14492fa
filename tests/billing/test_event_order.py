"""Stripe does not promise order: late, old news never undoes what newer news did."""

from __future__ import annotations

import time
import uuid

import httpx

from pixvault.billing.models import Payment, StripeEvent
from tests.billing.fake_stripe import (
    FakeStripe,
    charge,
    checkout_completed,
    event,
    invoice,
    subscription,
)
from tests.billing.helpers import checkout_customer, deliver, emails_to
from tests.conftest import Env, gql

PLAN = "{ me { plan { id } } }"


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:14]}"


async def plan(client: httpx.AsyncClient) -> str:
    result = await gql(client, PLAN)
    return str(result.data["me"]["plan"]["id"])


async def test_a_late_update_does_not_revive_a_canceled_subscription(
    client: httpx.AsyncClient,
) -> None:
    customer = await checkout_customer(client)
    sub_id, now = new_id("sub"), int(time.time())
    active = subscription(sub_id, customer.customer_id, "active", "pro")
    canceled = subscription(sub_id, customer.customer_id, "canceled", "pro")
    await deliver(client, event("customer.subscription.updated", active, now - 20))
    assert await plan(client) == "pro"
    await deliver(client, event("customer.subscription.deleted", canceled, now))
    for late in (
        event("customer.subscription.updated", active, now - 10),
        event("customer.subscription.updated", active, now),  # the same second
        event(
            "checkout.session.completed",
            checkout_completed(customer.customer_id, sub_id, customer.user_id, "pro"),
            now - 30,
        ),
    ):
        assert (await deliver(client, late)).status_code == 200
        assert await plan(client) == "free"


async def test_subscription_news_before_the_checkout_completion(
    client: httpx.AsyncClient,
) -> None:
    customer = await checkout_customer(client, "business")
    sub_id, now = new_id("sub"), int(time.time())
    past_due = subscription(sub_id, customer.customer_id, "past_due", "business")
    await deliver(client, event("customer.subscription.updated", past_due, now))
    completed = checkout_completed(customer.customer_id, sub_id, customer.user_id, "business")
    await deliver(client, event("checkout.session.completed", completed, now - 5))
    assert await plan(client) == "business"
    from pixvault.billing.models import BillingAccount

    account = await BillingAccount.get(user_id=customer.user_id)
    assert account.subscription_status == "past_due"  # the newer news stands


async def test_the_end_of_an_old_subscription_leaves_the_new_one_alone(
    client: httpx.AsyncClient,
) -> None:
    customer = await checkout_customer(client)
    old, new, now = new_id("sub"), new_id("sub"), int(time.time())
    await deliver(
        client,
        event(
            "customer.subscription.updated",
            subscription(old, customer.customer_id, "active", "pro"),
            now - 30,
        ),
    )
    await deliver(
        client,
        event(
            "customer.subscription.deleted",
            subscription(old, customer.customer_id, "canceled", "pro"),
            now - 20,
        ),
    )
    await deliver(
        client,
        event(
            "customer.subscription.updated",
            subscription(new, customer.customer_id, "active", "business"),
            now - 10,
        ),
    )
    assert await plan(client) == "business"
    # The old subscription's end, told again later (a new event about it), changes nothing.
    await deliver(
        client,
        event(
            "customer.subscription.deleted",
            subscription(old, customer.customer_id, "canceled", "pro"),
            now,
        ),
    )
    assert await plan(client) == "business"


async def test_a_late_failure_does_not_undo_a_payment(env: Env, client: httpx.AsyncClient) -> None:
    customer = await checkout_customer(client)
    invoice_id, now = new_id("in"), int(time.time())
    paid = invoice(invoice_id, customer.customer_id, 1200, paid=True)
    failed = invoice(invoice_id, customer.customer_id, 1200, paid=False)
    await deliver(client, event("invoice.paid", paid, now))
    await deliver(client, event("invoice.payment_failed", failed, now - 100))
    payment = await Payment.get(invoice_id=invoice_id)
    assert payment.status == "SUCCEEDED" and payment.paid_at is not None
    assert [m["Subject"] for m in (await emails_to(env, customer.email))] == [
        "Your Pixvault receipt"
    ]


async def test_a_failed_payment_then_its_successful_retry(
    env: Env, client: httpx.AsyncClient
) -> None:
    customer = await checkout_customer(client)
    invoice_id, now = new_id("in"), int(time.time())
    await deliver(
        client,
        event(
            "invoice.payment_failed",
            invoice(invoice_id, customer.customer_id, 1200, paid=False),
            now - 60,
        ),
    )
    failed = await Payment.get(invoice_id=invoice_id)
    assert (failed.status, failed.paid_at, failed.amount_cents) == ("FAILED", None, 1200)
    await deliver(
        client,
        event("invoice.paid", invoice(invoice_id, customer.customer_id, 1200, paid=True), now),
    )
    assert (await Payment.get(invoice_id=invoice_id)).status == "SUCCEEDED"
    subjects = [m["Subject"] for m in (await emails_to(env, customer.email))]
    assert subjects == ["Your Pixvault payment did not go through", "Your Pixvault receipt"]


async def test_a_refund_that_arrives_before_its_invoice(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    customer = await checkout_customer(client)
    invoice_id, intent = new_id("in"), new_id("pi")
    stripe.invoice_of_intent[intent] = invoice_id
    refunded = charge(intent, customer.customer_id, 1200, 1200, name="A. Lovelace")
    assert (await deliver(client, event("charge.refunded", refunded))).status_code == 200
    lookup = stripe.calls("GET", "/v1/invoice_payments")[-1]
    assert lookup.params["payment[payment_intent]"] == intent
    assert lookup.params["payment[type]"] == "payment_intent"
    payment = await Payment.get(invoice_id=invoice_id)
    assert (payment.status, payment.refunded_cents, payment.billing_name) == (
        "REFUNDED",
        1200,
        "A. Lovelace",
    )
    await deliver(
        client, event("invoice.paid", invoice(invoice_id, customer.customer_id, 1200, paid=True))
    )
    payment = await Payment.get(invoice_id=invoice_id)
    assert (payment.status, payment.refunded_cents) == ("REFUNDED", 1200)
    assert payment.description == "1 x Pixvault Pro"
    assert [m["Subject"] for m in (await emails_to(env, customer.email))] == [
        "Your Pixvault refund"
    ]
    assert "12.00 USD" in (await emails_to(env, customer.email))[0].get_content()


async def test_refunds_out_of_order_keep_the_running_total(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    customer = await checkout_customer(client)
    invoice_id, intent = new_id("in"), new_id("pi")
    stripe.invoice_of_intent[intent] = invoice_id
    await deliver(
        client, event("invoice.paid", invoice(invoice_id, customer.customer_id, 1200, paid=True))
    )
    partial = charge(intent, customer.customer_id, 1200, 500)
    full = charge(intent, customer.customer_id, 1200, 1200)
    await deliver(client, event("charge.refunded", partial))
    payment = await Payment.get(invoice_id=invoice_id)
    assert (payment.status, payment.refunded_cents) == ("SUCCEEDED", 500)
    await deliver(client, event("charge.refunded", full))
    await deliver(client, event("charge.refunded", partial))  # the partial one, told again late
    payment = await Payment.get(invoice_id=invoice_id)
    assert (payment.status, payment.refunded_cents) == ("REFUNDED", 1200)
    refunds = [
        m for m in (await emails_to(env, customer.email)) if m["Subject"] == "Your Pixvault refund"
    ]
    assert ["5.00 USD" in m.get_content() for m in refunds] == [True, False]
    assert "7.00 USD" in refunds[1].get_content()


async def test_a_refund_of_a_charge_outside_pixvault_invoices_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    customer = await checkout_customer(client)
    refunded = event("charge.refunded", charge(new_id("pi"), customer.customer_id, 999, 999))
    assert (await deliver(client, refunded)).status_code == 200
    assert await StripeEvent.exists(id=refunded["id"])
    assert not await Payment.filter(user_id=customer.user_id).exists()


async def test_a_failed_look_up_asks_stripe_to_deliver_again(
    stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    customer = await checkout_customer(client)
    invoice_id, intent = new_id("in"), new_id("pi")
    stripe.invoice_of_intent[intent] = invoice_id
    refunded = event("charge.refunded", charge(intent, customer.customer_id, 1200, 1200))
    stripe.fail_next(500, "api_error", "try later")
    response = await deliver(client, refunded)
    assert response.status_code == 503
    assert not await StripeEvent.exists(id=refunded["id"])
    assert (await deliver(client, refunded)).json() == {"received": True, "duplicate": False}
    assert (await Payment.get(invoice_id=invoice_id)).status == "REFUNDED"
