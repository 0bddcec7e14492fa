"""POST /webhooks/stripe: signed with Stripe's scheme, applied exactly once, in any order."""

from __future__ import annotations

import asyncio
import time
import uuid

import httpx

from pixvault.billing.models import Payment, StripeEvent
from tests.billing.fake_stripe import (
    FakeStripe,
    charge,
    checkout_completed,
    encode,
    event,
    invoice,
    signature,
    subscription,
)
from tests.billing.helpers import START_CHECKOUT, checkout_customer, deliver, emails_to
from tests.conftest import Env, gql

ME = """{ me { id plan { id } payments {
  id billingName amountCents currency status paidAt refundedCents description providerReference
  user { id } } } }"""


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:14]}"


async def me(client: httpx.AsyncClient) -> dict:  # type: ignore[type-arg]
    result = await gql(client, ME)
    return result.data["me"]  # type: ignore[no-any-return]


# --- Signatures ---------------------------------------------------------------------------------


async def test_a_bad_signature_is_refused_and_nothing_is_stored(
    env: Env, client: httpx.AsyncClient
) -> None:
    customer = await checkout_customer(client)
    paid = event("invoice.paid", invoice(new_id("in"), customer.customer_id, 1200, paid=True))
    payload = encode(paid)
    tampered = payload.replace(b"1200", b"9900")
    events_before = await StripeEvent.all().count()
    for body, header in (
        (payload, signature(payload, secret="whsec_someone_else")),
        (tampered, signature(payload)),
        (payload, ""),
        (payload, "t=not-a-time,v1=abc"),
        (payload, f"t={int(time.time())}"),
    ):
        response = await deliver(client, body, header)
        assert response.status_code == 400, header
    assert await StripeEvent.all().count() == events_before
    assert not await StripeEvent.exists(id=paid["id"])
    assert not await Payment.exists(invoice_id=paid["data"]["object"]["id"])
    assert (await emails_to(env, customer.email)) == []


async def test_a_stale_timestamp_is_refused(env: Env, client: httpx.AsyncClient) -> None:
    customer = await checkout_customer(client)
    paid = event("invoice.paid", invoice(new_id("in"), customer.customer_id, 1200, paid=True))
    payload = encode(paid)
    stale = await deliver(client, payload, signature(payload, at=int(time.time()) - 301))
    assert stale.status_code == 400
    assert not await StripeEvent.exists(id=paid["id"])
    recent = await deliver(client, payload, signature(payload, at=int(time.time()) - 240))
    assert recent.status_code == 200
    assert await StripeEvent.exists(id=paid["id"])


async def test_a_timestamp_in_the_future_beyond_the_tolerance_is_refused(
    client: httpx.AsyncClient,
) -> None:
    """The SDK checks only that a signature is not too old: one dated ahead would stay valid
    (and replayable) until its date, so more than the tolerance ahead is refused too."""
    customer = await checkout_customer(client)
    paid = event("invoice.paid", invoice(new_id("in"), customer.customer_id, 1200, paid=True))
    payload = encode(paid)
    for ahead in (301, 3600, 10 * 365 * 24 * 3600):
        future = await deliver(client, payload, signature(payload, at=int(time.time()) + ahead))
        assert future.status_code == 400, ahead
        assert future.json() == {"error": "the signature does not verify"}
    assert not await StripeEvent.exists(id=paid["id"])
    skewed = await deliver(client, payload, signature(payload, at=int(time.time()) + 240))
    assert skewed.status_code == 200, "a clock a little ahead is within the tolerance"
    assert await StripeEvent.exists(id=paid["id"])


async def test_a_body_that_is_not_an_event_is_refused(client: httpx.AsyncClient) -> None:
    for body in (b"not json", encode({"id": "evt_1", "object": "event"})):
        response = await deliver(client, body)
        assert response.status_code == 400


# --- The happy path -----------------------------------------------------------------------------


async def test_checkout_then_invoice_puts_the_customer_on_the_plan_and_records_the_payment(
    env: Env, client: httpx.AsyncClient
) -> None:
    customer = await checkout_customer(client, "pro")
    assert (await me(client))["plan"] == {"id": "free"}
    sub_id, invoice_id = new_id("sub"), new_id("in")
    completed = checkout_completed(customer.customer_id, sub_id, customer.user_id, "pro")
    response = await deliver(client, event("checkout.session.completed", completed))
    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": False}
    assert (await me(client))["plan"] == {"id": "pro"}

    paid_at = int(time.time()) - 5
    bill = invoice(invoice_id, customer.customer_id, 1200, paid=True, paid_at=paid_at)
    assert (await deliver(client, event("invoice.paid", bill))).status_code == 200
    result = await gql(client, ME)
    payment = result.data["me"]["payments"][0]
    assert payment["billingName"] == "Ada Lovelace"
    assert payment["amountCents"] == 1200
    assert payment["currency"] == "USD"
    assert payment["status"] == "SUCCEEDED"
    assert payment["paidAt"].startswith(time.strftime("%Y-%m-%dT%H:%M", time.gmtime(paid_at)))
    assert payment["refundedCents"] == 0
    assert payment["description"] == "1 x Pixvault Pro"
    assert payment["user"] == {"id": customer.user_id}
    # The provider's reference is for billing staff only.
    assert payment["providerReference"] is None
    assert result.error_codes() == {"me.payments.0.providerReference": "FORBIDDEN"}
    assert (await Payment.get(invoice_id=invoice_id)).invoice_id == invoice_id

    receipts = await emails_to(env, customer.email)
    assert [m["Subject"] for m in receipts] == ["Your Pixvault receipt"]
    body = receipts[0].get_content()
    assert "12.00 USD" in body and invoice_id in body and "Ada Lovelace" in body


