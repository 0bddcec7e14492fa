"""Access probes of trust & safety: an abuse report on the owner's public image (filed by the
other customer) and the owner's contact messages, tried through every field that takes their
id (see tests/access_probes.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from pixvault.assets.models import Asset
from pixvault.core.roles import STAFF_ROLES
from pixvault.core.viewer import Viewer
from pixvault.graphkit.access import Audience, Rule, rule
from pixvault.safety.contact import Topic
from pixvault.safety.models import AbuseReport, ContactMessage
from pixvault.safety.queue import visible_topics
from tests.access_probes import (
    ListProbe,
    Probe,
    Seeded,
    open_cast,
    rows,
    run_list_probe,
    run_probe,
)
from tests.conftest import Env, gql
from tests.media import encode, uploaded


def topic_handlers(topic: Topic) -> Rule:
    """Who may name a message of ``topic``, as safety/queue.py decides it for each role."""
    return rule(
        *(
            Audience(role.value)
            for role in STAFF_ROLES
            if topic in visible_topics(Viewer(user_id="x", roles=frozenset({role})))
        )
    )


PROBES = [
    Probe("Mutation.resolveAbuseReport", "id", "report", args={"decision": "UPHOLD"}),
    Probe(
        "Mutation.resolveAbuseReport",
        "id",
        "report",
        args={"decision": "DISMISS", "note": "fine"},
        variant="dismiss",
    ),
    Probe(
        "Mutation.markContactMessageHandled",
        "id",
        "privacy",
        topic_handlers(Topic.PRIVACY),
        {"handled": True},
    ),
    Probe(
        "Mutation.markContactMessageHandled",
        "id",
        "general",
        topic_handlers(Topic.GENERAL),
        {"handled": True},
        variant="general",
    ),
]

LISTS = [
    ListProbe("Query.contactMessages", "privacy", topic_handlers(Topic.PRIVACY), depth=2),
    ListProbe("Query.contactMessages", "general", topic_handlers(Topic.GENERAL), depth=2),
    ListProbe("Query.contactMessagesConnection", "privacy", topic_handlers(Topic.PRIVACY)),
    ListProbe("Query.contactMessagesConnection", "general", topic_handlers(Topic.GENERAL)),
    ListProbe("Query.abuseReports", "report"),
]

SEND = """mutation($input: ContactInput!) { sendContactMessage(input: $input) {
  message { id } errors { code } } }"""
REPORT = """mutation($input: ReportAssetInput!) { reportAsset(input: $input) {
  report { id } errors { code } } }"""


@pytest.fixture(scope="module")
async def cases(env: Env) -> AsyncIterator[Seeded]:
    async with open_cast(env) as cast:
        asset = await uploaded(
            cast.owner, encode(".png"), filename="mural-b3n6.png", visibility="PUBLIC"
        )
        report = await gql(
            cast.clients["customer"],
            REPORT,
            {"input": {"assetId": asset["id"], "reason": "ABUSIVE", "details": "detail-c9d1"}},
        )
        assert report.data["reportAsset"]["errors"] == []
        ids = {"asset": asset["id"], "report": report.data["reportAsset"]["report"]["id"]}
        for topic in ("PRIVACY", "GENERAL"):
            sent = await gql(
                cast.owner,
                SEND,
                {
                    "input": {
                        "topic": topic,
                        "name": "Owner Person",
                        "email": cast.emails["owner"],
                        "subject": f"subject-{topic.lower()}-f2g5",
                        "message": f"My private story, {topic.lower()}-h8j3.",
                    }
                },
            )
            assert sent.data["sendContactMessage"]["errors"] == [], sent.body
            ids[topic.lower()] = sent.data["sendContactMessage"]["message"]["id"]
        yield Seeded(
            cast=cast,
            ids=ids,
            secrets=[
                "mural-b3n6",
                "detail-c9d1",
                "subject-privacy-f2g5",
                "privacy-h8j3",
                "subject-general-f2g5",
                "general-h8j3",
                cast.emails["owner"],
                cast.emails["customer"],
            ],
        )


async def state_of(cases: Seeded) -> object:
    return (
        await rows(Asset, ["status", "visibility"], id=cases.ids["asset"]),
        await rows(
            AbuseReport, ["status", "resolved_at", "resolution_note"], asset_id=cases.ids["asset"]
        ),
        await rows(
            ContactMessage,
            ["topic", "handled_at", "handled_by_id"],
            id__in=[cases.ids["privacy"], cases.ids["general"]],
        ),
    )


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.name)
async def test_safety_probe(cases: Seeded, probe: Probe) -> None:
    tried = await run_probe(
        cases.cast, probe, cases.ids[probe.obj], cases.secrets, lambda: state_of(cases)
    )
    if probe.obj == "report":
        assert {"owner", "customer"} <= set(tried)  # neither the owner nor the reporter
    if probe.obj == "privacy":
        assert "SUPPORT" in tried


@pytest.mark.parametrize("probe", LISTS, ids=lambda p: p.name)
async def test_safety_list_probe(cases: Seeded, probe: ListProbe) -> None:
    # Only what belongs to the object listed: SUPPORT may see the other message.
    secrets = [s for s in cases.secrets if probe.marker == "report" or probe.marker in s]
    refused = await run_list_probe(cases.cast, probe, cases.ids[probe.marker], secrets)
    if probe.marker == "privacy":
        assert "SUPPORT" in refused


async def test_the_report_and_messages_are_still_open(cases: Seeded) -> None:
    """The probes above refused every change: the control that they had something to change."""
    report = await AbuseReport.get(id=cases.ids["report"])
    assert report.status == "OPEN"
    assert (await Asset.get(id=cases.ids["asset"])).status == "ACTIVE"
    handled = await ContactMessage.filter(handled_at__isnull=False).count()
    assert handled == 0
