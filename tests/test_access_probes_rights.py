"""Access probes of restrictions of processing and of the breach register, tried through every
field that takes their ids or the person's (see tests/access_probes.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from pixvault.core.clock import now
from pixvault.graphkit.access import Audience, rule
from pixvault.privacy.rights_models import ProcessingRestriction
from pixvault.records.breach_models import BreachIncident, BreachSubject
from tests.access_probes import (
    ListProbe,
    Probe,
    Seeded,
    open_cast,
    rows,
    run_list_probe,
    run_probe,
)
from tests.conftest import PASSWORD, Env, gql
from tests.media import encode, uploaded

#: The person's own, and the reviewers' (privacy/rights_queries.py).
SELF_OR_REVIEWERS = rule(Audience.SELF, Audience.PRIVACY_OFFICER, Audience.ADMIN)
BREACH = {
    "description": "Probe breach w8x2",
    "discoveredAt": "2026-01-01T00:00:00+00:00",
    "dataCategories": ["email address"],
}

PROBES = [
    Probe("Query.processingRestrictions", "subjectId", "user", SELF_OR_REVIEWERS),
    Probe("Mutation.liftProcessingRestriction", "id", "restriction", args={"reason": "probe"}),
    Probe("Query.breach", "id", "breach"),
    Probe("Mutation.recordBreachAuthorityNotification", "id", "breach"),
    Probe("Mutation.notifyBreachSubjects", "id", "breach", args={"notice": "probe"}),
    Probe("Mutation.recordBreach", "input.assetIds", "asset", args={"input": BREACH}),
]

LISTS = [
    ListProbe("Query.processingRestrictions", "restriction", SELF_OR_REVIEWERS),
    ListProbe("Query.breaches", "breach"),
]


@pytest.fixture(scope="module")
async def rights(env: Env) -> AsyncIterator[Seeded]:
    async with open_cast(env) as cast:
        user_id = cast.user_ids["owner"]
        asset = await uploaded(cast.owner, encode(".jpg", width=64, height=48))
        restricted = await gql(
            cast.owner,
            "mutation($i: DataSubjectRequestInput!) { submitDataSubjectRequest(input: $i) "
            "{ errors { code } } }",
            {"i": {"kind": "RESTRICTION", "password": PASSWORD, "details": "Grounds y4z6"}},
        )
        assert restricted.data["submitDataSubjectRequest"]["errors"] == [], restricted.body
        restriction = await ProcessingRestriction.get(user_id=user_id)
        recorded = await gql(
            cast.clients["PRIVACY_OFFICER"],
            "mutation($i: BreachInput!) { recordBreach(input: $i) { breach { id } "
            "errors { code } } }",
            {
                "i": {
                    **BREACH,
                    "discoveredAt": (now() - timedelta(hours=1)).isoformat(),
                    "assetIds": [asset["id"]],
                }
            },
        )
        assert recorded.data["recordBreach"]["errors"] == [], recorded.body
        yield Seeded(
            cast=cast,
            ids={
                "user": user_id,
                "asset": asset["id"],
                "restriction": str(restriction.id),
                "breach": recorded.data["recordBreach"]["breach"]["id"],
            },
            secrets=["y4z6", "w8x2"],
        )


async def state_of(user_id: str) -> object:
    return (
        await rows(ProcessingRestriction, ["lifts_at", "lift_reason"], user_id=user_id),
        await rows(BreachIncident, ["authority_notified_at", "people_notice_requested_at"]),
        await rows(BreachSubject, ["notified_at"]),
    )


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.name)
async def test_rights_probe(rights: Seeded, probe: Probe) -> None:
    user_id = rights.ids["user"]
    await run_probe(
        rights.cast, probe, rights.ids[probe.obj], rights.secrets, lambda: state_of(user_id)
    )


@pytest.mark.parametrize("probe", LISTS, ids=lambda p: p.name)
async def test_rights_list_probe(rights: Seeded, probe: ListProbe) -> None:
    await run_list_probe(rights.cast, probe, rights.ids[probe.marker], rights.secrets)
