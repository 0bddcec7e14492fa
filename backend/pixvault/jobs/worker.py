"""The background job runner (``pixvault worker``): arq on Redis.

Without Redis the app runs the same periodic tasks in-process (see jobs/periodic.py), so the
embedded default needs no worker.
"""

from __future__ import annotations

import sys
from typing import Any

from arq import cron, func
from arq.connections import RedisSettings
from arq.worker import run_worker as arq_run_worker

from pixvault import db
from pixvault.jobs.periodic import housekeeping
from pixvault.mail.notify import DELIVER_JOB
from pixvault.mail.sender import OutboxSender
from pixvault.settings import Settings


def worker_settings(settings: Settings) -> dict[str, Any]:
    async def startup(ctx: dict[str, Any]) -> None:
        await db.connect(settings)
        await db.require_migrated(settings)

    async def shutdown(ctx: dict[str, Any]) -> None:
        await db.disconnect()

    async def housekeeping_job(ctx: dict[str, Any]) -> None:
        await housekeeping()

    sender = OutboxSender(settings)

    async def mail_job(ctx: dict[str, Any]) -> int:
        """Enqueued by the app whenever it queues mail, and run every 30 s for retries."""
        return await sender.deliver_due()

    assert settings.redis_url
    return {
        "redis_settings": RedisSettings.from_dsn(settings.redis_url),
        "on_startup": startup,
        "on_shutdown": shutdown,
        "functions": [func(mail_job, name=DELIVER_JOB)],
        "cron_jobs": [
            cron(housekeeping_job, minute=set(range(0, 60, 5)), run_at_startup=True),
            cron(mail_job, name="deliver_mail_cron", second={0, 30}, run_at_startup=True),
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
