"""Abuse reports over HTTP: filing (who, dedupe, throttle), the staff queue, and decisions."""

from __future__ import annotations

import email
import itertools
import uuid
from collections.abc import AsyncIterator
from email.message import Message
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from pixvault.audit.models import AuditEntry
from pixvault.privacy.erasure import erase_user
from pixvault.privacy.export_data import collect
from pixvault.safety.models import AbuseReport
from tests.conftest import Env, deliver_mail, gql, unique_email
from tests.media import encode, signed_in, uploaded

Pair = tuple[httpx.AsyncClient, str]
_widths = itertools.count(60, 2)

REPORT = """mutation($input: ReportAssetInput!) { reportAsset(input: $input) {
  report { id reason details status createdAt resolvedAt resolutionNote reporterEmail
           asset { id } }
  errors { field code message } } }"""
RESOLVE = """mutation($id: ID!, $decision: ReportDecision!, $note: String) {
  resolveAbuseReport(id: $id, decision: $decision, note: $note) {
  report { id status resolvedAt resolutionNote } errors { field code } } }"""
QUEUE = """query($status: ReportStatus, $first: Int, $after: String) {
  abuseReports(status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id status reason reporterEmail asset { id } } } } }"""
ASSET = """query($id: ID!) { asset(id: $id) {
  id status moderationNote url variantUrl(width: 30) } }"""


@pytest.fixture
async def anonymous(env: Env) -> AsyncIterator[httpx.AsyncClient]:
    async with env.client() as client:
        yield client


async def new_asset(owner: Pair, visibility: str = "PUBLIC") -> dict[str, Any]:
    return await uploaded(
        owner[0], encode(".jpg", width=next(_widths)), filename="sunset.jpg", visibility=visibility
    )


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


async def report(
    client: httpx.AsyncClient, asset_id: str, reporter_email: str | None = None, **extra: Any
) -> dict[str, Any]:
    variables = {"assetId": asset_id, "reason": "ABUSIVE", "reporterEmail": reporter_email}
    result = await gql(client, REPORT, {"input": {**variables, **extra}})
    payload: dict[str, Any] = result.data["reportAsset"]
    return payload


async def mails_to(env: Env, address: str) -> list[Message]:
    await deliver_mail(env)
    found = [
        email.message_from_bytes(p.read_bytes()) for p in env.settings.outbox_dir.glob("*.eml")
    ]
    return [m for m in found if m["To"] == address]


def text_of(message: Message) -> str:
    if message.is_multipart():
        message = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    return body.decode()


async def test_anonymous_reporters_give_an_email(
    owner: Pair, anonymous: httpx.AsyncClient, support: Pair
) -> None:
    asset = await new_asset(owner)
    missing = await report(anonymous, asset["id"])
    assert missing["report"] is None
    assert [e["code"] for e in missing["errors"]] == ["EMAIL_REQUIRED"]
    bad = await report(anonymous, asset["id"], "not-an-address")
    assert [e["code"] for e in bad["errors"]] == ["INVALID_EMAIL"]

    address = unique_email("reporter")
    filed = await report(anonymous, asset["id"], address.upper(), details="Mean words.")
    assert filed["errors"] == []
    found = filed["report"]
    assert found["status"] == "OPEN" and found["details"] == "Mean words."
    assert found["asset"] == {"id": asset["id"]}
    # The reporter's own address is STAFF only, even in the payload of filing.
    assert found["reporterEmail"] is None
    queue = (await gql(support[0], QUEUE, {"status": "OPEN", "first": 100})).data["abuseReports"]
    [mine] = [e["node"] for e in queue["edges"] if e["node"]["id"] == found["id"]]
    assert mine["reporterEmail"] == address


async def test_a_signed_in_reporter_reports_under_their_own_address(
    env: Env, owner: Pair, support: Pair
) -> None:
    asset = await new_asset(owner)
    async with signed_in(env) as (reporter, _):
        own_email = (await gql(reporter, "{ me { email } }")).data["me"]["email"]
        filed = await report(reporter, asset["id"], "someone-else@example.com")
        assert filed["errors"] == []
        again = await report(reporter, asset["id"], reason="ILLEGAL")
        assert again["report"]["id"] == filed["report"]["id"]
    queue = (await gql(support[0], QUEUE, {"first": 100})).data["abuseReports"]
    [node] = [e["node"] for e in queue["edges"] if e["node"]["id"] == filed["report"]["id"]]
    assert node["reporterEmail"] == own_email


