"""The background job runner (``pixvault worker``): arq on Redis.

Without Redis the app runs the same periodic tasks in-process (see jobs/periodic.py), so the
embedded default needs no worker.
"""

from __future__ import annotations

import sys
from typing import Any

from arq import cron
from arq.connections import RedisSettings
from arq.worker import run_worker as arq_run_worker

from pixvault import db
from pixvault.jobs.periodic import end_expired_sessions
from pixvault.records.retention import apply_telemetry_retention
from pixvault.settings import Settings


def worker_settings(settings: Settings) -> dict[str, Any]:
    async def startup(ctx: dict[str, Any]) -> None:
        await db.connect(settings)
        await db.require_migrated(settings)

    async def shutdown(ctx: dict[str, Any]) -> None:
        await db.disconnect()

    async def sessions_job(ctx: dict[str, Any]) -> int:
        return await end_expired_sessions()

    async def retention_job(ctx: dict[str, Any]) -> None:
        await apply_telemetry_retention(settings)

    assert settings.redis_url
    return {
        "redis_settings": RedisSettings.from_dsn(settings.redis_url),
        "on_startup": startup,
        "on_shutdown": shutdown,
        "functions": [],
        "cron_jobs": [
            cron(sessions_job, minute=set(range(0, 60, 5)), run_at_startup=True),
            cron(retention_job, minute={17}, run_at_startup=True),
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
    arq_run_worker(worker_settings(settings))
    return 0
