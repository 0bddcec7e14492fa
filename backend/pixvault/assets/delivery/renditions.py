"""Renditions cached in storage, made at most once at a time each, in a bounded thread pool: once
per process (an in-flight future) and, with Redis, once across the cluster (lease.py)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from collections.abc import Awaitable
from pathlib import Path
from typing import TYPE_CHECKING

import anyio
from redis.exceptions import RedisError

from pixvault.assets import usage, working_copy
from pixvault.assets.delivery.lease import RenditionLeases
from pixvault.assets.delivery.lookup import AssetFacts
from pixvault.assets.models import Asset
from pixvault.assets.params import Fit, Rendition
from pixvault.assets.render import render
from pixvault.assets.spool import temp_dir
from pixvault.assets.storage_keys import renditions_prefix
from pixvault.observability.metrics import RENDITION_SECONDS
from pixvault.storage import StoredObject

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

#: How often a node waiting on another node's lease looks for the finished rendition.
POLL_SECONDS = 0.05


def rendition_key(asset: AssetFacts, r: Rendition) -> str:
    return renditions_prefix(asset.owner_id, asset.id) + r.name


class Renditions:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        #: libvips threads within each rendition too; more at once would only queue inside it.
        self.limiter = anyio.CapacityLimiter(os.cpu_count() or 2)
        self._inflight: dict[str, asyncio.Future[None]] = {}
        redis_url = runtime.settings.redis_url
        self.leases = RenditionLeases(redis_url) if redis_url else None

    async def cached(self, asset: AssetFacts, r: Rendition) -> StoredObject | None:
        return await self.runtime.storage.open(rendition_key(asset, r))

    async def make(self, asset: AssetFacts, r: Rendition) -> StoredObject | None:
        """Make the rendition (once, however many ask at the same time) and open it; None
        when the asset went away meanwhile."""
        key = rendition_key(asset, r)
        making = self._inflight.get(key)
        if making is None:
            making = asyncio.ensure_future(self._make_once(asset, r, key))
            self._inflight[key] = making
            making.add_done_callback(lambda _: self._inflight.pop(key, None))
        # Shielded: a client that goes away must not cancel a rendition others wait for.
        await asyncio.shield(making)
        return await self.runtime.storage.open(key)

    async def _make_once(self, asset: AssetFacts, r: Rendition, key: str) -> None:
        """Make it here, or wait while another node holding the lease makes it. A holder that
        dies leaves its lease to expire, and then a waiter takes over."""
        if self.leases is None:
            await self._make(asset, r, key)
            return
        storage = self.runtime.storage
        while True:
            try:
                token = await self.leases.take(key)
            except RedisError:
                # Redis away: make it here, as a node without Redis would.
                await self._make(asset, r, key)
                return
            if token is not None:
                try:
                    if not await storage.exists(key):  # made while we were asking
                        await self._make(asset, r, key)
                finally:
                    await _quietly(self.leases.release(key, token))
                return
            while await _held(self.leases, key):
                if await storage.exists(key):
                    return
                await asyncio.sleep(POLL_SECONDS)
            if await storage.exists(key):
                return

    async def close(self) -> None:
        if self.leases is not None:
            await self.leases.close()

    async def _make(self, asset: AssetFacts, r: Rendition, key: str) -> None:
        storage = self.runtime.storage
        owner_id = asset.owner_id
        work = Path(tempfile.mkdtemp(prefix="render-", dir=temp_dir(self.runtime.settings)))
        try:
            source, inside = await self._source(asset, r, work)
            out = work / r.name
            with RENDITION_SECONDS.time():
                await anyio.to_thread.run_sync(render, source, out, r, inside, limiter=self.limiter)
                await storage.put_file(key, out, r.media_type)
        finally:
            await anyio.to_thread.run_sync(_remove_tree, work)
        await usage.record_transformation(owner_id)
        if not await Asset.exists(id=asset.id):
            # Deleted while this was being made: leave nothing of it behind.
            await storage.delete_prefix(renditions_prefix(owner_id, asset.id))

    async def _source(
        self, asset: AssetFacts, r: Rendition, work: Path
    ) -> tuple[Path, tuple[int, int] | None]:
        """The local file to render from: the working copy when the rendition fits inside it
        (with the inside size the original would give), else the original. A missing working
        copy is queued to be made and the original used meanwhile."""
        if working_copy.fits(asset, r):
            copy = await self._local(working_copy.working_key(asset.original_key), work)
            if copy is not None:
                inside = working_copy.inside_size((asset.width, asset.height), r)
                return copy, inside if r.fit in (Fit.INSIDE, Fit.CONTAIN) else None
            await self.runtime.jobs.enqueue(working_copy.JOB, asset.id)
        original = await self._local(asset.original_key, work)
        if original is None:
            raise FileNotFoundError(asset.original_key)
        return original, None

    async def _local(self, key: str, work: Path) -> Path | None:
        storage = self.runtime.storage
        path = storage.local_path(key)
        if path is not None:
            return path if path.is_file() else None
        path = work / key.rsplit("/", 2)[-2]
        return path if await storage.fetch_to(key, path) else None


async def _held(leases: RenditionLeases, key: str) -> bool:
    try:
        return await leases.held(key)
    except RedisError:
        return False


async def _quietly(release: Awaitable[object]) -> None:
    with contextlib.suppress(RedisError):  # it expires on its own
        await release


def _remove_tree(path: Path) -> None:
    for child in path.iterdir():
        child.unlink(missing_ok=True)
    path.rmdir()
