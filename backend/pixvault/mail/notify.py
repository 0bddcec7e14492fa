"""Waking the sender when mail is queued: an in-process event without Redis, an arq job with it.

A lost wake-up only delays a message: the sender also polls (in-process) or runs on a cron
(the worker).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from typing import Protocol

from arq.connections import ArqRedis, RedisSettings, create_pool
from redis.exceptions import RedisError

log = logging.getLogger("pixvault.mail")

#: The arq job that delivers due mail (registered by worker.py).
DELIVER_JOB = "deliver_mail"


class Notifier(Protocol):
    async def notify(self) -> None: ...
    async def close(self) -> None: ...


class LocalNotifier:
    """For the in-process sender of an app without Redis."""

    def __init__(self) -> None:
        self.queued = asyncio.Event()

    async def notify(self) -> None:
        self.queued.set()

    async def close(self) -> None:
        return None


class ArqNotifier:
    """Enqueues a delivery job for the worker (``pixvault worker``)."""

    def __init__(self, redis_url: str) -> None:
        # Fail fast: a request that queued mail must not wait for Redis to come back.
        self.redis_settings = dataclasses.replace(
            RedisSettings.from_dsn(redis_url), conn_retries=0, conn_timeout=2
        )
        self._pool: ArqRedis | None = None

    async def notify(self) -> None:
        try:
            if self._pool is None:
                self._pool = await create_pool(self.redis_settings)
            await self._pool.enqueue_job(DELIVER_JOB)
        except (RedisError, OSError, TimeoutError):
            log.warning("could not wake the mail worker; its cron delivers the mail")

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()
            self._pool = None


def make_notifier(redis_url: str | None) -> Notifier:
    return ArqNotifier(redis_url) if redis_url else LocalNotifier()
