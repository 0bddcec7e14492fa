"""Customers see their own payments; billing staff (BILLING, ADMIN) see everyone's."""

from __future__ import annotations

import uuid

from pixvault.audit.models import AuditEntry
from tests.billing.fake_stripe import event, invoice
from tests.billing.helpers import checkout_customer, deliver
from tests.conftest import Env, gql, staff_client

PAYMENTS = """query Payments($userId: ID, $status: PaymentStatus) {
  payments(first: 50, userId: $userId, status: $status) {
    totalCount
    edges { node { amountCents status billingName providerReference user { id } } }
  }
}"""

USER_BILLING = """query Someone($id: ID!) {
  user(id: $id) { id payments { amountCents billingName } plan { id } usage { transformations } }
}"""


async def paying_customer(env: Env, amount: int, *, paid: bool = True) -> tuple[str, str]:
    """A customer with one invoice event applied; their user id and the invoice id."""
    async with env.client() as client:
        customer = await checkout_customer(client)
        invoice_id = f"in_{uuid.uuid4().hex[:14]}"
        bill = invoice(invoice_id, customer.customer_id, amount, paid=paid)
        response = await deliver(
            client, event("invoice.paid" if paid else "invoice.payment_failed", bill)
        )
        assert response.status_code == 200
    return customer.user_id, invoice_id


async def test_billing_staff_list_payments_across_customers(env: Env) -> None:
    _, first_invoice = await paying_customer(env, 1200)
    second_user, second_invoice = await paying_customer(env, 4900, paid=False)
    for role in ("BILLING", "ADMIN"):
        async with staff_client(env, role) as staff:
            everything = await gql(staff, PAYMENTS)
            assert everything.errors == []
            assert everything.data["payments"]["totalCount"] >= 2
            refs = {e["node"]["providerReference"] for e in everything.data["payments"]["edges"]}
            assert {first_invoice, second_invoice} <= refs

            one = await gql(staff, PAYMENTS, {"userId": second_user})
            assert one.data["payments"]["edges"] == [
                {
                    "node": {
                        "amountCents": 4900,
                        "status": "FAILED",
                        "billingName": "Ada Lovelace",
                        "providerReference": second_invoice,
                        "user": {"id": second_user},
                    }
                }
            ]
            failed = await gql(staff, PAYMENTS, {"status": "FAILED"})
            statuses = {e["node"]["status"] for e in failed.data["payments"]["edges"]}
            assert statuses == {"FAILED"}
            nobody = await gql(staff, PAYMENTS, {"userId": "not-a-user-id"})
            assert nobody.data["payments"]["totalCount"] == 0


async def test_billing_staff_reads_of_a_customer_are_audited(env: Env) -> None:
    user_id, _ = await paying_customer(env, 1200)
    async with staff_client(env, "BILLING") as staff:
        result = await gql(staff, USER_BILLING, {"id": user_id})
    assert result.errors == []
    assert result.data["user"]["payments"] == [{"amountCents": 1200, "billingName": "Ada Lovelace"}]
    assert result.data["user"]["plan"] == {"id": "free"}
    entry = await AuditEntry.filter(subject_id=user_id).order_by("-id").first()
    assert entry is not None and entry.action == "READ_PERSONAL_DATA"
    assert {"User.payments", "User.plan", "User.usage", "Payment.billingName"} <= set(
        entry.target.split(",")
    )


async def test_other_staff_and_customers_cannot_list_payments(env: Env) -> None:
    user_id, _ = await paying_customer(env, 1200)
    async with staff_client(env, "SUPPORT") as support:
        listing = await gql(support, PAYMENTS)
        someone = await gql(support, USER_BILLING, {"id": user_id})
    assert listing.data["payments"] is None
    assert listing.error_codes() == {"payments": "FORBIDDEN"}
    assert someone.data["user"] == {"id": user_id, "payments": None, "plan": None, "usage": None}
    assert set(someone.error_codes().values()) == {"FORBIDDEN"}

    async with env.client() as client:
        customer = await checkout_customer(client)
        listing = await gql(client, PAYMENTS)
        assert listing.data["payments"] is None
        assert listing.error_codes() == {"payments": "FORBIDDEN"}
        own = await gql(client, "{ me { payments { id } } }")
        assert own.data["me"]["payments"] == []  # not the other customer's
    assert customer.user_id != user_id