async def test_a_signed_out_submission_never_returns_another_report(
    env: Env, owner: Pair, support: Pair
) -> None:
    """Issue 22, point 3: supplying a reporter's address used to return that person's open
    report, details and all. Now each signed-out submission files its own report and is
    answered with what it sent, whatever exists under that address."""
    asset = await new_asset(owner)
    victim_address = unique_email("reporter")
    async with env.client() as victim:
        filed = await report(victim, asset["id"], victim_address, details="My neighbour, Ann.")
    async with env.client() as attacker:
        probe = await report(attacker, asset["id"], victim_address)
        fresh = await report(attacker, asset["id"], unique_email("reporter"))
    assert probe["errors"] == [] and fresh["errors"] == []
    assert probe["report"]["id"] != filed["report"]["id"]
    assert "Ann" not in str(probe)
    shape = {k: v for k, v in probe["report"].items() if k not in ("id", "createdAt")}
    assert shape == {k: v for k, v in fresh["report"].items() if k not in ("id", "createdAt")}
    queue = (await gql(support[0], QUEUE, {"status": "OPEN", "first": 200})).data
    ids = {e["node"]["id"] for e in queue["abuseReports"]["edges"]}
    assert {filed["report"]["id"], probe["report"]["id"]} <= ids


async def test_submissions_naming_an_existing_report_are_throttled_too(
    env: Env, owner: Pair
) -> None:
    asset = await new_asset(owner)
    address = unique_email("reporter")
    async with env.client() as first:
        await report(first, asset["id"], address)
    async with env.client() as prober:
        for _ in range(10):
            assert (await report(prober, asset["id"], address))["errors"] == []
        refused = await report(prober, asset["id"], address)
    assert refused["report"] is None
    assert [e["code"] for e in refused["errors"]] == ["RATE_LIMITED"]


async def test_reports_are_rate_limited_per_address(env: Env, owner: Pair) -> None:
    asset = await new_asset(owner)
    async with env.client() as client:
        for _ in range(10):
            assert (await report(client, asset["id"], unique_email("r")))["errors"] == []
        refused = await report(client, asset["id"], unique_email("r"))
        assert refused["report"] is None
        assert [e["code"] for e in refused["errors"]] == ["RATE_LIMITED"]
    async with env.client() as elsewhere:
        assert (await report(elsewhere, asset["id"], unique_email("r")))["errors"] == []


