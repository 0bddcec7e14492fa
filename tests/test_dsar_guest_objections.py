"""People without an account restrict or object too (privacy/guest_rights.py): someone who
wrote through the contact form, reported an image and chose cookies asks by email, verifies by
the emailed link, and the records found for that email and visitor id stop being worked on,
each record kind as its lawful basis says. Over HTTP, on SQLite and on PostgreSQL + Redis."""

from __future__ import annotations

import re
from typing import Any

import httpx

from pixvault.audit.models import AuditEntry
from pixvault.consents.models import ConsentRecord
from pixvault.privacy.models import DataSubjectRequest
from pixvault.safety.models import ContactMessage
from tests.conftest import Env, drain_jobs, gql, staff_client, unique_email
from tests.servers import ON_EVERY_BACKEND
from tests.test_data_subject_requests import COMPLETE, SUBMIT, VERIFY, body, mails_to
from tests.test_dsar_guests import a_guest_leaves_traces

pytestmark = ON_EVERY_BACKEND

QUEUE = "{ contactMessages(first: 200) { id email } }"
HANDLE = """mutation($id: ID!) { markContactMessageHandled(id: $id) {
  errors { code } } }"""
REPORTS = "{ abuseReports(first: 200) { edges { node { id reporterEmail } } } }"
STATE = "{ consentState { decisions { purpose granted } } }"


async def asked_and_verified(
    env: Env, browser: httpx.AsyncClient, address: str, kind: str, **extra: Any
) -> str:
    """Submit from the browser, follow the emailed link, run the jobs; returns the request id."""
    asked = await gql(browser, SUBMIT, {"input": {"kind": kind, "email": address, **extra}})
    assert asked.data["submitDataSubjectRequest"]["errors"] == [], asked.body
    token = re.search(r"/privacy/verify\?token=([\w-]+)", body((await mails_to(env, address))[-1]))
    assert token
    async with env.client() as mailbox:
        answer = await gql(mailbox, VERIFY, {"t": token.group(1)})
    request = answer.data["verifyDataSubjectRequest"]["request"]
    assert request["kind"] == kind, answer.body
    await drain_jobs(env)
    return str(request["id"])


async def analytics(browser: httpx.AsyncClient) -> bool:
    decisions = (await gql(browser, STATE)).data["consentState"]["decisions"]
    return bool(next(d["granted"] for d in decisions if d["purpose"] == "ANALYTICS"))


async def last_mail(env: Env, address: str) -> str:
    mail = (await mails_to(env, address))[-1]
    assert mail["Subject"] == "Your data request is complete"
    return body(mail)


async def test_a_guest_restricts_the_processing_of_their_records(env: Env) -> None:
    address, bystander = unique_email("guest"), unique_email("other")
    async with env.client() as other:
        await a_guest_leaves_traces(env, other, bystander)
        async with env.client() as browser:
            await a_guest_leaves_traces(env, browser, address)
            request_id = await asked_and_verified(env, browser, address, "RESTRICTION")
            assert not await analytics(browser), "the visitor gets no analytics any more"
        assert await analytics(other), "nobody else's choices change"
    row = await DataSubjectRequest.get(id=request_id)
    assert (row.status, row.subject_id) == ("COMPLETED", None)  # type: ignore[attr-defined]
    assert row.result == {
        "records": {"contact_messages": 1, "abuse_reports_filed": 1, "consents": 1}
    }
    text = await last_mail(env, address)
    assert "now restricted" in text and "No Pixvault account" not in text
    [message] = await ContactMessage.filter(email=address)
    assert message.restricted_at is not None
    async with staff_client(env, "SUPPORT") as support:
        listed = {m["email"]: m["id"] for m in (await gql(support, QUEUE)).data["contactMessages"]}
        handled = await gql(support, HANDLE, {"id": str(message.id)})
        reports = (await gql(support, REPORTS)).data["abuseReports"]["edges"]
    assert bystander in listed and address not in listed, "kept, but out of the queue"
    assert handled.data["markContactMessageHandled"]["errors"] == [{"code": "NOT_FOUND"}]
    assert (await ContactMessage.get(id=message.id)).handled_at is None
    emails = [edge["node"]["reporterEmail"] for edge in reports]
    # The report is still reviewed (another person's image), but the reporter is not contacted.
    assert len(emails) == 2 and bystander in emails and address not in emails and None in emails
    [audit] = await AuditEntry.filter(action="PLACE_RESTRICTION", subject_id=None)
    assert str(request_id) in (audit.target or "")


