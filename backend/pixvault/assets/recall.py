"""Recalling a public image: made private, quarantined, deleted or erased.

A recall must stop every copy Pixvault controls and tell the caches it does not control:

- ``mark`` (inside the change's transaction) moves the asset's delivery version on, so every
  public URL given out before (/i/{id}/{version}) answers 404, or 451 when quarantined, and
  records a CachePurge for PIXVAULT_CACHE_PURGE_URL when the image was public;
- ``announce`` (after the commit) drops the asset's facts from the delivery cache of this
  process and, through Redis pub/sub, of every process on every node, and wakes the purge
  sender (assets/purge.py).

Each process's Runtime makes one ``Recalls`` and activates it: the library's functions, called
from resolvers, jobs and other domains alike, reach it here rather than through arguments.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Iterable

import redis.asyncio as aioredis
from redis.exceptions import RedisError
from tortoise.expressions import F

from pixvault.assets.delivery.lookup import forget, forget_all
from pixvault.assets.models import Asset, CachePurge
from pixvault.assets.signing import PATH_PREFIX
from pixvault.core.clock import now
from pixvault.core.settings import Settings
from pixvault.jobs.queue import JobQueue

log = logging.getLogger("pixvault.assets")
CHANNEL = "pixvault:asset-facts"
PURGE_JOB = "send_cache_purges"
#: How long the listener waits before subscribing again after Redis failed it.
RESUBSCRIBE_SECONDS = 1.0


def url_prefix(settings: Settings, asset_id: str) -> str:
    """Every delivery URL of the asset, of any version or rendition, starts with this."""
    return f"{settings.public_url.rstrip('/')}{PATH_PREFIX}{asset_id}"


class Recalls:
    """One process's side of recalls: the Redis connection it publishes and listens on, and
    the queue that runs the purge sender."""

    def __init__(self, settings: Settings, jobs: JobQueue) -> None:
        self.settings = settings
        self.jobs = jobs
        self.redis: aioredis.Redis | None = (
            aioredis.from_url(  # type: ignore[no-untyped-call]
                settings.redis_url, socket_connect_timeout=2
            )
            if settings.redis_url
            else None
        )

    async def publish(self, asset_ids: list[str]) -> None:
        if self.redis is None or not asset_ids:
            return
        try:
            await self.redis.publish(CHANNEL, " ".join(asset_ids))
        except (RedisError, OSError) as error:
            # Other processes see the change within the cache's TTL (seconds) instead.
            log.warning("could not announce a recall through Redis: %s", error)

    async def listen(self, stop: asyncio.Event) -> None:
        """Forget each announced asset until ``stop`` is set; resubscribes after a Redis
        failure, forgetting everything (announcements may have been missed meanwhile)."""
        if self.redis is None:
            return
        while not stop.is_set():
            try:
                async with self.redis.pubsub(ignore_subscribe_messages=True) as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    forget_all()
                    while not stop.is_set():
                        message = await pubsub.get_message(timeout=1.0)
                        if message is not None:
                            for asset_id in bytes(message["data"]).decode().split():
                                forget(asset_id)
            except (RedisError, OSError) as error:
                log.warning("recall announcements: Redis failed (%s); subscribing again", error)
                forget_all()
                await asyncio.sleep(RESUBSCRIBE_SECONDS)

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()


_active: Recalls | None = None


def activate(recalls: Recalls | None) -> None:
    global _active
    _active = recalls


def active() -> Recalls | None:
    return _active


async def mark(asset_id: str, *, was_public: bool, row_gone: bool = False) -> None:
    """Record a recall of ``asset_id`` (in the transaction of the change that recalls it)."""
    if not row_gone:
        await Asset.filter(id=asset_id).update(delivery_version=F("delivery_version") + 1)
    recalls = _active
    if was_public and recalls is not None and recalls.settings.cache_purge_url:
        await CachePurge.create(
            asset_id=uuid.UUID(asset_id),
            prefixes=[url_prefix(recalls.settings, asset_id)],
            next_attempt_at=now(),
            created_at=now(),
        )


async def announce(asset_ids: Iterable[str]) -> None:
    """After the recall's commit: every process forgets the assets, the purge sender runs."""
    ids = [str(i) for i in asset_ids]
    for asset_id in ids:
        forget(asset_id)
    recalls = _active
    if recalls is None or not ids:
        return
    await recalls.publish(ids)
    if recalls.settings.cache_purge_url:
        await recalls.jobs.enqueue(PURGE_JOB, "due")
