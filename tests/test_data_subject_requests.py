"""Data subject requests end to end over HTTP: submission and identity, deadlines, the staff
queue, access exports, rectification and erasure."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta
from email import message_from_bytes
from email.message import Message

import httpx

from pixvault.accounts.models import ActivityEvent, ApiToken, Session, User
from pixvault.core.clock import clock
from pixvault.privacy.models import DataSubjectRequest, ErasureCertificate
from tests.conftest import (
    PASSWORD,
    Env,
    deliver_mail,
    drain_jobs,
    gql,
    log_in,
    make_staff,
    sign_up,
    unique_email,
)

FIELDS = """id kind status dueAt receivedAt verifiedAt progress exportUrl overdue
  extensionReason rejectionReason completedAt"""
SUBMIT = f"""mutation($input: DataSubjectRequestInput!) {{
  submitDataSubjectRequest(input: $input) {{ request {{ {FIELDS} }} errors {{ field code }} }} }}"""
VERIFY = f"""mutation($t: String!) {{
  verifyDataSubjectRequest(token: $t) {{ request {{ {FIELDS} }} errors {{ code }} }} }}"""
GET = f"query($id: ID!) {{ dataSubjectRequest(id: $id) {{ {FIELDS} }} }}"
EXTEND = """mutation($id: ID!, $days: Int!, $reason: String!) {
  extendDataSubjectRequest(id: $id, days: $days, reason: $reason) {
    request { dueAt extensionReason } errors { field code } } }"""
COMPLETE = """mutation($id: ID!, $note: String) {
  completeDataSubjectRequest(id: $id, note: $note) { request { status } errors { code } } }"""


async def mails_to(env: Env, address: str) -> list[Message]:
    await deliver_mail(env)
    found = [
        message_from_bytes(p.read_bytes())
        for p in sorted(env.settings.outbox_dir.glob("*.eml"), key=lambda p: p.stat().st_mtime)
    ]
    return [m for m in found if m["To"] == address]


def body(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


async def test_signed_in_access_request_is_verified_at_once_and_exported(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c, companyName="Initech")
        wrong = await gql(c, SUBMIT, {"input": {"kind": "ACCESS", "password": "nope nope nope"}})
        assert wrong.data["submitDataSubjectRequest"]["errors"] == [
            {"field": "password", "code": "INVALID_PASSWORD"}
        ]
        result = await gql(c, SUBMIT, {"input": {"kind": "ACCESS", "password": PASSWORD}})
        request = result.data["submitDataSubjectRequest"]["request"]
        assert request["status"] == "VERIFIED"
        assert request["verifiedAt"] is not None
        await drain_jobs(env)
        done = (await gql(c, GET, {"id": request["id"]})).data["dataSubjectRequest"]
        assert done["status"] == "COMPLETED"
        assert done["progress"] == 1.0
        url = done["exportUrl"]
        assert url.startswith(f"{env.settings.public_url}/exports/{request['id']}?expires=")
        response = await c.get(url.removeprefix(env.settings.public_url))
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) >= {"data.json", "index.html", "README.txt"}
    data = json.loads(archive.read("data.json"))
    account = data["sections"]["account"]["records"][0]
    assert account["email"] == user["email"] and account["company_name"] == "Initech"
    assert [e["kind"] for e in data["sections"]["activity"]["records"]] == ["SIGN_UP"]
    assert {c["purpose"] for c in data["sections"]["consents"]["records"]} >= {"NECESSARY"}
    assert data["sections"]["sessions"]["records"][0]["browser"] == "Chrome"
    assert "Initech" in archive.read("index.html").decode()
    assert archive.getinfo("data.json").compress_type == zipfile.ZIP_DEFLATED
    subjects = [m["Subject"] for m in (await mails_to(env, user["email"]))]
    assert "We received your data request" in subjects
    assert "Your data request is complete" in subjects


async def test_export_link_is_for_the_subject_alone_and_expires(env: Env) -> None:
    async with env.client() as owner:
        await sign_up(owner)
        result = await gql(owner, SUBMIT, {"input": {"kind": "ACCESS", "password": PASSWORD}})
        request_id = result.data["submitDataSubjectRequest"]["request"]["id"]
        await drain_jobs(env)
        url = (await gql(owner, GET, {"id": request_id})).data["dataSubjectRequest"]["exportUrl"]
    path = url.removeprefix(env.settings.public_url)
    async with env.client() as anonymous:
        assert (await anonymous.get(path)).status_code == 401
    async with env.client() as stranger:
        await sign_up(stranger)
        assert (await stranger.get(path)).status_code == 403
        assert (await gql(stranger, GET, {"id": request_id})).error_codes() == {
            "dataSubjectRequest": "FORBIDDEN"
        }
    async with env.client() as owner_again:
        forged = re.sub(r"signature=\w+", "signature=" + "0" * 64, path)
        assert (await owner_again.get(forged)).status_code == 403
    clock.advance(timedelta(days=8))
    async with env.client() as later:
        assert (await later.get(path)).status_code == 403


async def test_anonymous_request_is_verified_by_a_single_use_link(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        await gql(c, "mutation { logOut { ok } }")
    async with env.client() as anonymous:
        known = await gql(
            anonymous, SUBMIT, {"input": {"kind": "ACCESS", "email": user["email"].upper()}}
        )
        unknown = await gql(
            anonymous, SUBMIT, {"input": {"kind": "ACCESS", "email": unique_email("nobody")}}
        )
        assert known.body == unknown.body, "the answer never reveals whether an account exists"
        assert known.data["submitDataSubjectRequest"] == {"request": None, "errors": []}
    message = (await mails_to(env, user["email"]))[-1]
    assert message["Subject"] == "Confirm your data request"
    token = re.search(r"/privacy/verify\?token=([\w-]+)", body(message))
    assert token
    async with env.client() as browser:
        verified = await gql(browser, VERIFY, {"t": token.group(1)})
        request = verified.data["verifyDataSubjectRequest"]["request"]
        assert request["status"] == "VERIFIED"
        again = await gql(browser, VERIFY, {"t": token.group(1)})
        assert again.data["verifyDataSubjectRequest"]["errors"] == [{"code": "INVALID_TOKEN"}]
    await drain_jobs(env)
    row = await DataSubjectRequest.get(id=request["id"])
    assert row.status == "COMPLETED"
    assert str(row.subject_id) == user["id"]  # type: ignore[attr-defined]


async def test_verification_links_expire_after_a_day(env: Env) -> None:
    address = unique_email("late")
    async with env.client() as anonymous:
        await gql(anonymous, SUBMIT, {"input": {"kind": "ERASURE", "email": address}})
    token = re.search(r"token=([\w-]+)", body((await mails_to(env, address))[-1]))
    assert token
    clock.advance(timedelta(hours=25))
    async with env.client() as browser:
        late = await gql(browser, VERIFY, {"t": token.group(1)})
    assert late.data["verifyDataSubjectRequest"]["errors"] == [{"code": "INVALID_TOKEN"}]


async def test_bad_submissions_are_user_errors(env: Env) -> None:
    async with env.client() as anonymous:
        no_email = await gql(anonymous, SUBMIT, {"input": {"kind": "ACCESS"}})
        assert no_email.data["submitDataSubjectRequest"]["errors"] == [
            {"field": "email", "code": "EMAIL_REQUIRED"}
        ]
        bad = await gql(
            anonymous,
            SUBMIT,
            {
                "input": {
                    "kind": "RECTIFICATION",
                    "email": unique_email(),
                    "corrections": {"password": "x"},
                }
            },
        )
        assert bad.data["submitDataSubjectRequest"]["errors"] == [
            {"field": "corrections", "code": "UNKNOWN_FIELD"}
        ]


async def test_deadlines_extensions_and_the_staff_queue(env: Env) -> None:
    async with env.client() as c:
        await sign_up(c)
        result = await gql(
            c,
            SUBMIT,
            {
                "input": {
                    "kind": "RECTIFICATION",
                    "password": PASSWORD,
                    "corrections": {"name": "Corrected Name"},
                }
            },
        )
    request = result.data["submitDataSubjectRequest"]["request"]
    row = await DataSubjectRequest.get(id=request["id"])
    received = row.received_at
    expected_due = received.replace(
        month=received.month % 12 + 1, year=received.year + received.month // 12
    )
    assert abs((row.due_at - expected_due).total_seconds()) < 5 * 86400  # a calendar month
    _, officer_email = await make_staff(env, "PRIVACY_OFFICER")
    async with env.client() as officer:
        await log_in(officer, officer_email)
        no_reason = await gql(officer, EXTEND, {"id": request["id"], "days": 10, "reason": " "})
        assert no_reason.data["extendDataSubjectRequest"]["errors"][0]["code"] == "REASON_REQUIRED"
        ok = await gql(
            officer, EXTEND, {"id": request["id"], "days": 30, "reason": "Many archives to check"}
        )
        assert ok.data["extendDataSubjectRequest"]["errors"] == []
        too_long = await gql(
            officer, EXTEND, {"id": request["id"], "days": 40, "reason": "More time"}
        )
        assert too_long.data["extendDataSubjectRequest"]["errors"] == [
            {"field": "days", "code": "EXTENSION_TOO_LONG"}
        ]
        clock.advance(timedelta(days=70))
        await log_in(officer, officer_email)  # the old browser session has long expired
        queue = await gql(
            officer,
            "{ dataSubjectRequests(first: 200) { edges { node { id dueAt overdue } } } }",
        )
    nodes = [e["node"] for e in queue.data["dataSubjectRequests"]["edges"]]
    assert [n["dueAt"] for n in nodes] == sorted(n["dueAt"] for n in nodes)
    mine = next(n for n in nodes if n["id"] == request["id"])
    assert mine["overdue"] is True
    extended = (await mails_to(env, row.requester_email))[-1]
    assert "Many archives to check" in body(extended)


async def test_rectification_is_applied_after_review(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        result = await gql(
            c,
            SUBMIT,
            {
                "input": {
                    "kind": "RECTIFICATION",
                    "password": PASSWORD,
                    "corrections": {"name": "Right Name", "companyName": "Right Co"},
                }
            },
        )
        request_id = result.data["submitDataSubjectRequest"]["request"]["id"]
        customer_try = await gql(c, COMPLETE, {"id": request_id})
        assert customer_try.error_codes() == {"completeDataSubjectRequest": "FORBIDDEN"}
    _, officer_email = await make_staff(env, "PRIVACY_OFFICER")
    async with env.client() as officer:
        await log_in(officer, officer_email)
        done = await gql(officer, COMPLETE, {"id": request_id, "note": "checked ID"})
        assert done.data["completeDataSubjectRequest"]["request"]["status"] == "COMPLETED"
    refreshed = await User.get(id=user["id"])
    assert (refreshed.name, refreshed.company_name) == ("Right Name", "Right Co")
    row = await DataSubjectRequest.get(id=request_id)
    assert row.result == {
        "changes": {
            "name": {"from": "Test Person", "to": "Right Name"},
            "companyName": {"from": None, "to": "Right Co"},
        }
    }
    assert (await mails_to(env, user["email"]))[-1]["Subject"] == "Your data request is complete"


async def test_close_account_erases_everything_but_what_must_be_kept(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c, name="Erin Erasable", companyName="Vanishing Ltd")
        await gql(c, 'mutation { createApiToken(name: "script") { secret } }')
        closed = await gql(
            c,
            "mutation($p: String!) { closeAccount(password: $p) { request { id kind status } "
            "errors { code } } }",
            {"p": PASSWORD},
        )
        request = closed.data["closeAccount"]["request"]
        assert request["kind"] == "ERASURE" and request["status"] == "VERIFIED"
        await drain_jobs(env)
        assert (await gql(c, "{ me { id } }")).data["me"] is None
    row = await User.get(id=user["id"])
    assert row.email.endswith("@erased.invalid") and row.name == "Erased user"
    assert row.company_name is None and row.closed_at is not None
    for model in (Session, ApiToken, ActivityEvent):
        assert await model.filter(user_id=user["id"]).count() == 0, model
    certificate = await ErasureCertificate.get(request_id=request["id"])
    assert certificate.summary["account"] == {"action": "ANONYMISE", "records": 1}
    assert user["email"] not in json.dumps(certificate.summary)
    dsar = await DataSubjectRequest.get(id=request["id"])
    assert dsar.status == "COMPLETED" and dsar.requester_email == "erased"
    async with env.client() as c:
        assert (await log_in(c, user["email"])).data["logIn"]["errors"][0]["code"] == (
            "INVALID_CREDENTIALS"
        )


async def test_close_account_needs_a_signed_in_user(client: httpx.AsyncClient) -> None:
    result = await gql(client, 'mutation { closeAccount(password: "x") { errors { code } } }')
    assert result.error_codes() == {"closeAccount": "UNAUTHENTICATED"}


async def test_unfinished_work_resumes_after_a_restart(env: Env) -> None:
    from pixvault.privacy import runner

    async with env.client() as c:
        await sign_up(c)
        result = await gql(c, SUBMIT, {"input": {"kind": "ACCESS", "password": PASSWORD}})
    request_id = result.data["submitDataSubjectRequest"]["request"]["id"]
    await drain_jobs(env)
    # Simulate a run that died half-way: claimed, heartbeat long gone, not completed.
    await DataSubjectRequest.filter(id=request_id).update(
        status="IN_PROGRESS",
        heartbeat_at=clock.now() - timedelta(hours=1),
        completed_at=None,
        export_key=None,
    )
    assert await runner.resume(env.runtime.jobs, env.settings) >= 1
    await drain_jobs(env)
    row = await DataSubjectRequest.get(id=request_id)
    assert row.status == "COMPLETED" and row.export_key is not None


async def test_erasure_waits_while_a_legal_hold_stands(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
    _, officer_email = await make_staff(env, "PRIVACY_OFFICER")
    async with env.client() as officer:
        await log_in(officer, officer_email)
        hold = await gql(
            officer,
            "mutation($i: LegalHoldInput!) { placeLegalHold(input: $i) { hold { id } } }",
            {"i": {"userId": user["id"], "reason": "Court order", "reference": "CASE-42"}},
        )
        hold_id = hold.data["placeLegalHold"]["hold"]["id"]
        async with env.client() as c:
            await log_in(c, user["email"])
            closed = await gql(
                c,
                "mutation($p: String!) { closeAccount(password: $p) { request { id } } }",
                {"p": PASSWORD},
            )
            request_id = closed.data["closeAccount"]["request"]["id"]
            await drain_jobs(env)
            waiting = await gql(
                c,
                "query($id: ID!) { dataSubjectRequest(id: $id) { status waitingReason } }",
                {"id": request_id},
            )
        assert waiting.data["dataSubjectRequest"] == {
            "status": "VERIFIED",
            "waitingReason": "Erasure waits: your data is retained for a legal reason.",
        }
        assert (await User.get(id=user["id"])).closed_at is None
        await gql(
            officer,
            "mutation($id: ID!) { releaseLegalHold(id: $id) { hold { id } } }",
            {"id": hold_id},
        )
    await drain_jobs(env)
    row = await DataSubjectRequest.get(id=request_id)
    assert row.status == "COMPLETED" and row.waiting_reason is None
    assert (await User.get(id=user["id"])).closed_at is not None