async def test_a_guest_objection_to_analytics_is_upheld_for_their_visitor_id(env: Env) -> None:
    address = unique_email("guest")
    async with env.client() as browser:
        visitor = await a_guest_leaves_traces(env, browser, address)
        assert await analytics(browser)
        request_id = await asked_and_verified(
            env, browser, address, "OBJECTION", purpose="ANALYTICS"
        )
        assert (await DataSubjectRequest.get(id=request_id)).status == "VERIFIED", "reviewed"
        async with staff_client(env, "PRIVACY_OFFICER") as officer:
            upheld = await gql(officer, COMPLETE, {"id": request_id, "note": "No need."})
        assert upheld.data["completeDataSubjectRequest"] == {
            "request": {"status": "COMPLETED"},
            "errors": [],
        }, upheld.body
        assert not await analytics(browser)
    latest = await ConsentRecord.filter(visitor_id=visitor, purpose="ANALYTICS").order_by(
        "-recorded_at", "-id"
    )
    assert (latest[0].granted, latest[0].source) == (False, "OBJECTION")
    [audit] = await AuditEntry.filter(action="UPHOLD_OBJECTION", subject_id=None)
    assert audit.target == f"objection {request_id} to ANALYTICS"
    notice = await last_mail(env, address)
    assert "objection has been upheld" in notice
    assert "for analytics." in notice, "the use stopped, in words, not its code"
    assert (await ContactMessage.get(email=address)).restricted_at is None, "only analytics"


async def test_a_guest_objection_on_another_ground_stops_work_on_their_messages(
    env: Env,
) -> None:
    address = unique_email("guest")
    async with env.client() as browser:
        await a_guest_leaves_traces(env, browser, address)
        request_id = await asked_and_verified(
            env, browser, address, "OBJECTION", purpose="OTHER", details="Do not use my notes."
        )
        async with staff_client(env, "PRIVACY_OFFICER") as officer:
            upheld = await gql(officer, COMPLETE, {"id": request_id})
            listed = [m["email"] for m in (await gql(officer, QUEUE)).data["contactMessages"]]
            reports = (await gql(officer, REPORTS)).data["abuseReports"]["edges"]
        assert await analytics(browser), "an objection on another ground leaves the choices"
    assert upheld.data["completeDataSubjectRequest"]["errors"] == [], upheld.body
    assert (await ContactMessage.get(email=address)).restricted_at is not None
    assert address not in listed
    # Reviewing a report about another person's image is a compelling ground (Art. 21(1)).
    assert address in [edge["node"]["reporterEmail"] for edge in reports]
    result = (await DataSubjectRequest.get(id=request_id)).result
    assert result == {"records": {"contact_messages": 1}}


async def test_a_guest_without_records_is_told_there_was_nothing(env: Env) -> None:
    address = unique_email("nobody")
    async with env.client() as browser:
        restricted = await asked_and_verified(env, browser, address, "RESTRICTION")
        assert "nothing to restrict" in await last_mail(env, address)
        # An objection to direct marketing needs no review, with records or without.
        objected = await asked_and_verified(
            env, browser, address, "OBJECTION", purpose="MARKETING_EMAIL"
        )
        assert "nothing to stop" in await last_mail(env, address)
    for request_id in (restricted, objected):
        row = await DataSubjectRequest.get(id=request_id)
        assert row.status == "COMPLETED" and row.rejection_reason is None
