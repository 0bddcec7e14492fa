"""Telemetry retention: old activity deleted, old IP addresses truncated, long-ended sessions
purged, people under a legal hold left alone; driven by the injected clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from pixvault.accounts.models import ActivityEvent, Session
from pixvault.accounts.retention import truncate_ip
from pixvault.core.clock import clock
from pixvault.core.settings import Settings
from pixvault.periodic import run_in_process
from pixvault.records.retention import apply_telemetry_retention, months_before
from pixvault.worker import worker_settings
from tests.conftest import Env, gql, log_in, make_staff, sign_up
from tests.waiting import eventually

IPV6 = "2001:db8:85a3:8d3:1319:8a2e:370:7348"
MINE = (
    "{ me { activity(first: 100) { edges { node { kind ipAddress } } } sessions { ipAddress } } }"
)
PLACE = (
    """mutation($input: LegalHoldInput!) { placeLegalHold(input: $input) { errors { code } } }"""
)


@pytest.mark.parametrize(
    ("address", "truncated"),
    [
        ("203.0.113.77", "203.0.113.0"),
        ("203.0.113.0", "203.0.113.0"),
        (IPV6, "2001:db8:85a3::"),
        ("2001:db8:1:2::", "2001:db8:1::"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::"),
        ("::1", "::"),
        ("::ffff:198.51.100.23", "198.51.100.0"),
        (" 10.1.2.3 ", "10.1.2.0"),
        ("unknown", None),
        ("10.1.2.3:443", None),
    ],
)
def test_addresses_truncate_to_their_network(address: str, truncated: str | None) -> None:
    assert truncate_ip(address) == truncated


def test_months_are_calendar_months() -> None:
    moment = datetime(2027, 3, 31, 12, 30, tzinfo=UTC)
    assert months_before(moment, 13) == datetime(2026, 2, 28, 12, 30, tzinfo=UTC)
    assert months_before(moment, 1) == datetime(2027, 2, 28, 12, 30, tzinfo=UTC)
    assert months_before(moment, 12) == datetime(2026, 3, 31, 12, 30, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 1) == datetime(2025, 12, 15, tzinfo=UTC)


async def test_addresses_older_than_thirty_days_are_truncated(env: Env) -> None:
    async with env.client(ip="198.51.100.77") as v4:
        v4_user = await sign_up(v4)
    async with env.client(ip=IPV6) as v6:
        v6_user = await sign_up(v6)
        await log_in(v6, v6_user["email"], remember_me=True)
    async with env.client(ip="198.51.100.77") as v4:
        await log_in(v4, v4_user["email"])

    clock.advance(timedelta(days=29))
    await apply_telemetry_retention(env.settings)
    v4_events = ActivityEvent.filter(user_id=v4_user["id"])
    assert set(await v4_events.values_list("ip_address", flat=True)) == {"198.51.100.77"}

    clock.advance(timedelta(days=2))
    report = await apply_telemetry_retention(env.settings)
    assert report.addresses_truncated >= 5
    assert set(await v4_events.values_list("ip_address", flat=True)) == {"198.51.100.0"}
    v6_sessions = Session.filter(user_id=v6_user["id"])
    assert set(await v6_sessions.values_list("ip_address", flat=True)) == {"2001:db8:85a3::"}
    # A second run finds nothing left to do.
    again = await apply_telemetry_retention(env.settings)
    assert again.addresses_truncated == 0

    # Read over HTTP: old records truncated, today's log-in in full.
    async with env.client(ip=IPV6) as v6:
        await log_in(v6, v6_user["email"])
        mine = (await gql(v6, MINE)).data["me"]
    addresses = [e["node"]["ipAddress"] for e in mine["activity"]["edges"]]
    assert addresses == [IPV6, "2001:db8:85a3::", "2001:db8:85a3::"]
    # The sign-up's browser session expired a month ago and is gone. The remember-me one is
    # kept (it expired yesterday) but truncated, and today's is in full.
    assert sorted(s["ipAddress"] for s in mine["sessions"]) == sorted(["2001:db8:85a3::", IPV6])


async def test_a_value_that_is_no_address_is_dropped(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
    await ActivityEvent.filter(user_id=user["id"]).update(ip_address="unknown")
    clock.advance(timedelta(days=31))
    await apply_telemetry_retention(env.settings)
    assert await ActivityEvent.filter(user_id=user["id"]).values_list("ip_address", flat=True) == [
        None
    ]


async def test_sessions_ended_more_than_thirty_days_ago_are_purged(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)  # a browser session that expires unmarked two hours later
        await log_in(c, user["email"])
        await gql(c, "mutation { logOut { ok } }")
        clock.advance(timedelta(days=2))
        await log_in(c, user["email"])
        await gql(c, "mutation { logOut { ok } }")
        await log_in(c, user["email"], remember_me=True)  # still live
    sessions = Session.filter(user_id=user["id"])
    assert await sessions.count() == 4
    clock.advance(timedelta(days=29, hours=1))  # 31 days after the first two, 29 after the third
    report = await apply_telemetry_retention(env.settings)
    assert report.sessions_purged >= 2
    remaining = await sessions.order_by("created_at")
    assert len(remaining) == 2
    assert remaining[0].ended_at is not None and remaining[1].ended_at is None
    clock.advance(timedelta(days=2))
    await apply_telemetry_retention(env.settings)
    assert [s.ended_at for s in await sessions] == [None]


async def test_activity_older_than_the_retention_period_is_deleted(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
    events = ActivityEvent.filter(user_id=user["id"])
    clock.advance(timedelta(days=365))
    async with env.client() as c:
        await log_in(c, user["email"])
    assert await events.count() == 2
    clock.advance(timedelta(days=31))  # the sign-up is now 13 months and a day old
    report = await apply_telemetry_retention(env.settings)
    assert report.activity_deleted >= 1
    assert await events.values_list("kind", flat=True) == ["LOG_IN"]


async def test_the_retention_period_is_a_setting(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
    events = ActivityEvent.filter(user_id=user["id"])
    shorter = env.settings.model_copy(update={"activity_retention_months": 2})
    clock.advance(timedelta(days=50))
    await apply_telemetry_retention(shorter)
    assert await events.count() == 1
    clock.advance(timedelta(days=15))
    await apply_telemetry_retention(shorter)
    assert await events.count() == 0


async def test_people_under_a_legal_hold_are_left_alone(env: Env) -> None:
    async with env.client(ip="198.51.100.77") as c:
        held = await sign_up(c)
        await log_in(c, held["email"])
        await gql(c, "mutation { logOut { ok } }")
    _, officer_email = await make_staff(env, "PRIVACY_OFFICER")
    async with env.client() as officer:
        await log_in(officer, officer_email)
        placed = await gql(
            officer, PLACE, {"input": {"userId": held["id"], "reason": "Court order"}}
        )
        assert placed.data["placeLegalHold"]["errors"] == []
    events = ActivityEvent.filter(user_id=held["id"])
    sessions = Session.filter(user_id=held["id"])
    before = sorted(await events.values_list("id", "ip_address"))
    sessions_before = sorted(await sessions.values_list("id", "ip_address"))
    assert len(before) == 3 and len(sessions_before) == 2
    clock.advance(timedelta(days=420))
    await apply_telemetry_retention(env.settings)
    assert sorted(await events.values_list("id", "ip_address")) == before
    assert sorted(await sessions.values_list("id", "ip_address")) == sessions_before


async def test_the_in_process_loop_and_the_worker_run_it(env: Env) -> None:
    async with env.client(ip="198.51.100.77") as c:
        user = await sign_up(c)
    clock.advance(timedelta(days=31))
    stop = asyncio.Event()
    loop = asyncio.create_task(run_in_process(env.runtime, stop))

    async def truncated() -> bool:
        addresses = await ActivityEvent.filter(user_id=user["id"]).values_list(
            "ip_address", flat=True
        )
        return addresses == ["198.51.100.0"]

    ran = await eventually(truncated)
    stop.set()
    await loop
    assert ran, "the address was not truncated"

    settings = env.settings.model_copy(update={"redis_url": "redis://127.0.0.1:6379/15"})
    [retention] = [
        job for job in worker_settings(settings)["cron_jobs"] if job.name.endswith("retention_job")
    ]
    async with env.client(ip="198.51.100.78") as c:
        other = await sign_up(c)
    clock.advance(timedelta(days=31))
    await retention.coroutine({})
    assert await ActivityEvent.filter(user_id=other["id"]).values_list("ip_address", flat=True) == [
        "198.51.100.0"
    ]


def test_the_period_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().activity_retention_months == 13
    monkeypatch.setenv("PIXVAULT_ACTIVITY_RETENTION_MONTHS", "6")
    assert Settings().activity_retention_months == 6
    monkeypatch.setenv("PIXVAULT_ACTIVITY_RETENTION_MONTHS", "0")
    with pytest.raises(ValidationError):
        Settings()
