"""View and download counts, and the owner's activity, kept off the request's critical path.

Counts gather in memory and are written as one increment per asset every few seconds (and when
the app stops), so a busy public image does not cost a database write per request. Each worker
process adds its own increments, so nothing is lost across workers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict

from tortoise.expressions import F

from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.assets.models import Asset
from pixvault.core.store import KeyValueStore
from pixvault.core.viewer import Viewer

log = logging.getLogger("pixvault.assets")
FLUSH_SECONDS = 5
#: The owner's repeated views of one asset make one VIEW activity per this many seconds.
VIEW_ACTIVITY_SECONDS = 600


class DeliveryCounters:
    def __init__(self) -> None:
        self._views: defaultdict[str, int] = defaultdict(int)
        self._downloads: defaultdict[str, int] = defaultdict(int)

    def count(self, asset_id: str, *, download: bool) -> None:
        (self._downloads if download else self._views)[asset_id] += 1

    async def flush(self) -> None:
        views, self._views = self._views, defaultdict(int)
        downloads, self._downloads = self._downloads, defaultdict(int)
        for asset_id in views.keys() | downloads.keys():
            await Asset.filter(id=asset_id).update(
                view_count=F("view_count") + views.get(asset_id, 0),
                download_count=F("download_count") + downloads.get(asset_id, 0),
            )

    async def run(self, stop: asyncio.Event) -> None:
        """Flush every few seconds until ``stop`` is set, then once more."""
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), FLUSH_SECONDS)
            try:
                await self.flush()
            except Exception:  # a failed round must not end the loop
                log.exception("flushing delivery counts failed")


async def record_owner_activity(
    store: KeyValueStore, viewer: Viewer, owner_id: str, asset_id: str, *, download: bool
) -> None:
    """A VIEW or DOWNLOAD in the owner's activity, when the owner is the one fetching.

    Anyone else who fetches a public or shared URL is counted, never recorded.
    """
    if viewer.user_id != owner_id:
        return
    if not download:
        key = f"asset-view-activity:{owner_id}:{asset_id}"
        if await store.incr(key, VIEW_ACTIVITY_SECONDS) > 1:
            return
    kind = ActivityKind.DOWNLOAD if download else ActivityKind.VIEW
    await record_activity(owner_id, kind, viewer.client, target=asset_id)
