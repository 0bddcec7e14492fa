"""Helpers of the billing tests: customers known to the fake Stripe, webhook deliveries, mail."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import httpx

from pixvault.billing.models import BillingAccount
from tests.billing.fake_stripe import encode, signature
from tests.conftest import Env, deliver_mail, gql, sign_up

START_CHECKOUT = """
mutation Checkout($planId: ID!) {
  startCheckout(planId: $planId) { checkoutUrl errors { field code message } }
}
"""


@dataclass
class Customer:
    user_id: str
    email: str
    customer_id: str


async def checkout_customer(client: httpx.AsyncClient, plan_id: str = "pro") -> Customer:
    """A signed-up customer who started a checkout, so Stripe knows them as a customer."""
    user = await sign_up(client)
    result = await gql(client, START_CHECKOUT, {"planId": plan_id})
    assert result.data["startCheckout"]["errors"] == [], result.body
    account = await BillingAccount.get(user_id=user["id"])
    assert account.stripe_customer_id is not None
    return Customer(user["id"], user["email"], account.stripe_customer_id)


async def deliver(
    client: httpx.AsyncClient, event: dict[str, Any] | bytes, header: str | None = None
) -> httpx.Response:
    """POST an event to the webhook, signed with the right secret unless told otherwise."""
    payload = event if isinstance(event, bytes) else encode(event)
    return await client.post(
        "/webhooks/stripe",
        content=payload,
        headers={
            "Content-Type": "application/json",
            "Stripe-Signature": signature(payload) if header is None else header,
        },
    )


async def emails_to(env: Env, address: str) -> list[EmailMessage]:
    """Messages delivered to ``address`` (the outbox is delivered first)."""
    await deliver_mail(env)
    found = []
    for path in sorted(env.settings.outbox_dir.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        if message["To"] == address:
            found.append(message)
    return found
