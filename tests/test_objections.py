"""Objection (GDPR Art. 21) over HTTP: an objection to direct marketing takes effect at once,
without review; other objections wait in the privacy officer's queue with the usual deadlines.
Emails are read as the SMTP server received them."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from pixvault.audit.models import AuditEntry
from pixvault.consents.marketing import consenting_user_ids
from pixvault.consents.models import ConsentRecord
from pixvault.consents.services import has_granted
from pixvault.core.clock import clock
from pixvault.privacy.deadlines import first_due
from tests.conftest import (
    PASSWORD,
    Env,
    deliver_mail,
    environment,
    gql,
    sign_up,
    staff_client,
)
from tests.smtp_sink import SmtpSink, text_of

FIELDS = "id kind purpose status dueAt receivedAt completedAt overdue details"
SUBMIT = f"""mutation($input: DataSubjectRequestInput!) {{
  submitDataSubjectRequest(input: $input) {{ request {{ {FIELDS} }} errors {{ field code }} }} }}"""
VERIFY = f"""mutation($t: String!) {{
  verifyDataSubjectRequest(token: $t) {{ request {{ {FIELDS} }} errors {{ code }} }} }}"""
GET = f"query($id: ID!) {{ dataSubjectRequest(id: $id) {{ {FIELDS} }} }}"
COMPLETE = """mutation($id: ID!, $note: String) {
  completeDataSubjectRequest(id: $id, note: $note) { request { status purpose }
  errors { code } } }"""
SET_CONSENTS = """mutation($d: [ConsentInput!]!) {
  setConsents(decisions: $d, source: SETTINGS) { errors { code } } }"""


@pytest.fixture(scope="module")
async def env(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpSink) -> AsyncIterator[Env]:
    async with environment(tmp_path_factory.mktemp("objections"), smtp_url=smtp.url) as opened:
        yield opened


async def customer(env: Env, c: httpx.AsyncClient, **grants: bool) -> dict[str, Any]:
    user = await sign_up(c)
    decisions = [{"purpose": p, "granted": g} for p, g in grants.items()]
    if decisions:
        result = await gql(c, SET_CONSENTS, {"d": decisions})
        assert result.data["setConsents"]["errors"] == [], result.body
    return user


async def object_to(c: httpx.AsyncClient, purpose: str | None, **extra: Any) -> dict[str, Any]:
    result = await gql(
        c,
        SUBMIT,
        {"input": {"kind": "OBJECTION", "purpose": purpose, "password": PASSWORD, **extra}},
    )
    payload: dict[str, Any] = result.data["submitDataSubjectRequest"]
    return payload


async def test_an_objection_to_marketing_takes_effect_at_once_without_review(
    env: Env, smtp: SmtpSink
) -> None:
    async with env.client() as c:
        user = await customer(env, c, MARKETING_EMAIL=True, ANALYTICS=True)
        assert user["id"] in await consenting_user_ids()
        payload = await object_to(c, "MARKETING_EMAIL")
    assert payload["errors"] == []
    request = payload["request"]
    assert (request["kind"], request["purpose"], request["status"]) == (
        "OBJECTION",
        "MARKETING_EMAIL",
        "COMPLETED",
    )
    assert request["completedAt"] is not None
    assert not await has_granted(user["id"], "MARKETING_EMAIL")
    assert user["id"] not in await consenting_user_ids()
    latest = await ConsentRecord.filter(user_id=user["id"], purpose="MARKETING_EMAIL").order_by(
        "-recorded_at", "-id"
    )
    assert (latest[0].granted, latest[0].source) == (False, "OBJECTION")
    # Only marketing: the analytics consent is untouched.
    assert await has_granted(user["id"], "ANALYTICS")
    await deliver_mail(env)
    subjects = [m["Subject"] for m in smtp.to(user["email"])]
    assert "Your data request is complete" in subjects
    done = [m for m in smtp.to(user["email"]) if m["Subject"] == "Your data request is complete"]
    assert "for marketing email." in text_of(done[-1])


async def test_marketing_objection_by_email_link_also_needs_no_review(
    env: Env, smtp: SmtpSink
) -> None:
    async with env.client() as c:
        user = await customer(env, c, MARKETING_EMAIL=True)
    async with env.client() as anonymous:
        sent = await gql(
            anonymous,
            SUBMIT,
            {"input": {"kind": "OBJECTION", "purpose": "MARKETING_EMAIL", "email": user["email"]}},
        )
        assert sent.data["submitDataSubjectRequest"]["errors"] == []
        assert await has_granted(user["id"], "MARKETING_EMAIL"), "not before verification"
        await deliver_mail(env)
        link = text_of(await smtp.wait_for(user["email"]))
        token = re.search(r"token=([\w-]+)", link)
        assert token is not None
        verified = await gql(anonymous, VERIFY, {"t": token.group(1)})
    assert verified.data["verifyDataSubjectRequest"]["request"]["status"] == "COMPLETED"
    assert not await has_granted(user["id"], "MARKETING_EMAIL")


async def test_an_objection_names_a_purpose_and_other_needs_a_ground(env: Env) -> None:
    async with env.client() as c:
        await customer(env, c)
        missing = await object_to(c, None)
        assert missing["errors"] == [{"field": "purpose", "code": "PURPOSE_REQUIRED"}]
        groundless = await object_to(c, "OTHER", details="   ")
        assert groundless["errors"] == [{"field": "details", "code": "GROUND_REQUIRED"}]
        misplaced = await gql(
            c,
            SUBMIT,
            {"input": {"kind": "ACCESS", "purpose": "ANALYTICS", "password": PASSWORD}},
        )
        assert misplaced.data["submitDataSubjectRequest"]["errors"] == [
            {"field": "purpose", "code": "PURPOSE_NOT_APPLICABLE"}
        ]
        ok = await object_to(c, "OTHER", details="You profile me for fraud scoring.")
    assert ok["errors"] == []
    assert (ok["request"]["status"], ok["request"]["purpose"]) == ("VERIFIED", "OTHER")


async def test_an_analytics_objection_waits_in_the_queue_and_is_upheld(
    env: Env, smtp: SmtpSink
) -> None:
    async with env.client() as c:
        user = await customer(env, c, ANALYTICS=True)
        payload = await object_to(c, "ANALYTICS", details="I do not want usage statistics.")
        request = payload["request"]
        assert request["status"] == "VERIFIED", "waits for review"
        assert await has_granted(user["id"], "ANALYTICS")
        received = clock.now()
        assert request["dueAt"][:10] == first_due(received).date().isoformat()
        on_time = (await gql(c, GET, {"id": request["id"]})).data["dataSubjectRequest"]
        assert on_time["overdue"] is False
    clock.advance(timedelta(days=32))
    async with staff_client(env, "SUPPORT") as support:
        refused = await gql(support, COMPLETE, {"id": request["id"]})
        assert refused.error_codes() == {"completeDataSubjectRequest": "FORBIDDEN"}
    async with staff_client(env, "PRIVACY_OFFICER") as officer:
        queue = await gql(
            officer,
            "{ dataSubjectRequests(status: VERIFIED) { edges { node { id overdue } } } }",
        )
        overdue = {
            e["node"]["id"]: e["node"]["overdue"]
            for e in queue.data["dataSubjectRequests"]["edges"]
        }
        assert overdue[request["id"]] is True, "in the queue, and late after a month"
        upheld = await gql(officer, COMPLETE, {"id": request["id"], "note": "No legitimate need."})
        again = await gql(officer, COMPLETE, {"id": request["id"]})
    assert upheld.data["completeDataSubjectRequest"] == {
        "request": {"status": "COMPLETED", "purpose": "ANALYTICS"},
        "errors": [],
    }
    assert again.data["completeDataSubjectRequest"]["errors"] == [{"code": "NOT_RUNNABLE"}]
    assert not await has_granted(user["id"], "ANALYTICS")
    [audit] = await AuditEntry.filter(action="UPHOLD_OBJECTION", subject_id=user["id"])
    assert audit.target == f"objection {request['id']} to ANALYTICS"
    await deliver_mail(env)
    assert "Your data request is complete" in [m["Subject"] for m in smtp.to(user["email"])]


async def test_an_objection_on_another_ground_can_be_declined_with_a_reason(env: Env) -> None:
    async with env.client() as c:
        await customer(env, c)
        request = (await object_to(c, "OTHER", details="Stop billing analysis."))["request"]
    async with staff_client(env, "ADMIN") as admin:
        declined = await gql(
            admin,
            """mutation($id: ID!) { rejectDataSubjectRequest(id: $id,
              reason: "Billing records are a legal obligation.") { request { status } } }""",
            {"id": request["id"]},
        )
    assert declined.data["rejectDataSubjectRequest"]["request"]["status"] == "REJECTED"


async def test_consent_withdrawal_stays_one_click(env: Env) -> None:
    async with env.client() as c:
        user = await customer(env, c, MARKETING_EMAIL=True)
        result = await gql(
            c, SET_CONSENTS, {"d": [{"purpose": "MARKETING_EMAIL", "granted": False}]}
        )
    assert result.data["setConsents"]["errors"] == []
    assert not await has_granted(user["id"], "MARKETING_EMAIL")