async def test_the_plan_follows_the_subscription_to_its_end(client: httpx.AsyncClient) -> None:
    customer = await checkout_customer(client, "business")
    sub_id, now = new_id("sub"), int(time.time())
    changes = [
        ("customer.subscription.created", "incomplete", now - 30, "free"),
        ("customer.subscription.updated", "active", now - 20, "business"),
        ("customer.subscription.updated", "past_due", now - 10, "business"),
        ("customer.subscription.deleted", "canceled", now, "free"),
    ]
    for event_type, status, created, plan in changes:
        sub = subscription(sub_id, customer.customer_id, status, "business")
        assert (await deliver(client, event(event_type, sub, created))).status_code == 200
        assert (await me(client))["plan"] == {"id": plan}, status


async def test_a_subscribed_customer_cannot_start_another_checkout(
    client: httpx.AsyncClient,
) -> None:
    customer = await checkout_customer(client, "pro")
    active = subscription(new_id("sub"), customer.customer_id, "active", "pro")
    await deliver(client, event("customer.subscription.updated", active))
    result = await gql(client, START_CHECKOUT, {"planId": "business"})
    assert [e["code"] for e in result.data["startCheckout"]["errors"]] == ["ALREADY_SUBSCRIBED"]


async def test_a_checkout_for_an_unlinked_customer_links_by_client_reference(
    client: httpx.AsyncClient,
) -> None:
    customer = await checkout_customer(client, "pro")
    from pixvault.billing.models import BillingAccount

    await BillingAccount.filter(user_id=customer.user_id).update(stripe_customer_id=None)
    completed = checkout_completed("cus_made_by_checkout", new_id("sub"), customer.user_id, "pro")
    assert (
        await deliver(client, event("checkout.session.completed", completed))
    ).status_code == 200
    account = await BillingAccount.get(user_id=customer.user_id)
    assert account.stripe_customer_id == "cus_made_by_checkout"
    assert (await me(client))["plan"] == {"id": "pro"}


async def test_events_pixvault_does_not_use_are_acknowledged_and_recorded(
    client: httpx.AsyncClient,
) -> None:
    other = event("customer.created", {"id": new_id("cus"), "object": "customer"})
    response = await deliver(client, other)
    assert response.status_code == 200
    assert await StripeEvent.exists(id=other["id"], type="customer.created")


# --- Exactly once -------------------------------------------------------------------------------


async def test_a_replayed_event_is_applied_once(env: Env, client: httpx.AsyncClient) -> None:
    customer = await checkout_customer(client)
    paid = event("invoice.paid", invoice(new_id("in"), customer.customer_id, 1200, paid=True))
    first = await deliver(client, paid)
    again = await deliver(client, paid)
    assert first.json()["duplicate"] is False
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert len((await me(client))["payments"]) == 1
    assert len(await emails_to(env, customer.email)) == 1
    assert await StripeEvent.filter(id=paid["id"]).count() == 1


async def test_two_deliveries_at_once_apply_once(env: Env, client: httpx.AsyncClient) -> None:
    customer = await checkout_customer(client)
    paid = event("invoice.paid", invoice(new_id("in"), customer.customer_id, 4900, paid=True))
    payload = encode(paid)
    responses = await asyncio.gather(*(deliver(client, payload) for _ in range(4)))
    assert [r.status_code for r in responses] == [200] * 4
    assert sorted(r.json()["duplicate"] for r in responses) == [False, True, True, True]
    assert len((await me(client))["payments"]) == 1
    assert len(await emails_to(env, customer.email)) == 1
    activity = await gql(
        client, "{ me { activity(first: 20) { edges { node { kind target } } } } }"
    )
    targets = [e["node"]["target"] for e in activity.data["me"]["activity"]["edges"]]
    assert targets.count(f"succeeded {paid['data']['object']['id']}") == 1


async def test_different_events_about_one_invoice_racing_both_apply(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    customer = await checkout_customer(client)
    invoice_id, intent = new_id("in"), new_id("pi")
    stripe.invoice_of_intent[intent] = invoice_id
    paid = event("invoice.paid", invoice(invoice_id, customer.customer_id, 1200, paid=True))
    refunded = event("charge.refunded", charge(intent, customer.customer_id, 1200, 1200))
    responses = await asyncio.gather(deliver(client, paid), deliver(client, refunded))
    assert [r.status_code for r in responses] == [200, 200]
    payment = await Payment.get(invoice_id=invoice_id)
    assert (payment.status, payment.refunded_cents, payment.amount_cents) == (
        "REFUNDED",
        1200,
        1200,
    )
