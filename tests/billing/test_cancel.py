"""cancelSubscription and resumeSubscription through the real stripe SDK against the fake Stripe,
and the webhooks that carry the cancellation through to its end."""

from __future__ import annotations

import copy
import time
import uuid
from datetime import UTC, datetime

import httpx

from pixvault.billing.models import BillingAccount
from tests.billing.fake_stripe import FakeStripe, event, subscription
from tests.billing.helpers import START_CHECKOUT, Customer, checkout_customer, deliver
from tests.billing.test_access import staff_client
from tests.conftest import Env, gql, sign_up

CANCEL = """mutation { cancelSubscription {
  subscription { status cancelAtPeriodEnd currentPeriodEnd endsAt } errors { field code message }
} }"""
SOMEONE = "query($id: ID!) { user(id: $id) { subscription { cancelAtPeriodEnd } } }"
RESUME = CANCEL.replace("cancelSubscription", "resumeSubscription")
STATE = """{ me { plan { id } subscription { status cancelAtPeriodEnd currentPeriodEnd endsAt }
  activity(first: 20) { edges { node { kind target } } } } }"""


def iso(at: int) -> str:
    return datetime.fromtimestamp(at, UTC).isoformat()


async def subscribed(
    client: httpx.AsyncClient, stripe: FakeStripe, plan: str = "pro"
) -> tuple[Customer, dict]:  # type: ignore[type-arg]
    """A customer whose Pro subscription Stripe holds and the webhook told Pixvault of."""
    customer = await checkout_customer(client, plan)
    period_end = int(time.time()) + 20 * 86400
    sub = stripe.add_subscription(
        subscription(
            f"sub_{uuid.uuid4().hex[:14]}",
            customer.customer_id,
            "active",
            plan,
            period_end=period_end,
        )
    )
    response = await deliver(client, event("customer.subscription.created", copy.deepcopy(sub)))
    assert response.status_code == 200
    return customer, sub


async def state(client: httpx.AsyncClient) -> dict:  # type: ignore[type-arg]
    result = await gql(client, STATE)
    assert result.errors == []
    return result.data["me"]  # type: ignore[no-any-return]


async def test_cancel_then_resume(stripe: FakeStripe, client: httpx.AsyncClient) -> None:
    _, sub = await subscribed(client, stripe)
    period_end = iso(sub["items"]["data"][0]["current_period_end"])
    before = await state(client)
    assert before["subscription"] == {
        "status": "active",
        "cancelAtPeriodEnd": False,
        "currentPeriodEnd": period_end,
        "endsAt": None,
    }

    calls = len(stripe.calls("POST", f"/v1/subscriptions/{sub['id']}"))
    result = await gql(client, CANCEL)
    payload = result.data["cancelSubscription"]
    assert payload["errors"] == []
    assert payload["subscription"]["cancelAtPeriodEnd"] is True
    assert payload["subscription"]["endsAt"] == period_end
    [asked] = stripe.calls("POST", f"/v1/subscriptions/{sub['id']}")[calls:]
    assert asked.params == {"cancel_at_period_end": "true"}
    assert asked.headers["idempotency-key"]
    after = await state(client)
    assert after["plan"] == {"id": "pro"}  # kept until the period ends
    assert after["subscription"]["endsAt"] == period_end

    again = await gql(client, CANCEL)
    assert [e["code"] for e in again.data["cancelSubscription"]["errors"]] == ["ALREADY_CANCELLED"]
    assert len(stripe.calls("POST", f"/v1/subscriptions/{sub['id']}")) == calls + 1

    resumed = await gql(client, RESUME)
    assert resumed.data["resumeSubscription"]["errors"] == []
    assert resumed.data["resumeSubscription"]["subscription"]["cancelAtPeriodEnd"] is False
    assert stripe.calls("POST", f"/v1/subscriptions/{sub['id']}")[-1].params == {
        "cancel_at_period_end": "false"
    }
    final = await state(client)
    assert final["subscription"]["endsAt"] is None
    assert final["subscription"]["cancelAtPeriodEnd"] is False
    assert stripe.subscriptions[sub["id"]]["cancel_at_period_end"] is False
    targets = [e["node"]["target"] for e in final["activity"]["edges"]]
    assert {"cancel pro", "resume pro"} <= set(targets)

    not_cancelled = await gql(client, RESUME)
    assert [e["code"] for e in not_cancelled.data["resumeSubscription"]["errors"]] == [
        "NOT_CANCELLED"
    ]


