"""startCheckout through the real stripe SDK against a local fake Stripe."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from pixvault.billing.models import BillingAccount
from pixvault.core.clock import now
from tests.billing.fake_stripe import API_KEY, FakeStripe
from tests.billing.helpers import START_CHECKOUT, checkout_customer
from tests.conftest import GENERATED_ADDRESSES, Env, gql, sign_up

ACTIVITY = "{ me { activity(first: 10) { edges { node { kind target ipAddress } } } } }"


def next_month_start() -> int:
    at = now()
    year, month = (at.year + 1, 1) if at.month == 12 else (at.year, at.month + 1)
    return int(datetime(year, month, 1, tzinfo=UTC).timestamp())


async def test_checkout_opens_a_subscription_session(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    before = len(stripe.requests)
    user = await sign_up(client)
    result = await gql(client, START_CHECKOUT, {"planId": "pro"})
    payload = result.data["startCheckout"]
    assert payload["errors"] == []
    assert payload["checkoutUrl"].startswith("https://checkout.stripe.test/c/pay/cs_test_")

    made = stripe.requests[before:]
    assert [(r.method, r.path) for r in made] == [
        ("POST", "/v1/customers"),
        ("POST", "/v1/checkout/sessions"),
    ]
    customer, session = made
    assert customer.params["email"] == user["email"]
    assert customer.params["metadata[user_id]"] == user["id"]
    assert customer.headers["idempotency-key"] == f"pixvault-customer-{user['id']}"
    assert session.headers["authorization"] == f"Bearer {API_KEY}"
    assert session.headers["idempotency-key"].startswith(f"pixvault-checkout-{user['id']}-pro-")
    account = await BillingAccount.get(user_id=user["id"])
    form = session.params
    assert form["mode"] == "subscription"
    assert form["client_reference_id"] == user["id"]
    assert form["customer"] == account.stripe_customer_id
    assert form["line_items[0][quantity]"] == "1"
    assert form["line_items[0][price_data][unit_amount]"] == "1200"
    assert form["line_items[0][price_data][currency]"] == "usd"
    assert form["line_items[0][price_data][recurring][interval]"] == "month"
    assert form["subscription_data[metadata][plan_id]"] == "pro"
    assert form["subscription_data[metadata][user_id]"] == user["id"]
    assert form["subscription_data[billing_cycle_anchor]"] == str(next_month_start())
    assert form["success_url"].startswith(env.settings.public_url)

    activity = await gql(client, ACTIVITY)
    kinds = [e["node"] for e in activity.data["me"]["activity"]["edges"]]
    assert {
        "kind": "PAYMENT",
        "target": "checkout pro",
        "ipAddress": kinds[-1]["ipAddress"],
    } in kinds
    assert kinds[-1]["ipAddress"].startswith(GENERATED_ADDRESSES)


async def test_a_later_checkout_reuses_the_customer(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    customer = await checkout_customer(client, "pro")
    before = len(stripe.requests)
    result = await gql(client, START_CHECKOUT, {"planId": "business"})
    assert result.data["startCheckout"]["errors"] == []
    made = stripe.requests[before:]
    assert [(r.method, r.path) for r in made] == [("POST", "/v1/checkout/sessions")]
    assert made[0].params["customer"] == customer.customer_id
    assert made[0].params["line_items[0][price_data][unit_amount]"] == "4900"


async def test_a_repeated_click_gets_the_same_session(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    await sign_up(client)
    first = await gql(client, START_CHECKOUT, {"planId": "pro-yearly"})
    second = await gql(client, START_CHECKOUT, {"planId": "pro-yearly"})
    url = first.data["startCheckout"]["checkoutUrl"]
    assert url and second.data["startCheckout"]["checkoutUrl"] == url
    sessions = stripe.calls("POST", "/v1/checkout/sessions")[-2:]
    assert sessions[0].headers["idempotency-key"] == sessions[1].headers["idempotency-key"]
    assert sessions[0].params["line_items[0][price_data][recurring][interval]"] == "year"


async def test_free_and_unknown_plans_are_refused(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    await sign_up(client)
    before = len(stripe.requests)
    for plan_id, code in (("free", "FREE_PLAN"), ("platinum", "NOT_FOUND")):
        result = await gql(client, START_CHECKOUT, {"planId": plan_id})
        payload = result.data["startCheckout"]
        assert payload["checkoutUrl"] is None
        assert payload["errors"] == [
            {"field": "planId", "code": code, "message": payload["errors"][0]["message"]}
        ]
    assert len(stripe.requests) == before


async def test_a_provider_failure_is_a_user_error(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    await sign_up(client)
    stripe.fail_next(500, "api_error", "Stripe is having a bad day")
    result = await gql(client, START_CHECKOUT, {"planId": "pro"})
    assert result.http.status_code == 200
    payload = result.data["startCheckout"]
    assert payload["checkoutUrl"] is None
    assert [e["code"] for e in payload["errors"]] == ["PAYMENT_PROVIDER_ERROR"]
    # Nothing half-done: the next attempt goes through.
    retry = await gql(client, START_CHECKOUT, {"planId": "pro"})
    assert retry.data["startCheckout"]["errors"] == []


async def test_checkout_needs_a_signed_in_user(env: Env, client: httpx.AsyncClient) -> None:
    result = await gql(client, START_CHECKOUT, {"planId": "pro"})
    assert [e["code"] for e in result.data["startCheckout"]["errors"]] == ["UNAUTHENTICATED"]
