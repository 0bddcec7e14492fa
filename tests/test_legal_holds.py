"""Legal holds: placed and released by privacy officers and admins, audited, visible to the
person held, and asked about by erasure (active_holds)."""

from __future__ import annotations

import uuid
from typing import Any

from pixvault.audit.models import AuditEntry
from pixvault.records.holds import active_holds, held_user_ids
from pixvault.records.models import LegalHold
from tests.conftest import Env, gql, log_in, make_staff, sign_up
from tests.conftest import staff_client as staff
from tests.test_rectification_email import exported

PLACE = """mutation($input: LegalHoldInput!) { placeLegalHold(input: $input) {
  hold { id reason reference placedAt releasedAt subject { id } } errors { field code } } }"""
RELEASE = """mutation($id: ID!) { releaseLegalHold(id: $id) {
  hold { id releasedAt } errors { field code } } }"""
USER_HOLDS = "query($id: ID!) { user(id: $id) { legalHolds { id reason reference releasedAt } } }"
MY_HOLDS = "{ me { legalHolds { id reason reference placedAt releasedAt } } }"
LIST = """query($active: Boolean) { legalHolds(active: $active, first: 200) {
  totalCount edges { node { id releasedAt subject { id } } } } }"""


async def a_customer(env: Env) -> dict[str, str]:
    async with env.client() as c:
        return await sign_up(c)


def hold_input(user_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "input": {
            "userId": user_id,
            "reason": "Litigation: preserve the account's uploads and logs.\nSee the letter.",
            "reference": "Case 2026-CV-0042",
            **overrides,
        }
    }


async def test_a_privacy_officer_places_an_audited_hold(env: Env) -> None:
    customer = await a_customer(env)
    officer_id, officer_email = await make_staff(env, "PRIVACY_OFFICER")
    async with env.client() as officer:
        await log_in(officer, officer_email)
        result = await gql(officer, PLACE, hold_input(customer["id"], reference="  Case  7 "))
    payload = result.data["placeLegalHold"]
    assert payload["errors"] == []
    hold = payload["hold"]
    assert hold["reason"] == (
        "Litigation: preserve the account's uploads and logs.\nSee the letter."
    )
    assert (hold["reference"], hold["releasedAt"]) == ("Case 7", None)
    assert hold["subject"] == {"id": customer["id"]}
    row = await LegalHold.get(id=hold["id"])
    assert str(row.placed_by_id) == officer_id  # type: ignore[attr-defined]
    [entry] = await AuditEntry.filter(action="PLACE_LEGAL_HOLD", subject_id=customer["id"])
    assert entry.actor_id == officer_id
    assert entry.target == f"legal hold {hold['id']}"  # no reference: the person reads it
    assert "Litigation" not in (entry.target or "")
    [standing] = await active_holds(customer["id"])
    assert (standing.id, standing.reference) == (hold["id"], "Case 7")
    assert customer["id"] in await held_user_ids()


async def test_only_privacy_officers_and_admins_place_and_release(env: Env) -> None:
    customer = await a_customer(env)
    for role in ("SUPPORT", "BILLING"):
        async with staff(env, role) as client:
            refused = await gql(client, PLACE, hold_input(customer["id"]))
            assert refused.error_codes() == {"placeLegalHold": "FORBIDDEN"}, role
    async with env.client() as anonymous:
        refused = await gql(anonymous, PLACE, hold_input(customer["id"]))
        assert refused.error_codes() == {"placeLegalHold": "UNAUTHENTICATED"}
    async with env.client() as c:
        await sign_up(c)
        refused = await gql(c, PLACE, hold_input(customer["id"]))
        assert refused.error_codes() == {"placeLegalHold": "FORBIDDEN"}
    assert await active_holds(customer["id"]) == []
    async with staff(env, "ADMIN") as admin:
        placed = await gql(admin, PLACE, hold_input(customer["id"]))
    hold_id = placed.data["placeLegalHold"]["hold"]["id"]
    async with staff(env, "SUPPORT") as support:
        refused = await gql(support, RELEASE, {"id": hold_id})
        assert refused.error_codes() == {"releaseLegalHold": "FORBIDDEN"}
    assert len(await active_holds(customer["id"])) == 1


