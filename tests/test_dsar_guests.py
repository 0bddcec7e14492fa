"""People without an account have their rights: someone who wrote through the contact form,
reported an image and chose cookies in their browser asks by email for ACCESS, ERASURE or
RECTIFICATION, verifies by the emailed link, and gets every record found for that email and
visitor id."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import httpx

from pixvault.consents.models import ConsentRecord
from pixvault.privacy.models import DataSubjectRequest, ErasureCertificate
from pixvault.safety.models import AbuseReport, ContactMessage
from tests.conftest import Env, drain_jobs, gql, log_in, make_staff, sign_up, unique_email
from tests.media import encode, uploaded
from tests.test_data_subject_requests import COMPLETE, SUBMIT, VERIFY, body, mails_to

SEND = """mutation($input: ContactInput!) { sendContactMessage(input: $input) {
  message { id } errors { code } } }"""
REPORT = """mutation($input: ReportAssetInput!) { reportAsset(input: $input) {
  report { id } errors { code } } }"""
CONSENT = """mutation { setConsents(decisions: [{purpose: ANALYTICS, granted: true}]) {
  errors { code } } }"""


async def public_asset(env: Env, width: int) -> str:
    async with env.client() as owner:
        await sign_up(owner)
        asset = await uploaded(owner, encode(".jpg", width=width), visibility="PUBLIC")
    return str(asset["id"])


async def a_guest_leaves_traces(env: Env, browser: httpx.AsyncClient, address: str) -> str:
    """Cookie choices, a contact message and an abuse report, all without an account; returns
    the visitor id of the browser."""
    assert (await gql(browser, CONSENT)).data["setConsents"]["errors"] == []
    visitor = browser.cookies.get("pv_visitor")
    assert visitor
    message = {
        "topic": "GENERAL",
        "name": "Grace Guest",
        "email": address,
        "subject": "Hello",
        "message": "Just a question.",
    }
    assert (await gql(browser, SEND, {"input": message})).data["sendContactMessage"]["errors"] == []
    asset_id = await public_asset(env, 43 + len(address) % 7)
    report = {"assetId": asset_id, "reason": "ABUSIVE", "reporterEmail": address}
    assert (await gql(browser, REPORT, {"input": report})).data["reportAsset"]["errors"] == []
    return visitor


async def verified(
    env: Env,
    browser: httpx.AsyncClient,
    kind: str,
    address: str,
    corrections: dict[str, str] | None = None,
) -> str:
    """Submit from the browser, follow the emailed link, run the job; returns the request id."""
    asked = await gql(
        browser, SUBMIT, {"input": {"kind": kind, "email": address, "corrections": corrections}}
    )
    assert asked.data["submitDataSubjectRequest"] == {"request": None, "errors": []}
    token = re.search(r"/privacy/verify\?token=([\w-]+)", body((await mails_to(env, address))[-1]))
    assert token
    async with env.client() as mailbox:
        answer = await gql(mailbox, VERIFY, {"t": token.group(1)})
    request = answer.data["verifyDataSubjectRequest"]["request"]
    # The same answer as for an account holder: nothing tells there is no account.
    assert request["status"] == "VERIFIED" and request["kind"] == kind, answer.body
    await drain_jobs(env)
    return str(request["id"])


def records(data: dict[str, Any], section: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = data["sections"][section]["records"]
    return found


async def test_a_person_without_an_account_gets_a_copy_of_their_records(env: Env) -> None:
    address = unique_email("guest")
    async with env.client() as browser:
        visitor = await a_guest_leaves_traces(env, browser, address)
        request_id = await verified(env, browser, "ACCESS", address)
    assert (await DataSubjectRequest.get(id=request_id)).status == "COMPLETED"
    done = (await mails_to(env, address))[-1]
    assert done["Subject"] == "Your data request is complete"
    link = re.search(r"https?://\S+/exports/\S+", body(done))
    assert link, body(done)
    async with env.client() as anyone:  # not signed in: the signed link is the key
        response = await anyone.get(link.group(0).removeprefix(env.settings.public_url))
    assert response.status_code == 200, response.text
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    [message] = records(data, "contact_messages")
    assert message["email"] == address and message["name"] == "Grace Guest"
    assert [r["reason"] for r in records(data, "abuse_reports_filed")] == ["ABUSIVE"]
    consents = records(data, "consents")
    assert consents and {r["purpose"] for r in consents} >= {"ANALYTICS"}
    assert await ConsentRecord.filter(visitor_id=visitor).count() == len(consents)
    assert any(r["kind"] == "ACCESS" for r in records(data, "data_subject_requests"))
    assert address not in json.dumps(data["recipients"])


async def test_a_person_without_an_account_has_their_records_erased(env: Env) -> None:
    address, bystander = unique_email("guest"), unique_email("other")
    async with env.client() as other:
        await a_guest_leaves_traces(env, other, bystander)
    async with env.client() as browser:
        visitor = await a_guest_leaves_traces(env, browser, address)
        request_id = await verified(env, browser, "ERASURE", address)
    assert (await DataSubjectRequest.get(id=request_id)).status == "COMPLETED"
    assert not await ContactMessage.exists(email=address)
    assert not await ConsentRecord.exists(visitor_id=visitor)
    assert not await AbuseReport.exists(reporter_email=address)
    assert await AbuseReport.filter(reporter_email="erased").exists(), "kept as evidence"
    assert await ContactMessage.exists(email=bystander), "nobody else's records"
    certificate = await ErasureCertificate.get(request_id=request_id)
    assert certificate.summary["contact_messages"] == {"action": "DELETE", "records": 1}
    assert certificate.summary["abuse_reports_filed"] == {"action": "ANONYMISE", "records": 1}
    assert address not in json.dumps(certificate.summary)
    row = await DataSubjectRequest.get(id=request_id)
    assert row.requester_email == "erased" and row.visitor_id is None
    assert (await mails_to(env, address))[-1]["Subject"] == "Your data request is complete"


async def test_a_person_without_an_account_has_their_records_corrected(env: Env) -> None:
    address, bystander = unique_email("guest"), unique_email("other")
    async with env.client() as other:
        await a_guest_leaves_traces(env, other, bystander)
    corrections = {"name": "Grace Rightname", "email": unique_email("new")}
    async with env.client() as browser:
        await a_guest_leaves_traces(env, browser, address)
        # The answers are an account holder's: verified, waiting for an officer's review.
        request_id = await verified(env, browser, "RECTIFICATION", address, corrections)
    assert not any("No Pixvault account" in body(m) for m in await mails_to(env, address))
    _, officer_email = await make_staff(env, "PRIVACY_OFFICER")
    async with env.client() as officer:
        await log_in(officer, officer_email)
        done = await gql(officer, COMPLETE, {"id": request_id, "note": "checked"})
    assert done.data["completeDataSubjectRequest"] == {
        "request": {"status": "COMPLETED"},
        "errors": [],
    }, done.body
    [message] = await ContactMessage.filter(email=address)
    assert message.name == "Grace Rightname"
    assert (await ContactMessage.get(email=bystander)).name == "Grace Guest", "nobody else's"
    # The address records are found by is not moved to one nobody proved to control.
    assert await AbuseReport.exists(reporter_email=address)
    assert not await ContactMessage.exists(email=corrections["email"])
    changes = (await DataSubjectRequest.get(id=request_id)).result["changes"]
    assert changes["name"] == {"to": "Grace Rightname", "records": {"contact_messages": 1}}
    assert changes["email"]["applied"] is False
    done_mail = (await mails_to(env, address))[-1]
    assert done_mail["Subject"] == "Your data request is complete"
    assert "corrections you asked for have been made" in body(done_mail)


async def test_a_guest_and_an_account_holder_get_the_same_answers(env: Env) -> None:
    """Submitting and verifying a RECTIFICATION by email: nothing tells whether an account
    uses the address."""
    async with env.client() as holder:
        member = (await sign_up(holder))["email"]
    answers = []
    for address in (member, unique_email("guest")):
        async with env.client() as browser:
            fix = {"name": "Another Name"}
            asked = await gql(
                browser,
                SUBMIT,
                {"input": {"kind": "RECTIFICATION", "email": address, "corrections": fix}},
            )
            token = re.search(
                r"/privacy/verify\?token=([\w-]+)", body((await mails_to(env, address))[-1])
            )
            assert token
            answer = await gql(browser, VERIFY, {"t": token.group(1)})
            request = answer.data["verifyDataSubjectRequest"]["request"]
            answers.append((asked.data, request["status"], request["kind"]))
    assert answers[0] == answers[1]
    assert answers[0][1] == "VERIFIED"