async def test_private_and_unknown_assets_cannot_be_reported_alike(
    owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    private = await new_asset(owner, visibility="PRIVATE")
    address = unique_email("reporter")
    refused = await report(anonymous, private["id"], address)
    unknown = await report(anonymous, "7d4c7d0e-0000-4000-8000-000000000000", address)
    garbage = await report(anonymous, "nope", address)
    assert refused == unknown == garbage
    assert refused["report"] is None
    assert [e["code"] for e in refused["errors"]] == ["NOT_FOUND"]


async def test_customers_and_strangers_may_not_see_or_resolve_reports(
    env: Env, owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset = await new_asset(owner)
    filed = await report(anonymous, asset["id"], unique_email("reporter"))
    report_id = filed["report"]["id"]
    async with signed_in(env) as (customer, _):
        assert (await gql(customer, QUEUE)).error_codes() == {"abuseReports": "FORBIDDEN"}
        refused = await gql(customer, RESOLVE, {"id": report_id, "decision": "UPHOLD"})
        assert refused.error_codes() == {"resolveAbuseReport": "FORBIDDEN"}
    assert (await gql(owner[0], QUEUE)).error_codes() == {"abuseReports": "FORBIDDEN"}
    assert (await gql(anonymous, QUEUE)).error_codes() == {"abuseReports": "UNAUTHENTICATED"}
    found = (await gql(owner[0], ASSET, {"id": asset["id"]})).data["asset"]
    assert found["status"] == "ACTIVE" and found["moderationNote"] is None


async def test_upholding_quarantines_at_once_and_tells_the_owner(
    env: Env, owner: Pair, support: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset = await new_asset(owner)
    before = (await gql(owner[0], ASSET, {"id": asset["id"]})).data["asset"]
    public_url, variant_url = path_of(before["url"]), path_of(before["variantUrl"])
    # A rendition made (and cached) before the decision.
    assert (await anonymous.get(variant_url)).status_code == 200
    assert (await anonymous.get(variant_url)).status_code == 200
    first = await report(anonymous, asset["id"], unique_email("reporter"))
    second = await report(anonymous, asset["id"], unique_email("reporter"), reason="ILLEGAL")
    decided = await gql(
        support[0],
        RESOLVE,
        {"id": first["report"]["id"], "decision": "UPHOLD", "note": "Harassment of a person."},
    )
    payload = decided.data["resolveAbuseReport"]
    assert payload["errors"] == []
    assert payload["report"]["status"] == "UPHELD" and payload["report"]["resolvedAt"]

    for url in (public_url, variant_url):
        assert (await anonymous.get(url)).status_code == 451
    # Signed URLs, fresh ones made for the owner too: 451 for everyone but the owner, who still
    # gets their own image (never cacheable by others).
    after = (await gql(owner[0], ASSET, {"id": asset["id"]})).data["asset"]
    assert after["status"] == "QUARANTINED"
    for url in (after["url"], after["variantUrl"]):
        mine = await owner[0].get(path_of(url))
        assert mine.status_code == 200 and "public" not in mine.headers["cache-control"]
        assert (await anonymous.get(path_of(url))).status_code == 451
    assert "Harassment of a person." in after["moderationNote"]
    # Strangers no longer see the asset at all, so not its note either.
    assert (await gql(anonymous, ASSET, {"id": asset["id"]})).data["asset"] is None

    queue = (await gql(support[0], QUEUE, {"first": 200})).data["abuseReports"]
    statuses = {e["node"]["id"]: e["node"]["status"] for e in queue["edges"]}
    assert statuses[second["report"]["id"]] == "UPHELD"

    owner_email = (await gql(owner[0], "{ me { email } }")).data["me"]["email"]
    [mail] = await mails_to(env, owner_email)
    assert "sunset.jpg" in mail["Subject"]
    body = text_of(mail)
    assert "report upheld" in body and "Harassment of a person." in body

    entries = await AuditEntry.filter(action="ABUSE_REPORT_UPHELD", subject_id=owner[1])
    assert [e.actor_id for e in entries] == [support[1]]
    assert first["report"]["id"] in (entries[0].target or "")

    again = await gql(support[0], RESOLVE, {"id": first["report"]["id"], "decision": "DISMISS"})
    assert [e["code"] for e in again.data["resolveAbuseReport"]["errors"]] == ["ALREADY_RESOLVED"]
    closed = await gql(support[0], RESOLVE, {"id": second["report"]["id"], "decision": "UPHOLD"})
    assert [e["code"] for e in closed.data["resolveAbuseReport"]["errors"]] == ["ALREADY_RESOLVED"]


async def test_dismissing_closes_the_report_and_keeps_serving(
    env: Env, owner: Pair, support: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset = await new_asset(owner)
    filed = await report(anonymous, asset["id"], unique_email("reporter"))
    other = await report(anonymous, asset["id"], unique_email("reporter"))
    decided = await gql(support[0], RESOLVE, {"id": filed["report"]["id"], "decision": "DISMISS"})
    assert decided.data["resolveAbuseReport"]["report"]["status"] == "DISMISSED"
    assert (await anonymous.get(path_of(asset["url"]))).status_code == 200
    found = (await gql(owner[0], ASSET, {"id": asset["id"]})).data["asset"]
    assert found["status"] == "ACTIVE" and found["moderationNote"] is None
    queue = (await gql(support[0], QUEUE, {"status": "OPEN", "first": 200})).data["abuseReports"]
    open_ids = {e["node"]["id"] for e in queue["edges"]}
    assert other["report"]["id"] in open_ids and filed["report"]["id"] not in open_ids
    assert await AuditEntry.filter(action="ABUSE_REPORT_DISMISSED", subject_id=owner[1]).exists()
    unknown = await gql(support[0], RESOLVE, {"id": "nope", "decision": "DISMISS"})
    assert [e["code"] for e in unknown.data["resolveAbuseReport"]["errors"]] == ["NOT_FOUND"]


async def test_owner_exports_reports_without_reporters_and_reporters_erasure_anonymises(
    env: Env, owner: Pair
) -> None:
    asset = await new_asset(owner)
    async with signed_in(env) as (reporter, reporter_id):
        filed = (await report(reporter, asset["id"]))["report"]
    section = (await collect(owner[1]))["abuse_reports"]
    [exported] = [r for r in section["records"] if r["asset_id"] == asset["id"]]
    assert exported["reason"] == "ABUSIVE" and exported["reporter_email"] == "[redacted]"

    await erase_user(env.settings, reporter_id, str(uuid.uuid4()))
    row = await AbuseReport.get(id=filed["id"])
    assert row.reporter_email == "erased" and row.reporter_id is None  # type: ignore[attr-defined]
    assert row.status == "OPEN"