async def test_the_webhooks_carry_the_cancellation_to_its_end_and_a_new_plan(
    stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    customer, sub = await subscribed(client, stripe)
    period_end = sub["items"]["data"][0]["current_period_end"]
    now = int(time.time())
    cancelling = subscription(
        sub["id"],
        customer.customer_id,
        "active",
        "pro",
        period_end=period_end,
        cancel_at_period_end=True,
    )
    updated = event("customer.subscription.updated", cancelling, now + 1)
    assert (await deliver(client, updated)).json()["duplicate"] is False
    assert (await state(client))["subscription"]["endsAt"] == iso(period_end)
    # Checkout refuses a second plan while this one runs, even set to end.
    refused = await gql(client, START_CHECKOUT, {"planId": "business"})
    assert [e["code"] for e in refused.data["startCheckout"]["errors"]] == ["ALREADY_SUBSCRIBED"]

    ended = subscription(
        sub["id"],
        customer.customer_id,
        "canceled",
        "pro",
        period_end=period_end,
        cancel_at_period_end=True,
    )
    deleted = event("customer.subscription.deleted", ended, now + 2)
    assert (await deliver(client, deleted)).status_code == 200
    after = await state(client)
    assert after["plan"] == {"id": "free"} and after["subscription"] is None
    account = await BillingAccount.get(user_id=customer.user_id)
    assert not account.subscription_cancel_at_period_end
    assert account.subscription_period_end is None

    # A replayed or late update changes nothing: the subscription has ended.
    assert (await deliver(client, updated)).json() == {"received": True, "duplicate": True}
    late = event("customer.subscription.updated", cancelling, now + 3)
    assert (await deliver(client, late)).json()["duplicate"] is False
    assert (await state(client))["plan"] == {"id": "free"}
    assert [
        e["code"] for e in (await gql(client, CANCEL)).data["cancelSubscription"]["errors"]
    ] == ["NO_SUBSCRIPTION"]

    fresh = await gql(client, START_CHECKOUT, {"planId": "business"})
    assert fresh.data["startCheckout"]["errors"] == []
    assert fresh.data["startCheckout"]["checkoutUrl"]


async def test_an_older_update_arriving_late_does_not_undo_a_resume(
    stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    customer, sub = await subscribed(client, stripe)
    period_end = sub["items"]["data"][0]["current_period_end"]
    now = int(time.time())

    def update(cancel: bool, at: int) -> dict:  # type: ignore[type-arg]
        obj = subscription(
            sub["id"],
            customer.customer_id,
            "active",
            "pro",
            period_end=period_end,
            cancel_at_period_end=cancel,
        )
        return event("customer.subscription.updated", obj, at)

    resumed, cancelled = update(False, now + 20), update(True, now + 10)
    await deliver(client, resumed)
    await deliver(client, cancelled)  # older news, told late
    assert (await state(client))["subscription"]["cancelAtPeriodEnd"] is False


async def test_errors_are_payload_errors(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    await sign_up(client)
    nothing = await gql(client, CANCEL)
    assert nothing.errors == []
    assert [e["code"] for e in nothing.data["cancelSubscription"]["errors"]] == ["NO_SUBSCRIPTION"]
    assert (await state(client))["subscription"] is None

    async with env.client() as other:
        _, sub = await subscribed(other, stripe)
        stripe.fail_next(500, "api_error", "Stripe is down")
        failed = await gql(other, CANCEL)
        assert failed.errors == []
        payload = failed.data["cancelSubscription"]
        assert [e["code"] for e in payload["errors"]] == ["PAYMENT_PROVIDER_ERROR"]
        assert payload["subscription"] is None
        assert (await state(other))["subscription"]["cancelAtPeriodEnd"] is False
        assert stripe.subscriptions[sub["id"]]["cancel_at_period_end"] is False

        # Stripe no longer has it (ended there, its webhook not yet here): refused, not a 500.
        del stripe.subscriptions[sub["id"]]
        gone = await gql(other, CANCEL)
        assert [e["code"] for e in gone.data["cancelSubscription"]["errors"]] == [
            "PAYMENT_PROVIDER_ERROR"
        ]


async def test_payments_disabled_is_a_payload_error(env: Env, client: httpx.AsyncClient) -> None:
    await sign_up(client)
    saved = env.settings.stripe_api_key
    try:
        object.__setattr__(env.settings, "stripe_api_key", None)
        result = await gql(client, CANCEL)
    finally:
        object.__setattr__(env.settings, "stripe_api_key", saved)
    assert [e["code"] for e in result.data["cancelSubscription"]["errors"]] == ["PAYMENTS_DISABLED"]


async def test_nobody_else_can_cancel_a_subscription(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    customer, sub = await subscribed(client, stripe)
    path = f"/v1/subscriptions/{sub['id']}"
    calls = len(stripe.calls("POST", path))

    async with env.client() as anonymous:
        result = await gql(anonymous, CANCEL)
        assert result.body["data"] is None
        assert set(result.error_codes().values()) == {"UNAUTHENTICATED"}

    async with env.client() as other:
        await sign_up(other)
        result = await gql(other, CANCEL)
        assert [e["code"] for e in result.data["cancelSubscription"]["errors"]] == [
            "NO_SUBSCRIPTION"
        ]
        someone = await gql(
            other,
            "query($id: ID!) { user(id: $id) { subscription { status } } }",
            {"id": customer.user_id},
        )
        assert someone.body["data"] == {"user": None}
        assert someone.error_codes() == {"user": "FORBIDDEN"}

    for role in ("SUPPORT", "BILLING", "ADMIN"):
        async with staff_client(env, role) as staff:
            # Billing staff may read it (audited), but the mutations act on their own only.
            read = await gql(staff, SOMEONE, {"id": customer.user_id})
            if role != "SUPPORT":
                assert read.data["user"]["subscription"]["cancelAtPeriodEnd"] is False
            result = await gql(staff, CANCEL)
            assert [e["code"] for e in result.data["cancelSubscription"]["errors"]] == [
                "NO_SUBSCRIPTION"
            ], role

    assert len(stripe.calls("POST", path)) == calls
    assert stripe.subscriptions[sub["id"]]["cancel_at_period_end"] is False
    assert (await state(client))["subscription"]["cancelAtPeriodEnd"] is False
