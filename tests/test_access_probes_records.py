"""Access probes of the records kept about a person: legal holds, disclosures and the audit
trail, tried through every field that takes the hold's or the person's id, and through the
person's own fields read by each staff role (see tests/access_probes.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from pixvault.audit.models import AuditEntry
from pixvault.records.models import Disclosure, LegalHold
from pixvault.records.types import RETAINED_FOR_A_LEGAL_REASON
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

DISCLOSURE = {
    "recipient": "Probe Court k4l7",
    "legalBasis": "LEGAL_OBLIGATION",
    "dataCategories": ["account"],
}

PROBES = [
    Probe("Query.auditLog", "subjectId", "user"),
    Probe("Query.disclosures", "subjectId", "user"),
    Probe("Mutation.recordDisclosure", "input.userId", "user", args={"input": DISCLOSURE}),
    Probe("Mutation.placeLegalHold", "input.userId", "user", args={"input": {"reason": "again"}}),
    Probe("Mutation.releaseLegalHold", "id", "hold"),
]

LISTS = [
    ListProbe("Query.legalHolds", "hold"),
    ListProbe("Query.disclosures", "recipient"),
    ListProbe("Query.auditLog", "user"),
]


@pytest.fixture(scope="module")
async def records(env: Env) -> AsyncIterator[Seeded]:
    async with open_cast(env) as cast:
        user_id = cast.user_ids["owner"]
        officer = cast.clients["PRIVACY_OFFICER"]
        placed = await gql(
            officer,
            "mutation($i: LegalHoldInput!) { placeLegalHold(input: $i) "
            "{ hold { id } errors { code } } }",
            {"i": {"userId": user_id, "reason": "Litigation m5n2", "reference": "Case p0q3"}},
        )
        assert placed.data["placeLegalHold"]["errors"] == [], placed.body
        recorded = await gql(
            officer,
            "mutation($i: DisclosureInput!) { recordDisclosure(input: $i) { errors { code } } }",
            {"i": {"userId": user_id, **DISCLOSURE, "reference": "Order s6t1"}},
        )
        assert recorded.data["recordDisclosure"]["errors"] == [], recorded.body
        yield Seeded(
            cast=cast,
            ids={
                "user": user_id,
                "hold": placed.data["placeLegalHold"]["hold"]["id"],
                "recipient": DISCLOSURE["recipient"],
            },
            secrets=["m5n2", "p0q3", "k4l7", "s6t1", cast.emails["owner"]],
        )


async def state_of(user_id: str) -> object:
    return (
        await rows(LegalHold, ["reason", "reference", "released_at"], user_id=user_id),
        await rows(Disclosure, ["recipient", "reference"], user_id=user_id),
        await rows(AuditEntry, ["action", "actor_id"], subject_id=user_id),
    )


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.name)
async def test_records_probe(records: Seeded, probe: Probe) -> None:
    user_id = records.ids["user"]
    await run_probe(
        records.cast, probe, records.ids[probe.obj], records.secrets, lambda: state_of(user_id)
    )


@pytest.mark.parametrize("probe", LISTS, ids=lambda p: p.name)
async def test_records_list_probe(records: Seeded, probe: ListProbe) -> None:
    await run_list_probe(records.cast, probe, records.ids[probe.marker], records.secrets)


async def test_the_hold_still_stands_and_its_subject_sees_it(records: Seeded) -> None:
    mine = await gql(records.cast.owner, "{ me { legalHolds { id reason releasedAt } } }")
    assert mine.data["me"]["legalHolds"] == [
        # Its subject sees that it stands, not why (records/types.py: tipping-off).
        {"id": records.ids["hold"], "reason": RETAINED_FOR_A_LEGAL_REASON, "releasedAt": None}
    ]
    assert await Disclosure.filter(user_id=records.ids["user"]).count() == 1
