"""The background job runner (``pixvault worker``): arq on Redis.

Without Redis the app runs jobs and periodic tasks in-process (jobs/queue.py,
periodic.py), so the embedded default needs no worker.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Any

from arq import cron
from arq.connections import RedisSettings
from arq.worker import Function, Worker, func
from redis.exceptions import RedisError

import pixvault.assets.working_copy  # noqa: F401  (registers its job handler)
from pixvault import db
from pixvault.assets import purge
from pixvault.core.settings import Settings
from pixvault.jobs.queue import HANDLERS, Handler
from pixvault.mail.notify import DELIVER_JOB
from pixvault.mail.sender import OutboxSender
from pixvault.observability.metrics import timed_job
from pixvault.periodic import flush_usage, housekeeping
from pixvault.privacy import runner
from pixvault.records.enforcement import enforce_retention
from pixvault.records.retention import apply_telemetry_retention
from pixvault.runtime import Runtime

log = logging.getLogger("pixvault.jobs")

#: How long the worker waits before polling again after Redis failed it.
REDIS_RETRY_SECONDS = 1.0


class PatientWorker(Worker):
    """An arq worker that outlives a Redis outage: arq's own stops at the first failed poll,
    so a Redis restart would leave no worker. This one logs, waits and polls again (redis-py
    reconnects by itself once Redis is back)."""

    async def _poll_iteration(self) -> None:
        try:
            await super()._poll_iteration()
        except (RedisError, OSError) as error:
            log.warning("Redis is unavailable (%s); the worker polls again shortly", error)
            await asyncio.sleep(REDIS_RETRY_SECONDS)


def _arq_function(name: str, handler: Handler) -> Function:
    async def job(ctx: dict[str, Any], key: str) -> None:
        with timed_job(name):
            await handler(ctx["runtime"], key)

    # Keep no result: the job id only stops a second enqueue while the first is queued or
    # running; once done, the same work may be queued again (resume after a crash).
    return func(job, name=name, keep_result=0)


def _every(seconds: float) -> set[int]:
    """The seconds of each minute for a cron job that runs about every ``seconds``."""
    step = min(60, max(1, round(seconds)))
    return set(range(0, 60, step))


def worker_settings(settings: Settings) -> dict[str, Any]:
    async def startup(ctx: dict[str, Any]) -> None:
        await db.connect(settings)
        await db.require_migrated(settings)
        runtime = Runtime.from_settings(settings)
        ctx["runtime"] = runtime
        await runner.resume(runtime.jobs, settings)

    async def shutdown(ctx: dict[str, Any]) -> None:
        await ctx["runtime"].close()
        await db.disconnect()

    async def housekeeping_job(ctx: dict[str, Any]) -> None:
        await housekeeping(settings)

    sender = OutboxSender(settings)

    async def mail_job(ctx: dict[str, Any]) -> int:
        """Enqueued by the app whenever it queues mail, and run every 30 s for retries."""
        return await sender.deliver_due()

    async def usage_job(ctx: dict[str, Any]) -> int:
        return await flush_usage(ctx["runtime"].store)

    async def resume_job(ctx: dict[str, Any]) -> int:
        return await runner.resume(ctx["runtime"].jobs, settings)

    async def purge_job(ctx: dict[str, Any]) -> int:
        """Retries of cache purges (each recall also wakes the sender at once)."""
        return await purge.send_due(settings)

    async def retention_job(ctx: dict[str, Any]) -> None:
        await apply_telemetry_retention(settings)

    async def enforcement_job(ctx: dict[str, Any]) -> dict[str, int]:
        return await enforce_retention(settings)

    assert settings.redis_url
    return {
        "redis_settings": RedisSettings.from_dsn(settings.redis_url),
        "on_startup": startup,
        "on_shutdown": shutdown,
        "functions": [
            *(_arq_function(name, handler) for name, handler in HANDLERS.items()),
            func(mail_job, name=DELIVER_JOB),
        ],
        # A killed worker's job is run again by the resume sweep once its heartbeat is stale
        # (privacy/runner.py); handlers are safe to run twice.
        "job_timeout": 3600,
        "cron_jobs": [
            cron(housekeeping_job, minute=set(range(0, 60, 5)), run_at_startup=True),
            cron(mail_job, name="deliver_mail_cron", second={0, 30}, run_at_startup=True),
            cron(usage_job, minute=set(range(0, 60, 5))),
            cron(retention_job, minute={17}, run_at_startup=True),
            # Daily: every retention period of the register (records/enforcement.py).
            cron(enforcement_job, hour={3}, minute={41}, run_at_startup=True),
            cron(purge_job, second=_every(purge.SWEEP_SECONDS), run_at_startup=True),
            # As often as a run beats (at least every minute): hands back runs whose worker
            # died, and queues work whose job Redis lost (a restart without persistence).
            cron(resume_job, second=_every(settings.job_heartbeat_seconds)),
        ],
    }


def run_worker(settings: Settings) -> int:
    if not settings.redis_url:
        print(
            "error: the worker needs PIXVAULT_REDIS_URL; without Redis the app runs its jobs "
            "in-process",
            file=sys.stderr,
        )
        return 1
    PatientWorker(**worker_settings(settings)).run()
    return 0
