"""Plans are seeded data. Without Stripe settings (the embedded default) payments are off."""

from __future__ import annotations

import httpx

from pixvault.billing.models import StripeEvent
from tests.billing.fake_stripe import encode, event, signature
from tests.conftest import Env, gql, sign_up

PLANS = """{ plans { id name priceCents currency interval storageQuotaBytes
  monthlyTransformations includedBandwidthBytes bandwidthCentsPerGigabyte } }"""


async def test_a_free_plan_and_paid_plans_are_offered(client: httpx.AsyncClient) -> None:
    plans = (await gql(client, PLANS)).data["plans"]
    by_id = {p["id"]: p for p in plans}
    assert by_id["free"]["priceCents"] == 0
    paid = [p for p in plans if p["priceCents"] > 0]
    assert len(paid) >= 2
    for plan in plans:
        assert plan["currency"] == "USD"
        assert plan["interval"] in ("month", "year")
        assert plan["storageQuotaBytes"] > 0
        assert plan["monthlyTransformations"] > 0
    assert by_id["pro"]["storageQuotaBytes"] > by_id["free"]["storageQuotaBytes"]
    assert by_id["pro-yearly"]["interval"] == "year"
    # Byte counts past 2^31 survive (Float in the graph).
    assert by_id["business"]["storageQuotaBytes"] == float(1024**4)


async def test_a_new_customer_is_on_the_free_plan(client: httpx.AsyncClient) -> None:
    await sign_up(client)
    result = await gql(client, "{ me { plan { id name } payments { id } } }")
    assert result.data["me"] == {"plan": {"id": "free", "name": "Free"}, "payments": []}


async def test_checkout_is_disabled_without_stripe_settings(client: httpx.AsyncClient) -> None:
    await sign_up(client)
    result = await gql(
        client,
        'mutation { startCheckout(planId: "pro") { checkoutUrl errors { code message } } }',
    )
    payload = result.data["startCheckout"]
    assert payload["checkoutUrl"] is None
    assert [e["code"] for e in payload["errors"]] == ["PAYMENTS_DISABLED"]


async def test_the_webhook_refuses_everything_without_stripe_settings(
    env: Env, client: httpx.AsyncClient
) -> None:
    paid = encode(event("invoice.paid", {"id": "in_1", "object": "invoice"}))
    response = await client.post(
        "/webhooks/stripe",
        content=paid,
        headers={"Stripe-Signature": signature(paid), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert await StripeEvent.all().count() == 0
