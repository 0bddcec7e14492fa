"""Background jobs: arq on Redis when configured, in-process tasks otherwise.

Handlers are registered by name and must be safe to run again: a restart (or a killed worker)
makes the service resume unfinished work by running its handler once more.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Protocol

from arq import ArqRedis, create_pool
from arq.connections import RedisSettings
from redis.exceptions import RedisError

from pixvault.core.store import StoreUnavailableError
from pixvault.observability.metrics import timed_job

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

log = logging.getLogger("pixvault.jobs")

#: A job's code: given the runtime it runs with and the key (an id) it works on.
Handler = Callable[["Runtime", str], Awaitable[None]]
HANDLERS: dict[str, Handler] = {}


def handler(name: str) -> Callable[[Handler], Handler]:
    def register(function: Handler) -> Handler:
        HANDLERS[name] = function
        return function

    return register


class JobQueue(Protocol):
    async def enqueue(self, name: str, key: str, *, again: str | None = None) -> None:
        """Run handler ``name`` for ``key`` (an id) in the background. ``again`` names a new
        attempt at work whose earlier job died with its worker (Redis may still hold that job
        as running, and would refuse the same job id until it times out)."""
        ...

    async def depth(self) -> int:
        """How many jobs wait to run (for metrics)."""
        ...

    async def close(self) -> None: ...


class InProcessQueue:
    """Runs jobs as tasks of this process; unfinished ones are resumed at the next start."""

    def __init__(self) -> None:
        self._tasks: dict[tuple[str, str], asyncio.Task[None]] = {}
        #: Set by Runtime once it exists (the runtime holds the queue).
        self.runtime: Runtime | None = None

    async def enqueue(self, name: str, key: str, *, again: str | None = None) -> None:
        if (name, key) in self._tasks:
            return
        task = asyncio.create_task(self._run(name, key))
        self._tasks[(name, key)] = task
        task.add_done_callback(lambda _: self._tasks.pop((name, key), None))

    async def _run(self, name: str, key: str) -> None:
        assert self.runtime is not None
        try:
            with timed_job(name):
                await HANDLERS[name](self.runtime, key)
        except Exception:  # the job stays unfinished and is resumed later
            log.exception("job %s(%s) failed", name, key)

    async def depth(self) -> int:
        return len(self._tasks)

    async def drain(self) -> None:
        """Wait for every running job (tests, and shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)

    async def close(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)


class ArqQueue:
    """Jobs on Redis for `pixvault worker`; the job id makes a repeated enqueue a no-op.

    A job that cannot be queued while Redis is away is not an error for the request that
    asked for it: its work is recorded in the database, and the worker's resume sweep (at its
    start and every PIXVAULT_JOB_HEARTBEAT_SECONDS) queues it once Redis is back.
    """

    def __init__(self, redis_url: str) -> None:
        # Fail fast: a request must not wait for Redis to come back.
        self._settings = dataclasses.replace(
            RedisSettings.from_dsn(redis_url), conn_retries=0, conn_timeout=2
        )
        self._pool: ArqRedis | None = None

    async def enqueue(self, name: str, key: str, *, again: str | None = None) -> None:
        job_id = f"{name}:{key}" if again is None else f"{name}:{key}:{again}"
        try:
            if self._pool is None:
                self._pool = await create_pool(self._settings)
            await self._pool.enqueue_job(name, key, _job_id=job_id)
        except (RedisError, OSError, TimeoutError):
            log.warning("could not queue job %s; the resume sweep queues it later", job_id)

    async def depth(self) -> int:
        """Jobs in arq's queue (queued or deferred, not yet picked up by a worker)."""
        try:
            if self._pool is None:
                self._pool = await create_pool(self._settings)
            return int(await self._pool.zcard(self._pool.default_queue_name))
        except (RedisError, OSError, TimeoutError) as error:
            raise StoreUnavailableError("Redis is unavailable") from error

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()


def make_queue(redis_url: str | None) -> JobQueue:
    return ArqQueue(redis_url) if redis_url else InProcessQueue()
