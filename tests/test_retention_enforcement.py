"""Every retention period enforced by the daily job (records/enforcement.py): one test per
category crosses its period with the injected clock; legal holds pause it; and the register
test fails when a RETAIN entry of the register has no enforcing rule."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from pixvault.audit.models import AuditEntry
from pixvault.audit.service import AuditEvent, first_broken_link, record
from pixvault.billing.models import Payment
from pixvault.consents.models import ConsentRecord
from pixvault.core.clock import clock, now
from pixvault.core.privacy_register import Erasure, PersonalData, load_register
from pixvault.privacy.models import DataSubjectRequest, ErasureCertificate
from pixvault.records.enforcement import enforce_retention, rules
from pixvault.records.models import Disclosure, LegalHold
from pixvault.safety.models import AbuseReport, ContactMessage
from tests.conftest import PASSWORD, Env, drain_jobs, gql, sign_up, staff_client, unique_email
from tests.media import encode, uploaded

PLACE = """mutation($input: LegalHoldInput!) { placeLegalHold(input: $input) {
  hold { id } errors { code } } }"""
RELEASE = "mutation($id: ID!) { releaseLegalHold(id: $id) { errors { code } } }"
DISCLOSE = """mutation($i: DisclosureInput!) { recordDisclosure(input: $i) { errors { code } } }"""
SUBMIT = """mutation($i: DataSubjectRequestInput!) {
  submitDataSubjectRequest(input: $i) { request { id } errors { code } } }"""
SEND = """mutation($input: ContactInput!) { sendContactMessage(input: $input) {
  message { id } errors { code } } }"""
REPORT = """mutation($input: ReportAssetInput!) { reportAsset(input: $input) {
  report { id } errors { code } } }"""
RESOLVE = """mutation($id: ID!) { resolveAbuseReport(id: $id, decision: DISMISS) {
  errors { code } } }"""
CONSENT = """mutation { setConsents(decisions: [{purpose: ANALYTICS, granted: true}]) {
  errors { code } } }"""


def unenforced(register: dict[Any, Any]) -> list[str]:
    """RETAIN entries of the register that no retention rule enforces."""
    return sorted(
        d.section
        for d in register.values()
        if isinstance(d, PersonalData) and d.erasure is Erasure.RETAIN and d.section not in rules()
    )


async def test_every_retain_entry_of_the_register_has_an_enforcing_rule(env: Env) -> None:
    register = load_register()
    assert unenforced(register) == []
    # The check bites: a new RETAIN entry without a rule is named.
    extra = PersonalData(
        model=Payment,
        subject_field="user_id",
        fields=("amount_cents",),
        erasure=Erasure.RETAIN,
        purpose="test",
        section="invoices_kept_forever",
        retention="forever",
    )
    assert unenforced({**register, object: extra}) == ["invoices_kept_forever"]


async def test_old_audit_entries_are_cut_off_and_the_chain_still_verifies(env: Env) -> None:
    # First of the module: later tests write entries dated years ahead, which end the cut.
    held_user = str(uuid.uuid4())
    await record([AuditEvent(None, "ADMIN", "OLD_READ", str(uuid.uuid4()), None, "203.0.113.9")])
    old = await AuditEntry.all().order_by("-id").first()
    assert old is not None
    clock.advance(timedelta(days=365 * 3))
    await record([AuditEvent(None, "ADMIN", "LATER_READ", str(uuid.uuid4()), None, None)])
    later = await AuditEntry.all().order_by("-id").first()
    assert later is not None
    report = await enforce(env, timedelta(days=365 * 3 + 5))
    assert report["access_log"] >= 1
    assert not await AuditEntry.exists(id=old.id)
    assert await AuditEntry.exists(id=later.id)
    assert await first_broken_link() is None
    await record([AuditEvent(None, "ADMIN", "NEW_READ", held_user, None, None)])
    assert await first_broken_link() is None
    # Deleting an entry after the cut is still caught.
    await AuditEntry.filter(id=later.id).delete()
    broken = await first_broken_link()
    assert broken is not None and broken.action == "NEW_READ"


async def test_readme_states_each_rule_and_its_period(env: Env) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    for name, rule in rules().items():
        assert re.search(rf"\| `{name}`[^|]*\| {re.escape(rule.period)} \|", readme), name


async def enforce(env: Env, after: timedelta) -> dict[str, int]:
    clock.advance(after)
    return await enforce_retention(env.settings)


async def hold(env: Env, user_id: str) -> str:
    async with staff_client(env, "PRIVACY_OFFICER") as officer:
        placed = await gql(officer, PLACE, {"input": {"userId": user_id, "reason": "Litigation"}})
        assert placed.data["placeLegalHold"]["errors"] == []
        return str(placed.data["placeLegalHold"]["hold"]["id"])


async def release(env: Env, hold_id: str) -> None:
    async with staff_client(env, "PRIVACY_OFFICER") as officer:
        released = await gql(officer, RELEASE, {"id": hold_id})
        assert released.data["releaseLegalHold"]["errors"] == []


async def test_payments_go_after_the_tenth_year_after_their_year(env: Env) -> None:
    async with env.client() as c:
        payer, held = await sign_up(c), await sign_up(c)
    hold_id = await hold(env, held["id"])
    paid = now()
    for user in (payer, held):
        await Payment.create(
            user_id=user["id"],
            invoice_id=f"in_{uuid.uuid4().hex}",
            amount_cents=1500,
            currency="USD",
            status="SUCCEEDED",
            paid_at=paid,
            created_at=paid,
        )
    last_day = datetime(paid.year + 10, 12, 31, 23, tzinfo=UTC)
    await enforce(env, last_day - now())
    assert await Payment.exists(user_id=payer["id"])
    await enforce(env, timedelta(hours=2))
    assert not await Payment.exists(user_id=payer["id"])
    assert await Payment.exists(user_id=held["id"]), "a legal hold pauses retention"
    await release(env, hold_id)
    await enforce(env, timedelta(seconds=1))
    assert not await Payment.exists(user_id=held["id"])


async def test_released_holds_and_disclosures_go_after_six_years(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
    hold_id = await hold(env, user["id"])
    async with staff_client(env, "PRIVACY_OFFICER") as officer:
        disclosure = {
            "userId": user["id"],
            "recipient": "District Court",
            "legalBasis": "LEGAL_OBLIGATION",
            "dataCategories": ["account"],
        }
        assert (await gql(officer, DISCLOSE, {"i": disclosure})).data["recordDisclosure"][
            "errors"
        ] == []
    await enforce(env, timedelta(days=365 * 7))
    assert await Disclosure.exists(user_id=user["id"]), "the standing hold pauses it"
    await release(env, hold_id)
    await enforce(env, timedelta(days=1))
    assert not await Disclosure.exists(user_id=user["id"])
    assert await LegalHold.exists(id=hold_id), "kept 6 years after its release"
    await enforce(env, timedelta(days=365 * 6 + 2))
    assert not await LegalHold.exists(id=hold_id)


async def test_requests_certificates_and_export_archives(env: Env) -> None:
    async with env.client() as c:
        await sign_up(c)
        asked = await gql(c, SUBMIT, {"i": {"kind": "ACCESS", "password": PASSWORD}})
        access_id = asked.data["submitDataSubjectRequest"]["request"]["id"]
        await drain_jobs(env)
        closed = await gql(
            c,
            "mutation($p: String!) { closeAccount(password: $p) { request { id } } }",
            {"p": PASSWORD},
        )
        erasure_id = closed.data["closeAccount"]["request"]["id"]
    key = (await DataSubjectRequest.get(id=access_id)).export_key
    assert key and await env.runtime.storage.exists(key)
    await enforce(env, timedelta(days=7, seconds=5))
    assert not await env.runtime.storage.exists(key), "the archive goes with its link"
    assert (await DataSubjectRequest.get(id=access_id)).export_key is None
    await drain_jobs(env)  # the erasure (it erases the access request's details too)
    assert await ErasureCertificate.exists(request_id=erasure_id)
    await enforce(env, timedelta(days=365 * 3 - 30))
    assert await DataSubjectRequest.exists(id=access_id)
    await enforce(env, timedelta(days=60))
    assert not await DataSubjectRequest.exists(id=access_id)
    assert not await DataSubjectRequest.exists(id=erasure_id)
    assert not await ErasureCertificate.exists(request_id=erasure_id)


async def test_contact_messages_go_after_twelve_months(env: Env) -> None:
    async with env.client() as c:
        sent = await gql(
            c,
            SEND,
            {
                "input": {
                    "topic": "GENERAL",
                    "name": "Ada",
                    "email": unique_email("sender"),
                    "subject": "Hello",
                    "message": "A question.",
                }
            },
        )
    message_id = sent.data["sendContactMessage"]["message"]["id"]
    await enforce(env, timedelta(days=360))
    assert await ContactMessage.exists(id=message_id)
    await enforce(env, timedelta(days=10))
    assert not await ContactMessage.exists(id=message_id)


async def test_resolved_abuse_reports_go_after_two_years(env: Env) -> None:
    async with env.client() as owner:
        await sign_up(owner)
        asset = await uploaded(owner, encode(".jpg", width=41), visibility="PUBLIC")
    async with env.client() as anonymous:
        filed = await gql(
            anonymous,
            REPORT,
            {"input": {"assetId": asset["id"], "reason": "ABUSIVE", "reporterEmail": "r@x.test"}},
        )
    report_id = filed.data["reportAsset"]["report"]["id"]
    await enforce(env, timedelta(days=365 * 3))
    assert await AbuseReport.exists(id=report_id), "an open report is kept"
    async with staff_client(env, "SUPPORT") as support:
        assert (await gql(support, RESOLVE, {"id": report_id})).data["resolveAbuseReport"][
            "errors"
        ] == []
    await enforce(env, timedelta(days=365 * 2 - 5))
    assert await AbuseReport.exists(id=report_id)
    await enforce(env, timedelta(days=10))
    assert not await AbuseReport.exists(id=report_id)


async def test_visitor_consents_with_address_and_browser_go_after_thirteen_months(
    env: Env,
) -> None:
    async with env.client() as visitor:
        assert (await gql(visitor, CONSENT)).data["setConsents"]["errors"] == []
        visitor_id = visitor.cookies.get("pv_visitor") or next(iter(visitor.cookies.values()))
    records = ConsentRecord.filter(visitor_id__not_isnull=True, user_id=None)
    mine = [r for r in await records if r.recorded_at > now() - timedelta(minutes=1)]
    assert mine and all(r.ip_address and r.user_agent for r in mine), visitor_id
    await enforce(env, timedelta(days=390))
    assert await ConsentRecord.exists(id=mine[0].id)
    await enforce(env, timedelta(days=10))
    assert not await ConsentRecord.exists(id=mine[0].id)


async def test_unverified_requests_go_thirty_days_after_their_link_expired(
    client: httpx.AsyncClient, env: Env
) -> None:
    address = unique_email()
    asked = await gql(client, SUBMIT, {"i": {"kind": "ACCESS", "email": address}})
    assert asked.data["submitDataSubjectRequest"]["errors"] == []
    request_id = (await DataSubjectRequest.get(requester_email=address)).id
    await enforce(env, timedelta(days=30))
    assert await DataSubjectRequest.exists(id=request_id, status="AWAITING_VERIFICATION")
    await enforce(env, timedelta(days=1, seconds=5))
    assert not await DataSubjectRequest.exists(id=request_id)
