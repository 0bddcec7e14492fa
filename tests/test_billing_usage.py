"""Metered usage and quotas: counted in memory, moved through the shared store (Redis when
PIXVAULT_TEST_REDIS_URL is set) into usage_periods, and read whole at every stage."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from types import SimpleNamespace

import httpx
import pytest

from pixvault.billing import usage
from pixvault.billing.metering import PENDING_KEY, drain, meter, run_pusher
from pixvault.billing.models import BillingAccount, UsagePeriod
from pixvault.billing.periods import period_at
from pixvault.billing.plans import account_of
from pixvault.core.clock import clock, now
from pixvault.core.errors import UserFacingError
from pixvault.core.store import make_store
from pixvault.periodic import flush_usage, run_in_process
from pixvault.worker import worker_settings
from tests.conftest import TEST_REDIS_URL, Env, gql, need, sign_up
from tests.waiting import eventually

GIB = 1024**3
GB = 1000**3
USAGE = """{ me { usage { periodStart periodEnd storageBytes bandwidthBytes transformations
  estimatedCostCents } } }"""


async def new_user(client: httpx.AsyncClient) -> str:
    return str((await sign_up(client))["id"])


async def put_on_plan(user_id: str, plan_id: str) -> None:
    account = await account_of(user_id)
    await BillingAccount.filter(id=account.id).update(plan_id=plan_id)


async def stored_rows(user_id: str) -> list[tuple[int, int]]:
    rows = await UsagePeriod.filter(user_id=user_id).order_by("period_start")
    return [(row.bandwidth_bytes, row.transformations) for row in rows]


async def test_counting_writes_nothing_until_the_periodic_flush(
    env: Env, client: httpx.AsyncClient
) -> None:
    user_id = await new_user(client)
    for _ in range(3):
        usage.record_bandwidth(user_id, 50_000)
    usage.record_transformation(user_id)
    usage.record_transformation(user_id)
    usage.record_bandwidth(user_id, 0)

    expected = (150_000, 2)

    async def reported() -> tuple[int, int]:
        report = await usage.current_usage(user_id)
        return report.bandwidth_bytes, report.transformations

    assert await stored_rows(user_id) == []  # no database write per request
    assert await reported() == expected  # still counted, from memory
    await meter.push(env.runtime.store)
    assert await stored_rows(user_id) == []
    assert await reported() == expected  # from the shared store
    assert await drain(env.runtime.store) == 1  # one (user, period) row
    assert await stored_rows(user_id) == [expected]
    assert await reported() == expected  # from the table, not counted twice
    assert await env.runtime.store.htake(PENDING_KEY) == {}

    usage.record_bandwidth(user_id, 1)
    await flush_usage(env.runtime.store)  # the periodic job: both moves at once
    assert await stored_rows(user_id) == [(150_001, 2)]


async def test_usage_through_the_graph_with_the_estimated_cost(
    env: Env, client: httpx.AsyncClient
) -> None:
    user_id = await new_user(client)
    usage.record_bandwidth(user_id, 250 * GB)
    for _ in range(7):
        usage.record_transformation(user_id)
    await usage.set_storage_bytes(user_id, 3 * GIB)
    result = (await gql(client, USAGE)).data["me"]["usage"]
    period = period_at(now())
    assert result["periodStart"] == period.start.isoformat()
    assert result["periodEnd"] == period.end.isoformat()
    assert result["bandwidthBytes"] == 250 * GB
    assert result["transformations"] == 7
    assert result["storageBytes"] == 3 * GIB
    assert result["estimatedCostCents"] == 0  # the free plan charges nothing

    await put_on_plan(user_id, "pro")  # 12.00 with 200 GB, then 8 cents a GB
    await flush_usage(env.runtime.store)
    result = (await gql(client, USAGE)).data["me"]["usage"]
    assert result["bandwidthBytes"] == 250 * GB
    assert result["estimatedCostCents"] == 1200 + 50 * 8

    await put_on_plan(user_id, "pro-yearly")  # 120.00 a year: 10.00 a month
    result = (await gql(client, USAGE)).data["me"]["usage"]
    assert result["estimatedCostCents"] == 1000 + 50 * 8

    usage.record_bandwidth(user_id, 1)  # a part of a GB is charged as a whole cent
    result = (await gql(client, USAGE)).data["me"]["usage"]
    assert result["estimatedCostCents"] == 1000 + 50 * 8 + 1


async def test_an_upload_beyond_the_storage_quota_is_refused(client: httpx.AsyncClient) -> None:
    user_id = await new_user(client)  # free: 1 GiB
    await usage.check_storage_quota(user_id, GIB)
    await usage.set_storage_bytes(user_id, GIB - 100)
    await usage.check_storage_quota(user_id, 100)
    with pytest.raises(UserFacingError) as refused:
        await usage.check_storage_quota(user_id, 101)
    assert (refused.value.code, refused.value.field) == ("QUOTA_EXCEEDED", "file")
    assert "1.0 GiB" in refused.value.message and "Free" in refused.value.message
    await put_on_plan(user_id, "pro")
    await usage.check_storage_quota(user_id, 50 * GIB)


async def test_new_renditions_stop_at_the_monthly_quota_and_resume_next_month(
    env: Env, client: httpx.AsyncClient
) -> None:
    user_id = await new_user(client)  # free: 500 a month
    for _ in range(499):
        usage.record_transformation(user_id)
    assert await usage.transformation_allowed(user_id)
    usage.record_transformation(user_id)
    assert not await usage.transformation_allowed(user_id)
    await flush_usage(env.runtime.store)
    assert not await usage.transformation_allowed(user_id)  # the same, read from the table
    await usage.set_storage_bytes(user_id, 12345)

    clock.advance(timedelta(days=32))
    assert await usage.transformation_allowed(user_id)
    usage.record_transformation(user_id)
    await flush_usage(env.runtime.store)
    assert await stored_rows(user_id) == [(0, 500), (0, 1)]
    report = await usage.current_usage(user_id)
    assert report.period_start == period_at(now()).start
    assert report.transformations == 1
    assert report.storage_bytes == 12345  # the stored level carries over


async def test_counts_of_users_that_no_longer_exist_are_dropped(env: Env) -> None:
    ghost = "00000000-0000-4000-8000-000000000000"
    await flush_usage(env.runtime.store)  # what earlier tests left
    usage.record_bandwidth(ghost, 10)
    await env.runtime.store.hincrby(PENDING_KEY, {"garbage": 1, "2026-05|x|b": 2}, 60)
    assert await flush_usage(env.runtime.store) == 0
    assert await UsagePeriod.filter(user_id=ghost).count() == 0
    assert await env.runtime.store.htake(PENDING_KEY) == {}


async def test_the_in_process_housekeeping_flushes_usage(
    env: Env, client: httpx.AsyncClient
) -> None:
    user_id = await new_user(client)
    usage.record_bandwidth(user_id, 777)
    stop = asyncio.Event()
    task = asyncio.create_task(run_in_process(env.runtime, stop))

    async def flushed() -> bool:
        return bool(await stored_rows(user_id))

    await eventually(flushed)
    stop.set()
    await task
    assert await stored_rows(user_id) == [(777, 0)]


async def test_the_app_pushes_counts_and_flushes_them_on_shutdown(
    env: Env, client: httpx.AsyncClient
) -> None:
    user_id = await new_user(client)
    stop = asyncio.Event()
    task = asyncio.create_task(run_pusher(env.runtime.store, stop))
    usage.record_transformation(user_id)
    await asyncio.sleep(0)
    stop.set()
    await task
    assert await stored_rows(user_id) == [(0, 1)]


async def test_the_worker_drains_what_app_processes_pushed_to_redis(
    env: Env, client: httpx.AsyncClient
) -> None:
    need("PIXVAULT_TEST_REDIS_URL", TEST_REDIS_URL)
    user_id = await new_user(client)
    usage.record_bandwidth(user_id, 4096)
    await meter.push(env.runtime.store)  # what each app process does every few seconds
    jobs = {job.coroutine.__name__: job for job in worker_settings(env.settings)["cron_jobs"]}
    worker_store = make_store(TEST_REDIS_URL)  # the worker's own connection
    try:
        worker_runtime = SimpleNamespace(store=worker_store)
        await jobs["usage_job"].coroutine({"runtime": worker_runtime})
    finally:
        await worker_store.close()
    assert await stored_rows(user_id) == [(4096, 0)]
