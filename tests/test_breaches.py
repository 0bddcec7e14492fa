"""The breach register (GDPR Art. 33 and 34) over HTTP: PRIVACY_OFFICER and ADMIN record an
incident and the people it touched (chosen by a sign-in window or by assets), the 72-hour clock
to the authority's notification runs on the injected clock, and the affected people are each
emailed exactly once, even when the job dies half-way. Emails are read as the SMTP server
received them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from pixvault.audit.models import AuditEntry
from pixvault.core.clock import clock, now
from pixvault.privacy import runner
from pixvault.records.breach_models import BreachIncident, BreachSubject
from pixvault.records.breach_notices import SUBJECT, notify_subjects
from tests.conftest import (
    Env,
    deliver_mail,
    drain_jobs,
    environment,
    gql,
    make_staff,
    sign_up,
)
from tests.conftest import staff_client as staff
from tests.media import encode, signed_in, uploaded
from tests.smtp_sink import SmtpSink, text_of

FIELDS = """id description discoveredAt dataCategories selection authorityDueAt
  authorityOverdue authoritySecondsLeft authorityNotifiedAt authorityReference affectedCount
  notifiedCount peopleNotice peopleNoticeRequestedAt"""
RECORD = f"""mutation($i: BreachInput!) {{ recordBreach(input: $i) {{
  breach {{ {FIELDS} }} errors {{ field code }} }} }}"""
GET = f"query($id: ID!) {{ breach(id: $id) {{ {FIELDS} }} }}"
AUTHORITY = f"""mutation($id: ID!, $ref: String) {{
  recordBreachAuthorityNotification(id: $id, reference: $ref) {{
  breach {{ {FIELDS} }} errors {{ field code }} }} }}"""
NOTIFY = f"""mutation($id: ID!, $n: String!) {{ notifyBreachSubjects(id: $id, notice: $n) {{
  breach {{ {FIELDS} }} errors {{ field code }} }} }}"""
AUTHORITY_NAME = "Data Protection Authority of Testland"


@pytest.fixture(scope="module")
async def env(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpSink) -> AsyncIterator[Env]:
    async with environment(
        tmp_path_factory.mktemp("breaches"),
        smtp_url=smtp.url,
        supervisory_authority_name=AUTHORITY_NAME,
        supervisory_authority_url="https://dpa.example.org",
    ) as opened:
        yield opened


def incident(**overrides: Any) -> dict[str, Any]:
    return {
        "i": {
            "description": "A backup bucket was readable by anyone for two days.",
            "discoveredAt": (now() - timedelta(hours=1)).isoformat(),
            "dataCategories": ["email address", "name"],
            **overrides,
        }
    }


def window(start: datetime, end: datetime) -> dict[str, str]:
    return {"signedInFrom": start.isoformat(), "signedInTo": end.isoformat()}


async def test_people_are_chosen_by_who_signed_in_within_a_window(env: Env) -> None:
    before = now()
    clock.advance(timedelta(hours=2))
    inside = []
    for _ in range(2):
        async with env.client() as c:
            inside.append(await sign_up(c))
    clock.advance(timedelta(hours=2))
    async with env.client() as c:
        outside = await sign_up(c)
    async with staff(env, "PRIVACY_OFFICER") as officer:
        window_end = before + timedelta(hours=3)
        recorded = await gql(
            officer, RECORD, incident(**window(before + timedelta(hours=1), window_end))
        )
    payload = recorded.data["recordBreach"]
    assert payload["errors"] == []
    breach = payload["breach"]
    assert breach["affectedCount"] == 2
    assert breach["dataCategories"] == ["email address", "name"]
    assert set(breach["selection"]) == {"signed_in_from", "signed_in_to"}
    people = await BreachSubject.filter(incident_id=breach["id"]).values_list("user_id", flat=True)
    assert {str(p) for p in people} == {u["id"] for u in inside}
    assert outside["id"] not in {str(p) for p in people}
    [audit] = await AuditEntry.filter(
        action="RECORD_BREACH", target__startswith=f"breach {breach['id']}"
    )
    assert audit.target == f"breach {breach['id']}: 2 people"


async def test_people_are_chosen_as_the_owners_of_assets(env: Env) -> None:
    owners = []
    assets = []
    for width in (71, 72):
        async with signed_in(env) as (client, user_id):
            assets.append((await uploaded(client, encode(".jpg", width=width, height=40)))["id"])
            owners.append(user_id)
    async with staff(env, "ADMIN") as admin:
        recorded = await gql(admin, RECORD, incident(assetIds=assets))
        unknown = await gql(
            admin, RECORD, incident(assetIds=[assets[0], "00000000-0000-0000-0000-000000000000"])
        )
        both = await gql(
            admin, RECORD, incident(assetIds=assets, **window(now() - timedelta(hours=1), now()))
        )
        neither = await gql(admin, RECORD, incident())
        future = await gql(
            admin,
            RECORD,
            incident(assetIds=assets, discoveredAt=(now() + timedelta(hours=1)).isoformat()),
        )
        no_kinds = await gql(admin, RECORD, incident(assetIds=assets, dataCategories=[" "]))
    breach = recorded.data["recordBreach"]["breach"]
    assert breach["affectedCount"] == 2
    people = await BreachSubject.filter(incident_id=breach["id"]).values_list("user_id", flat=True)
    assert {str(p) for p in people} == set(owners)
    assert unknown.data["recordBreach"]["errors"] == [{"field": "assetIds", "code": "NOT_FOUND"}]
    for refused in (both, neither):
        assert refused.data["recordBreach"]["errors"] == [
            {"field": "assetIds", "code": "SELECTION_REQUIRED"}
        ]
    assert future.data["recordBreach"]["errors"] == [
        {"field": "discoveredAt", "code": "FUTURE_DATE"}
    ]
    assert no_kinds.data["recordBreach"]["errors"] == [
        {"field": "dataCategories", "code": "REQUIRED"}
    ]
    assert await BreachIncident.filter(id=breach["id"]).count() == 1


async def test_the_72_hour_clock_runs_from_discovery_and_marks_it_overdue(env: Env) -> None:
    discovered = now() - timedelta(hours=71)
    async with env.client() as c:
        user = await sign_up(c)
    async with staff(env, "PRIVACY_OFFICER") as officer:
        recorded = await gql(
            officer,
            RECORD,
            incident(discoveredAt=discovered.isoformat(), **window(discovered, now())),
        )
        breach = recorded.data["recordBreach"]["breach"]
        assert user["id"] in {
            str(u)
            for u in await BreachSubject.filter(incident_id=breach["id"]).values_list(
                "user_id", flat=True
            )
        }
        assert breach["authorityDueAt"] == (discovered + timedelta(hours=72)).isoformat()
        assert breach["authorityOverdue"] is False
        assert 3500 <= breach["authoritySecondsLeft"] <= 3600
    clock.advance(timedelta(hours=2))
    async with staff(env, "PRIVACY_OFFICER") as officer:
        late = (await gql(officer, GET, {"id": breach["id"]})).data["breach"]
        assert late["authorityOverdue"] is True
        assert late["authoritySecondsLeft"] < 0
        listed = await gql(officer, "{ breaches { edges { node { id authorityOverdue } } } }")
        overdue = {
            e["node"]["id"]: e["node"]["authorityOverdue"] for e in listed.data["breaches"]["edges"]
        }
        assert overdue[breach["id"]] is True
        told = await gql(officer, AUTHORITY, {"id": breach["id"], "ref": "DPA-2026-77"})
        twice = await gql(officer, AUTHORITY, {"id": breach["id"]})
    done = told.data["recordBreachAuthorityNotification"]["breach"]
    assert done["authorityOverdue"] is False and done["authoritySecondsLeft"] is None
    assert done["authorityReference"] == "DPA-2026-77"
    assert twice.data["recordBreachAuthorityNotification"]["errors"] == [
        {"field": "id", "code": "ALREADY_NOTIFIED"}
    ]
    [audit] = await AuditEntry.filter(
        action="NOTIFY_AUTHORITY", target__startswith=f"breach {breach['id']}"
    )
    assert audit.target == f"breach {breach['id']} (late)"


async def test_each_affected_person_gets_exactly_one_email_even_if_the_job_dies(
    env: Env, smtp: SmtpSink, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = now()
    clock.advance(timedelta(minutes=5))
    people = []
    for _ in range(3):
        async with env.client() as c:
            people.append(await sign_up(c))
    end = now()
    clock.advance(timedelta(minutes=5))
    async with staff(env, "PRIVACY_OFFICER") as officer:
        recorded = await gql(officer, RECORD, incident(**window(start, end)))
        breach = recorded.data["recordBreach"]["breach"]
        assert breach["affectedCount"] == 3

        # The job dies right after the first person's email and mark were committed.
        notifier = env.runtime.mailer.notifier
        real_notify = notifier.notify
        calls = {"n": 0}

        async def dying_notify() -> None:
            calls["n"] += 1
            if calls["n"] == 3:  # inside the second person's transaction: it never commits
                raise RuntimeError("worker killed")
            await real_notify()

        monkeypatch.setattr(notifier, "notify", dying_notify)
        asked = await gql(
            officer, NOTIFY, {"id": breach["id"], "n": "Change your password; we rotated keys."}
        )
        assert asked.data["notifyBreachSubjects"]["errors"] == []
        await drain_jobs(env)
        monkeypatch.setattr(notifier, "notify", real_notify)
        half = (await gql(officer, GET, {"id": breach["id"]})).data["breach"]
        assert half["notifiedCount"] == 1, "the run died after the first person"
        again = await gql(officer, NOTIFY, {"id": breach["id"], "n": "again"})
        assert again.data["notifyBreachSubjects"]["errors"] == [
            {"field": "id", "code": "ALREADY_NOTIFIED"}
        ]

        # The resume sweep hands the rest to a new run; a stray extra run sends nothing more.
        await runner.resume(env.runtime.jobs, env.settings)
        await drain_jobs(env)
        await notify_subjects(env.runtime, breach["id"])
        final = (await gql(officer, GET, {"id": breach["id"]})).data["breach"]
    assert final["notifiedCount"] == 3
    assert final["peopleNoticeRequestedAt"] is not None
    await deliver_mail(env)
    for person in people:
        [message] = [m for m in smtp.to(person["email"]) if m["Subject"] == SUBJECT]
        text = text_of(message)
        assert "Change your password; we rotated keys." in text
        assert "email address, name" in text
        assert AUTHORITY_NAME in text and "https://dpa.example.org" in text
    sent = await AuditEntry.filter(action="BREACH_NOTICE_SENT", target=f"breach {breach['id']}")
    assert sorted(e.subject_id or "" for e in sent) == sorted(p["id"] for p in people)
    assert (
        await AuditEntry.filter(
            action="NOTIFY_BREACH_SUBJECTS", target=f"breach {breach['id']}"
        ).count()
        == 1
    )


async def test_only_privacy_officers_and_admins_keep_the_register(env: Env) -> None:
    async with staff(env, "ADMIN") as admin:
        recorded = await gql(admin, RECORD, incident(**window(now() - timedelta(hours=1), now())))
    breach_id = recorded.data["recordBreach"]["breach"]["id"]
    for role in ("SUPPORT", "BILLING", "CUSTOMER"):
        _, email = await make_staff(env, role)
        async with env.client() as c:
            from tests.conftest import log_in

            await log_in(c, email)
            assert (await gql(c, RECORD, incident())).error_codes() == {"recordBreach": "FORBIDDEN"}
            assert (await gql(c, GET, {"id": breach_id})).error_codes() == {"breach": "FORBIDDEN"}
            refused = await gql(c, NOTIFY, {"id": breach_id, "n": "x"})
            assert refused.error_codes() == {"notifyBreachSubjects": "FORBIDDEN"}
    async with env.client() as anonymous:
        assert (await gql(anonymous, "{ breaches { totalCount } }")).error_codes() == {
            "breaches": "UNAUTHENTICATED"
        }
