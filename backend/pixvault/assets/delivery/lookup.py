"""What delivery needs to know about an asset, cached in-process for a moment.

Every image request would otherwise cost a database query; a gallery page makes dozens. Facts
are kept for TTL_SECONDS (unknown ids too, so random ids cannot hammer the database), at most
MAX_ENTRIES of them. A recall (assets/recall.py) forgets the entry at once in this process
and, through Redis pub/sub, in every other process of every node; without Redis (one process)
or while Redis is away, other processes see a change within TTL_SECONDS.
"""

from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass

from pixvault.assets.models import Asset

TTL_SECONDS = 2.0
MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class AssetFacts:
    id: str
    owner_id: str
    visibility: str
    status: str
    content_type: str
    width: int
    height: int
    has_alpha: bool
    sha256: str
    original_key: str
    filename: str
    delivery_version: int

    @classmethod
    def of(cls, row: Asset) -> AssetFacts:
        return cls(
            id=str(row.id),
            owner_id=str(row.owner_id),  # type: ignore[attr-defined]
            visibility=row.visibility,
            status=row.status,
            content_type=row.content_type,
            width=row.width,
            height=row.height,
            has_alpha=row.has_alpha,
            sha256=row.sha256,
            original_key=row.original_key,
            filename=row.filename,
            delivery_version=row.delivery_version,
        )


_entries: OrderedDict[uuid.UUID, tuple[float, AssetFacts | None]] = OrderedDict()


async def asset_facts(asset_id: uuid.UUID) -> AssetFacts | None:
    now = time.monotonic()
    entry = _entries.get(asset_id)
    if entry is not None and entry[0] > now:
        return entry[1]
    row = await Asset.get_or_none(id=asset_id)
    facts = AssetFacts.of(row) if row is not None else None
    _entries[asset_id] = (now + TTL_SECONDS, facts)
    _entries.move_to_end(asset_id)
    while len(_entries) > MAX_ENTRIES:
        _entries.popitem(last=False)
    return facts


def forget(asset_id: str | uuid.UUID) -> None:
    _entries.pop(uuid.UUID(str(asset_id)), None)


def forget_all() -> None:
    """After invalidations may have been missed (Redis was away)."""
    _entries.clear()
