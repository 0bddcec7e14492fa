"""Access probes of payments: a customer's payment, tried through every field that takes the
customer's id to reach it (see tests/access_probes.py). There is no refund or other payment
mutation in the schema: payments change only through Stripe's signed webhooks."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from pixvault.billing.models import Payment
from pixvault.core.clock import now
from pixvault.graph.permissions import ACCESS_TABLE
from tests.access_probes import Cast, ListProbe, Probe, open_cast, rows, run_list_probe, run_probe
from tests.conftest import Env, gql

#: Query.payments lists anyone's payments; reading a person's is the rule of their list.
PAYMENT_READERS = ACCESS_TABLE["User.payments"]

PROBES = [Probe("Query.payments", "userId", "user", PAYMENT_READERS)]
LISTS = [ListProbe("Query.payments", "in_probe_q8w2e4", PAYMENT_READERS)]


@dataclass
class Ledger:
    cast: Cast
    user_id: str
    secrets: list[str]


@pytest.fixture(scope="module")
async def ledger(env: Env) -> AsyncIterator[Ledger]:
    async with open_cast(env) as cast:
        user_id = cast.user_ids["owner"]
        # As the invoice.paid webhook stores it (tests/billing covers that path end to end).
        await Payment.create(
            id=uuid.uuid4(),
            user_id=user_id,
            invoice_id="in_probe_q8w2e4",
            billing_name="Ada Payer-r5t7",
            amount_cents=4321,
            currency="EUR",
            status="SUCCEEDED",
            paid_at=now(),
            description="Pro plan, probe-y6u8",
            created_at=now(),
        )
        yield Ledger(
            cast=cast,
            user_id=user_id,
            secrets=["in_probe_q8w2e4", "Payer-r5t7", "probe-y6u8", cast.emails["owner"]],
        )


async def state_of(user_id: str) -> object:
    return await rows(
        Payment, ["status", "amount_cents", "refunded_cents", "billing_name"], user_id=user_id
    )


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.name)
async def test_payment_probe(ledger: Ledger, probe: Probe) -> None:
    tried = await run_probe(
        ledger.cast, probe, ledger.user_id, ledger.secrets, lambda: state_of(ledger.user_id)
    )
    assert "owner" in tried  # a customer reads their payments through me, not the staff list


@pytest.mark.parametrize("probe", LISTS, ids=lambda p: p.name)
async def test_payment_list_probe(ledger: Ledger, probe: ListProbe) -> None:
    await run_list_probe(ledger.cast, probe, probe.marker, ledger.secrets)


async def test_the_owner_sees_the_payment_and_billing_staff_find_it(ledger: Ledger) -> None:
    """The control for the refusals: the same payment is there for those allowed."""
    mine = await gql(ledger.cast.owner, "{ me { payments { billingName amountCents } } }")
    assert mine.data["me"]["payments"] == [{"billingName": "Ada Payer-r5t7", "amountCents": 4321}]
    for who in ("BILLING", "ADMIN"):
        listed = await gql(
            ledger.cast.clients[who],
            "query($id: ID) { payments(userId: $id) { edges { node { providerReference } } } }",
            {"id": ledger.user_id},
        )
        edges = listed.data["payments"]["edges"]
        assert edges == [{"node": {"providerReference": "in_probe_q8w2e4"}}], who
