"""Turning a spooled upload or import into a stored original and an Asset row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import anyio
from tortoise.transactions import in_transaction

from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.assets import usage, working_copy
from pixvault.assets.library import is_quarantined
from pixvault.assets.models import Asset, AssetTag
from pixvault.assets.names import clean_filename, clean_folder, clean_tags
from pixvault.assets.spool import Spool
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.viewer import ClientInfo
from pixvault.storage import StorageUnavailableError

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

#: Decoding is CPU-bound: at most this many inspections at once per process.
INSPECTIONS = anyio.CapacityLimiter(2)


@dataclass(frozen=True)
class Placement:
    """Where the owner wants the new asset: its name, visibility, folder and tags."""

    filename: str | None
    visibility: str
    folder: str | None
    tags: list[str] | None


def original_key(owner_id: str, sha256: str) -> str:
    """Content-addressed, under the owner's own prefix (so erasing a person is one prefix)."""
    return f"users/{owner_id}/originals/{sha256}"


async def ingest(
    runtime: Runtime, owner_id: str, spool: Spool, placement: Placement, client: ClientInfo
) -> Asset:
    """Check, store and record a spooled file. The spool is always consumed or discarded."""
    settings = runtime.settings
    copy = spool.path.with_name(spool.path.name + ".working.jpg")
    try:
        if spool.size == 0:
            raise UserFacingError("EMPTY_FILE", "The file is empty.", "file")
        if await is_quarantined(spool.sha256):
            raise UserFacingError(
                "CONTENT_BLOCKED",
                "This image was removed after an upheld abuse report and cannot be stored again.",
                "file",
            )
        folder = clean_folder(placement.folder)
        tags = clean_tags(placement.tags)
        facts, copied = await anyio.to_thread.run_sync(
            working_copy.inspect_and_copy,
            spool.path,
            settings.max_upload_pixels,
            copy,
            limiter=INSPECTIONS,
        )
        await usage.check_storage_quota(owner_id, await usage.storage_used(owner_id), spool.size)
        key = original_key(owner_id, spool.sha256)
        try:
            if not await runtime.storage.exists(key):
                await runtime.storage.put_file(key, spool.path, facts.type.value)
            if copied:
                await runtime.storage.put_file(
                    working_copy.working_key(key), copy, working_copy.MEDIA_TYPE
                )
        except StorageUnavailableError:
            raise UserFacingError(
                "STORAGE_UNAVAILABLE",
                "Storage is briefly unavailable; try the upload again shortly.",
                "file",
            ) from None
        at = now()
        async with in_transaction():
            asset = await Asset.create(
                owner_id=owner_id,
                filename=clean_filename(placement.filename),
                content_type=facts.type.value,
                byte_size=spool.size,
                width=facts.width,
                height=facts.height,
                has_alpha=facts.has_alpha,
                sha256=spool.sha256,
                original_key=key,
                visibility=placement.visibility,
                folder=folder,
                has_location_data=facts.has_location_data,
                created_at=at,
                updated_at=at,
            )
            await AssetTag.bulk_create([AssetTag(asset=asset, name=tag) for tag in tags])
    finally:
        spool.discard()
        copy.unlink(missing_ok=True)
    await record_activity(owner_id, ActivityKind.UPLOAD, client, target=str(asset.id))
    await usage.report_storage(owner_id, await usage.storage_used(owner_id))
    return asset
