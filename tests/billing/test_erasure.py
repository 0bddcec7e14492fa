"""Closing an account reaches Stripe: the subscription is cancelled at once, the customer
deleted, a prorated refund made when the operator asks for one, and Stripe being away only
delays the erasure, which the worker retries until Stripe confirms."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from pixvault.accounts.models import User
from pixvault.billing.models import BillingAccount, Payment
from pixvault.core.clock import clock
from pixvault.privacy import runner
from pixvault.privacy.models import DataSubjectRequest, ErasureCertificate
from tests.billing.fake_stripe import FakeStripe, event, invoice
from tests.billing.helpers import checkout_customer, deliver
from tests.billing.test_cancel import subscribed
from tests.conftest import PASSWORD, Env, drain_jobs, gql, log_in, staff_client

CLOSE = """mutation($p: String!) { closeAccount(password: $p) {
  request { id status } errors { code } } }"""
MINE = "query($id: ID!) { dataSubjectRequest(id: $id) { status waitingReason } }"


async def close_account(client: httpx.AsyncClient) -> str:
    closed = await gql(client, CLOSE, {"p": PASSWORD})
    assert closed.data["closeAccount"]["errors"] == [], closed.body
    return str(closed.data["closeAccount"]["request"]["id"])


async def retry_when_due(env: Env, after: timedelta) -> None:
    """Let the retry delay pass, then run the worker's resume sweep and the queued jobs."""
    clock.advance(after)
    await runner.resume(env.runtime.jobs, env.settings)
    await drain_jobs(env)


