"""Disclosures to third parties: recorded by privacy officers and admins, audited, listed for
staff, and handed to the access export by disclosures_for()."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from pixvault.audit.models import AuditEntry
from pixvault.core.clock import now
from pixvault.records.disclosures import disclosures_for
from pixvault.records.models import Disclosure
from tests.conftest import Env, gql, log_in, make_staff, sign_up
from tests.conftest import staff_client as staff

RECORD = """mutation($input: DisclosureInput!) { recordDisclosure(input: $input) {
  disclosure { id recipient legalBasis dataCategories reference disclosedAt recordedAt
    subject { id } }
  errors { field code } } }"""
LIST = """query($subject: ID, $first: Int) { disclosures(subjectId: $subject, first: $first) {
  totalCount edges { node { id recipient legalBasis subject { id } } } } }"""


async def a_customer(env: Env) -> dict[str, str]:
    async with env.client() as c:
        return await sign_up(c)


def disclosure(user_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "input": {
            "userId": user_id,
            "recipient": "Berlin Regional Court",
            "legalBasis": "LEGAL_OBLIGATION",
            "dataCategories": ["account details", "IP addresses"],
            "reference": "Order 12 O 345/26",
            **overrides,
        }
    }


async def test_a_privacy_officer_records_an_audited_disclosure(env: Env) -> None:
    customer = await a_customer(env)
    officer_id, officer_email = await make_staff(env, "PRIVACY_OFFICER")
    when = (now() - timedelta(days=3)).replace(microsecond=0)
    async with env.client() as officer:
        await log_in(officer, officer_email)
        result = await gql(
            officer,
            RECORD,
            disclosure(
                customer["id"],
                recipient="  Berlin   Regional Court ",
                dataCategories=["account details", " uploads ", "account details"],
                disclosedAt=when.isoformat(),
            ),
        )
    payload = result.data["recordDisclosure"]
    assert payload["errors"] == []
    given = payload["disclosure"]
    assert given["recipient"] == "Berlin Regional Court"
    assert given["legalBasis"] == "LEGAL_OBLIGATION"
    assert given["dataCategories"] == ["account details", "uploads"]
    assert given["reference"] == "Order 12 O 345/26"
    assert given["subject"] == {"id": customer["id"]}
    row = await Disclosure.get(id=given["id"])
    assert row.disclosed_at == when
    assert str(row.recorded_by_id) == officer_id  # type: ignore[attr-defined]
    [entry] = await AuditEntry.filter(action="RECORD_DISCLOSURE", subject_id=customer["id"])
    assert entry.actor_id == officer_id
    assert entry.target == f"disclosure {given['id']} to Berlin Regional Court"
    [exported] = await disclosures_for(customer["id"])
    assert exported.id == given["id"]
    assert exported.recipient == "Berlin Regional Court"
    assert exported.legal_basis == "LEGAL_OBLIGATION"
    assert exported.data_categories == ("account details", "uploads")
    assert exported.reference == "Order 12 O 345/26"
    assert exported.disclosed_at == when


async def test_only_privacy_officers_and_admins_record_disclosures(env: Env) -> None:
    customer = await a_customer(env)
    for role in ("SUPPORT", "BILLING"):
        async with staff(env, role) as client:
            refused = await gql(client, RECORD, disclosure(customer["id"]))
            assert refused.error_codes() == {"recordDisclosure": "FORBIDDEN"}, role
    async with env.client() as c:
        await sign_up(c)
        refused = await gql(c, RECORD, disclosure(customer["id"]))
        assert refused.error_codes() == {"recordDisclosure": "FORBIDDEN"}
    async with env.client() as anonymous:
        refused = await gql(anonymous, RECORD, disclosure(customer["id"]))
        assert refused.error_codes() == {"recordDisclosure": "UNAUTHENTICATED"}
    assert await disclosures_for(customer["id"]) == []
    async with staff(env, "ADMIN") as admin:
        done = await gql(admin, RECORD, disclosure(customer["id"], reference=None))
    assert done.data["recordDisclosure"]["disclosure"]["reference"] is None
    assert len(await disclosures_for(customer["id"])) == 1


async def test_bad_input_is_a_clear_error_and_nothing_is_recorded(env: Env) -> None:
    customer = await a_customer(env)
    later = (now() + timedelta(hours=1)).isoformat()
    cases = [
        (disclosure(customer["id"], recipient=" "), "recipient", "REQUIRED"),
        (disclosure(customer["id"], recipient="r" * 201), "recipient", "TOO_LONG"),
        (disclosure(customer["id"], dataCategories=[]), "dataCategories", "REQUIRED"),
        (disclosure(customer["id"], dataCategories=["a", " "]), "dataCategories", "REQUIRED"),
        (
            disclosure(customer["id"], dataCategories=[f"kind {i}" for i in range(21)]),
            "dataCategories",
            "TOO_MANY",
        ),
        (disclosure(customer["id"], disclosedAt=later), "disclosedAt", "FUTURE_DATE"),
        (
            disclosure(customer["id"], disclosedAt="2026-01-02T10:00:00"),
            "disclosedAt",
            "INVALID_DATE",
        ),
        (disclosure(str(uuid.uuid4())), "userId", "NOT_FOUND"),
    ]
    async with staff(env, "PRIVACY_OFFICER") as officer:
        for variables, field, code in cases:
            result = await gql(officer, RECORD, variables)
            payload = result.data["recordDisclosure"]
            assert payload["disclosure"] is None, (field, code)
            assert payload["errors"] == [{"field": field, "code": code}]
        unknown_basis = await gql(officer, RECORD, disclosure(customer["id"], legalBasis="WHIM"))
        assert unknown_basis.http.status_code == 200
        assert unknown_basis.errors and unknown_basis.body.get("data") is None
    assert await disclosures_for(customer["id"]) == []
    assert not await AuditEntry.filter(
        action="RECORD_DISCLOSURE", subject_id=customer["id"]
    ).exists()


async def test_staff_list_disclosures_and_their_reads_are_audited(env: Env) -> None:
    customer = await a_customer(env)
    other = await a_customer(env)
    async with staff(env, "PRIVACY_OFFICER") as officer:
        early = now() - timedelta(days=10)
        await gql(officer, RECORD, disclosure(customer["id"], disclosedAt=early.isoformat()))
        await gql(officer, RECORD, disclosure(customer["id"], recipient="Police", reference="P"))
        await gql(officer, RECORD, disclosure(other["id"]))
    admin_id, admin_email = await make_staff(env, "ADMIN")
    async with env.client() as admin:
        await log_in(admin, admin_email)
        listed = (await gql(admin, LIST, {"subject": customer["id"]})).data["disclosures"]
        assert listed["totalCount"] == 2
        assert [e["node"]["recipient"] for e in listed["edges"]] == [
            "Police",
            "Berlin Regional Court",
        ]
        assert {e["node"]["subject"]["id"] for e in listed["edges"]} == {customer["id"]}
        everyone = (await gql(admin, LIST, {"first": 200})).data["disclosures"]
        assert {customer["id"], other["id"]} <= {
            e["node"]["subject"]["id"] for e in everyone["edges"]
        }
    reads = await AuditEntry.filter(actor_id=admin_id, action="READ_PERSONAL_DATA")
    assert {customer["id"], other["id"]} <= {e.subject_id for e in reads}
    assert {e.target for e in reads} == {"Query.disclosures"}
    # The export lists them in the order they happened.
    assert [d.recipient for d in await disclosures_for(customer["id"])] == [
        "Berlin Regional Court",
        "Police",
    ]
    async with staff(env, "SUPPORT") as support:
        refused = await gql(support, LIST, {"subject": customer["id"]})
    assert refused.error_codes() == {"disclosures": "FORBIDDEN"}