async def test_bad_input_is_a_clear_error_and_nothing_is_held(env: Env) -> None:
    customer = await a_customer(env)
    before = await AuditEntry.filter(action="PLACE_LEGAL_HOLD").count()
    cases = [
        (hold_input(customer["id"], reason="  \n "), "reason", "REQUIRED"),
        (hold_input(customer["id"], reason="x" * 2001), "reason", "TOO_LONG"),
        (hold_input(customer["id"], reference="r" * 201), "reference", "TOO_LONG"),
        (hold_input(str(uuid.uuid4())), "userId", "NOT_FOUND"),
        (hold_input("not-an-id"), "userId", "NOT_FOUND"),
    ]
    async with staff(env, "PRIVACY_OFFICER") as officer:
        for variables, field, code in cases:
            result = await gql(officer, PLACE, variables)
            payload = result.data["placeLegalHold"]
            assert payload["hold"] is None
            assert payload["errors"] == [{"field": field, "code": code}]
        no_reference = await gql(officer, PLACE, hold_input(customer["id"], reference="   "))
        assert no_reference.data["placeLegalHold"]["hold"]["reference"] is None
    assert await LegalHold.filter(user_id=customer["id"]).count() == 1
    assert await AuditEntry.filter(action="PLACE_LEGAL_HOLD").count() == before + 1


async def test_releasing_is_audited_and_erasure_may_then_proceed(env: Env) -> None:
    customer = await a_customer(env)
    officer_id, officer_email = await make_staff(env, "PRIVACY_OFFICER")
    async with env.client() as officer:
        await log_in(officer, officer_email)
        first = (await gql(officer, PLACE, hold_input(customer["id"], reference="A"))).data
        second = (await gql(officer, PLACE, hold_input(customer["id"], reference="B"))).data
        first_id = first["placeLegalHold"]["hold"]["id"]
        second_id = second["placeLegalHold"]["hold"]["id"]
        assert [h.reference for h in await active_holds(customer["id"])] == ["A", "B"]

        released = await gql(officer, RELEASE, {"id": first_id})
        assert released.data["releaseLegalHold"]["errors"] == []
        assert released.data["releaseLegalHold"]["hold"]["releasedAt"] is not None
        assert [h.id for h in await active_holds(customer["id"])] == [second_id]

        again = await gql(officer, RELEASE, {"id": first_id})
        assert again.data["releaseLegalHold"]["errors"] == [
            {"field": "id", "code": "ALREADY_RELEASED"}
        ]
        unknown = await gql(officer, RELEASE, {"id": str(uuid.uuid4())})
        assert unknown.data["releaseLegalHold"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]

        await gql(officer, RELEASE, {"id": second_id})
    assert await active_holds(customer["id"]) == []
    assert customer["id"] not in await held_user_ids()
    entries = await AuditEntry.filter(action="RELEASE_LEGAL_HOLD", subject_id=customer["id"])
    assert {e.target for e in entries} == {
        f"legal hold {first_id}",
        f"legal hold {second_id}",
    }
    assert {e.actor_id for e in entries} == {officer_id}
    row = await LegalHold.get(id=first_id)
    assert str(row.released_by_id) == officer_id  # type: ignore[attr-defined]