async def test_erasure_cancels_and_deletes_at_stripe_surviving_failures(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    customer, sub = await subscribed(client, stripe)
    request_id = await close_account(client)

    stripe.unreachable = True
    try:
        await drain_jobs(env)
    finally:
        stripe.unreachable = False
    assert stripe.subscriptions[sub["id"]]["status"] == "active"
    mine = (await gql(client, MINE, {"id": request_id})).data["dataSubjectRequest"]
    assert mine["status"] == "VERIFIED", "not COMPLETED while Stripe has not confirmed"
    assert "payment provider" in mine["waitingReason"]
    assert await User.get(id=customer.user_id, closed_at=None)
    assert not await ErasureCertificate.exists(request_id=request_id)

    # Not before the retry delay: the sweep leaves it waiting.
    await runner.resume(env.runtime.jobs, env.settings)
    await drain_jobs(env)
    assert (await DataSubjectRequest.get(id=request_id)).status == "VERIFIED"

    # Second attempt: the cancellation goes through, the customer deletion fails with a 500.
    stripe.fail_on("DELETE", "/v1/customers/", 500, "api_error")
    await retry_when_due(env, timedelta(minutes=1, seconds=1))
    assert stripe.subscriptions[sub["id"]]["status"] == "canceled"
    assert customer.customer_id not in stripe.deleted_customers
    row = await DataSubjectRequest.get(id=request_id)
    assert row.status == "VERIFIED" and row.completed_at is None

    # Third attempt, after the doubled delay: the subscription is not cancelled twice.
    cancels = len(stripe.calls("DELETE", f"/v1/subscriptions/{sub['id']}"))
    await retry_when_due(env, timedelta(minutes=2, seconds=1))
    assert len(stripe.calls("DELETE", f"/v1/subscriptions/{sub['id']}")) == cancels == 1
    assert customer.customer_id in stripe.deleted_customers
    row = await DataSubjectRequest.get(id=request_id)
    assert row.status == "COMPLETED"
    certificate = await ErasureCertificate.get(request_id=request_id)
    assert certificate.summary["payment_provider"] == {
        "refund_rule": "none",
        "subscription": "cancelled",
        "refund_cents": 0,
        "customer": "deleted",
        "attempts": 2,
    }
    assert customer.customer_id not in str(certificate.summary)
    assert not await BillingAccount.exists(user_id=customer.user_id)


async def test_prorate_refunds_the_unused_part_through_a_credit_note(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(env.settings, "stripe_erasure_refund", "prorate")
    customer, sub = await subscribed(client, stripe)
    # The period runs 30 days and ends in 20: two thirds of the 1500 cents are unused.
    paid = invoice(f"in_{sub['id']}", customer.customer_id, 1500, paid=True)
    assert (await deliver(client, event("invoice.paid", paid))).status_code == 200
    assert await Payment.exists(invoice_id=paid["id"], status="SUCCEEDED")
    request_id = await close_account(client)
    await drain_jobs(env)

    [note] = stripe.credit_notes
    assert note["invoice"] == paid["id"]
    assert 990 <= int(note["refund_amount"]) <= 1000 and note["amount"] == note["refund_amount"]
    [call] = stripe.calls("POST", "/v1/credit_notes")
    assert call.headers["idempotency-key"] == f"erasure-{request_id}-refund"
    certificate = await ErasureCertificate.get(request_id=request_id)
    provider = certificate.summary["payment_provider"]
    assert provider["refund_rule"] == "prorate"
    assert provider["refund_cents"] == int(note["refund_amount"])
    assert provider["customer"] == "deleted" and provider["subscription"] == "cancelled"
    # The tax record stays, with initials only.
    assert (await Payment.get(invoice_id=paid["id"])).billing_name == "A. L."


async def test_erasure_without_a_subscription_still_deletes_the_customer(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    customer = await checkout_customer(client)
    request_id = await close_account(client)
    await drain_jobs(env)
    assert customer.customer_id in stripe.deleted_customers
    provider = (await ErasureCertificate.get(request_id=request_id)).summary["payment_provider"]
    assert provider["subscription"] == "none" and provider["customer"] == "deleted"


PUBLISH = """mutation($i: PublishPolicyInput!) { publishPolicyVersion(input: $i) {
  policyVersion { id } errors { code } } }"""
REJECT = """mutation($id: ID!, $p: String!) { rejectPolicyVersion(id: $id, password: $p) {
  accountClosed errors { code } } }"""


async def test_rejecting_a_policy_closes_the_account_at_stripe_too(
    env: Env, stripe: FakeStripe, client: httpx.AsyncClient
) -> None:
    customer, sub = await subscribed(client, stripe)
    async with staff_client(env, "PRIVACY_OFFICER") as officer:
        version = {
            "kind": "PRIVACY",
            "version": "2.0",
            "title": "Privacy Policy",
            "summary": "We keep more.",
            "body": "The full text.",
            "changeType": "SUBSTANTIAL",
            "materiallyReducesProtection": True,
        }
        published = await gql(officer, PUBLISH, {"i": version})
    assert published.data["publishPolicyVersion"]["errors"] == []
    version_id = published.data["publishPolicyVersion"]["policyVersion"]["id"]
    clock.advance(timedelta(days=30, seconds=1))
    async with env.client() as again:
        assert (await log_in(again, customer.email)).data["logIn"]["errors"] == []
        rejected = await gql(again, REJECT, {"id": version_id, "p": PASSWORD})
    assert rejected.data["rejectPolicyVersion"]["accountClosed"] is True
    await drain_jobs(env)
    assert stripe.subscriptions[sub["id"]]["status"] == "active", "not before the erasure"
    await retry_when_due(env, timedelta(days=8))  # the export's download window has passed
    assert stripe.subscriptions[sub["id"]]["status"] == "canceled"
    assert customer.customer_id in stripe.deleted_customers
    erasure = await DataSubjectRequest.get(subject_id=customer.user_id, kind="ERASURE")
    assert erasure.status == "COMPLETED"
    provider = (await ErasureCertificate.get(request_id=erasure.id)).summary["payment_provider"]
    assert provider["subscription"] == "cancelled" and provider["customer"] == "deleted"