async def test_the_person_held_and_the_officers_see_the_holds(env: Env) -> None:
    async with env.client() as held:
        customer = await sign_up(held)
        assert (await gql(held, MY_HOLDS)).data["me"]["legalHolds"] == []
        async with staff(env, "PRIVACY_OFFICER") as officer:
            placed = await gql(officer, PLACE, hold_input(customer["id"]))
            hold_id = placed.data["placeLegalHold"]["hold"]["id"]
            await gql(officer, RELEASE, {"id": hold_id})
            await gql(officer, PLACE, hold_input(customer["id"], reference="Later"))
        mine = await gql(held, MY_HOLDS)
    # Only that data is retained for a legal reason: the reason and reference could tip off
    # the person a non-disclosure order is about.
    holds = mine.data["me"]["legalHolds"]
    assert [(h["reason"], h["reference"]) for h in holds] == [
        ("Your data is retained for a legal reason.", None)
    ] * 2
    assert holds[0]["releasedAt"] is None and holds[1]["releasedAt"] is not None
    assert "Later" not in mine.http.text and "2026-CV-0042" not in mine.http.text
    assert "Litigation" not in mine.http.text
    async with env.client() as held_again:
        await log_in(held_again, customer["email"])
        sections = await exported(env, held_again)
    archive_holds = sections["legal_holds"]["records"]
    assert len(archive_holds) == 2
    assert {(h["reason"], h["reference"]) for h in archive_holds} == {("[redacted]", "[redacted]")}
    leaks = [k for k, v in sections.items() if "Litigation" in str(v) or "2026-CV" in str(v)]
    assert leaks == [], "no section of the export names the hold's reason or reference"
    # A person's own reads are not audited.
    assert not await AuditEntry.filter(actor_id=customer["id"]).exists()

    async with staff(env, "SUPPORT") as support:
        refused = await gql(support, USER_HOLDS, {"id": customer["id"]})
        assert refused.error_codes() == {"user.legalHolds": "FORBIDDEN"}
    admin_id, admin_email = await make_staff(env, "ADMIN")
    async with env.client() as admin:
        await log_in(admin, admin_email)
        seen = await gql(admin, USER_HOLDS, {"id": customer["id"]})
    assert [h["reference"] for h in seen.data["user"]["legalHolds"]] == [
        "Later",
        "Case 2026-CV-0042",
    ]
    [read] = await AuditEntry.filter(actor_id=admin_id, action="READ_PERSONAL_DATA")
    assert read.subject_id == customer["id"]
    assert "User.legalHolds" in (read.target or "")


async def test_officers_list_standing_and_released_holds(env: Env) -> None:
    customer = await a_customer(env)
    officer_id, officer_email = await make_staff(env, "PRIVACY_OFFICER")
    async with env.client() as officer:
        await log_in(officer, officer_email)
        standing = await gql(officer, PLACE, hold_input(customer["id"]))
        done = await gql(officer, PLACE, hold_input(customer["id"]))
        standing_id = standing.data["placeLegalHold"]["hold"]["id"]
        done_id = done.data["placeLegalHold"]["hold"]["id"]
        await gql(officer, RELEASE, {"id": done_id})
        assert not await AuditEntry.filter(
            actor_id=officer_id, action="READ_PERSONAL_DATA"
        ).exists()
        active = (await gql(officer, LIST)).data["legalHolds"]
        released = (await gql(officer, LIST, {"active": False})).data["legalHolds"]
        every = (await gql(officer, LIST, {"active": None})).data["legalHolds"]
    active_ids = {e["node"]["id"] for e in active["edges"]}
    released_ids = {e["node"]["id"] for e in released["edges"]}
    assert standing_id in active_ids and done_id not in active_ids
    assert done_id in released_ids and standing_id not in released_ids
    assert all(e["node"]["releasedAt"] is None for e in active["edges"])
    assert every["totalCount"] == active["totalCount"] + released["totalCount"]
    node = next(e["node"] for e in active["edges"] if e["node"]["id"] == standing_id)
    assert node["subject"] == {"id": customer["id"]}
    # Listing holds reads records about the people held.
    reads = await AuditEntry.filter(actor_id=officer_id, action="READ_PERSONAL_DATA")
    assert customer["id"] in {e.subject_id for e in reads}
    assert {e.target for e in reads} == {"Query.legalHolds"}
    async with staff(env, "SUPPORT") as support:
        assert (await gql(support, LIST)).error_codes() == {"legalHolds": "FORBIDDEN"}
