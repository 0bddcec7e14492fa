"""The library: finding, listing, editing and deleting assets (plain async services)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from tortoise.query_utils import Prefetch
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from pixvault.assets import recall, usage
from pixvault.assets.models import Asset, AssetTag, QuarantinedContent
from pixvault.assets.names import clean_filename, clean_folder, clean_tags
from pixvault.assets.storage_keys import renditions_prefix
from pixvault.assets.working_copy import working_key
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.restriction_gate import restrictions
from pixvault.core.roles import Role
from pixvault.core.settings import Settings
from pixvault.core.viewer import Viewer
from pixvault.storage import Storage, make_storage

_NOT_FOUND = UserFacingError("NOT_FOUND", "No such asset.", "id")


def with_tags(query: QuerySet[Asset]) -> QuerySet[Asset]:
    """Tags in one extra query for the whole page, however long."""
    return query.prefetch_related(Prefetch("tag_rows", queryset=AssetTag.all().order_by("id")))


def parse_id(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def is_public(asset: Asset) -> bool:
    return asset.visibility == "PUBLIC" and asset.status == "ACTIVE"


async def public_asset(asset_id: str) -> Asset | None:
    """The asset when anyone may see it (PUBLIC and ACTIVE), with its tags, else None."""
    key = parse_id(asset_id)
    asset = await with_tags(Asset.filter(id=key)).first() if key else None
    return asset if asset is not None and is_public(asset) else None


#: Staff who handle people's images (support cases, abuse reports, data requests). BILLING
#: has no need to see anyone's private images.
ASSET_STAFF_ROLES = frozenset({Role.SUPPORT, Role.PRIVACY_OFFICER, Role.ADMIN})


async def visible_asset(viewer: Viewer, asset_id: str) -> Asset | None:
    """The asset if the viewer may see it (may_see)."""
    key = parse_id(asset_id)
    asset = await with_tags(Asset.filter(id=key)).first() if key else None
    return asset if asset is not None and may_see(viewer, asset) else None


async def assets_by_id(asset_ids: list[str]) -> dict[str, Asset]:
    """The assets with these ids (with their tags) in two queries, however many; ids that are
    not UUIDs or name no asset are left out."""
    keys = [key for key in map(parse_id, asset_ids) if key is not None]
    if not keys:
        return {}
    return {str(row.id): row for row in await with_tags(Asset.filter(id__in=keys))}


def may_see(viewer: Viewer, asset: Asset) -> bool:
    """Its owner, staff who handle images (ASSET_STAFF_ROLES), or anyone when PUBLIC and
    ACTIVE."""
    if is_public(asset) or viewer.is_self(str(asset.owner_id)):  # type: ignore[attr-defined]
        return True
    return bool(viewer.roles & ASSET_STAFF_ROLES)


def own_assets(
    owner_id: str,
    *,
    search: str | None = None,
    folder: str | None = None,
    visibility: str | None = None,
    tag: str | None = None,
) -> QuerySet[Asset]:
    query = Asset.filter(owner_id=owner_id)
    if search and search.strip():
        query = query.filter(filename__icontains=search.strip())
    if folder is not None:
        query = query.filter(folder=clean_folder(folder))
    if visibility is not None:
        query = query.filter(visibility=visibility)
    if tag and tag.strip():
        query = query.filter(tag_rows__name=tag.strip().lower())
    return with_tags(query.order_by("-created_at", "-id"))


def public_assets() -> QuerySet[Asset]:
    """PUBLIC and ACTIVE assets, but none of people who restricted the processing of their
    data (privacy/restriction.py)."""
    return with_tags(
        Asset.filter(visibility="PUBLIC", status="ACTIVE")
        .exclude(owner_id__in=restrictions().restricted_user_ids())
        .order_by("-created_at", "-id")
    )


async def folders(owner_id: str) -> list[str]:
    rows = await (
        Asset.filter(owner_id=owner_id, folder__isnull=False)
        .distinct()
        .order_by("folder")
        .values_list("folder", flat=True)
    )
    return [str(f) for f in rows]


async def _owned(owner_id: str, asset_id: str) -> Asset:
    key = parse_id(asset_id)
    asset = await Asset.get_or_none(id=key, owner_id=owner_id) if key else None
    if asset is None:
        raise _NOT_FOUND
    return asset


@dataclass(frozen=True)
class Changes:
    """None leaves a field as it is; an empty folder means no folder, empty tags none."""

    filename: str | None = None
    visibility: str | None = None
    folder: str | None = None
    tags: list[str] | None = None
    details_public: bool | None = None


async def update_asset(owner_id: str, asset_id: str, changes: Changes) -> Asset:
    asset = await _owned(owner_id, asset_id)
    if changes.filename is not None:
        if not changes.filename.strip():
            raise UserFacingError("INVALID_FILENAME", "A filename cannot be empty.", "filename")
        asset.filename = clean_filename(changes.filename)
    was_public = is_public(asset)
    hidden = changes.visibility is not None and changes.visibility != asset.visibility
    if changes.visibility is not None:
        asset.visibility = changes.visibility
    if changes.folder is not None:
        asset.folder = clean_folder(changes.folder)
    if changes.details_public is not None:
        asset.details_public = changes.details_public
    tags = clean_tags(changes.tags) if changes.tags is not None else None
    asset.updated_at = now()
    recalled = hidden and asset.visibility != "PUBLIC"
    async with in_transaction():
        # Not delivery_version: a recall made meanwhile (a quarantine) must not be undone.
        await asset.save(
            update_fields=["filename", "visibility", "folder", "details_public", "updated_at"]
        )
        if recalled:
            await recall.mark(str(asset.id), was_public=was_public)
        if tags is not None:
            await AssetTag.filter(asset_id=asset.id).delete()
            await AssetTag.bulk_create([AssetTag(asset=asset, name=tag) for tag in tags])
    await recall.announce([str(asset.id)])
    found = await with_tags(Asset.filter(id=asset.id)).first()
    assert found is not None
    return found


STATUSES = ("ACTIVE", "QUARANTINED", "REMOVED")


async def set_status(asset_id: str, status: str) -> None:
    """Set an asset's moderation status (the trust & safety domain's entry point); delivery
    answers 451 for QUARANTINED and 404 for REMOVED from the next request on. Leaving ACTIVE
    recalls the asset (assets/recall.py). A caller holding a transaction calls ``announce``
    again once it has committed: a node that read the row in between cached the old state.
    (An upheld abuse report goes through quarantine().)"""
    if status not in STATUSES:
        raise ValueError(f"unknown asset status {status}")
    asset = await Asset.get_or_none(id=asset_id)
    if asset is None:
        return
    await Asset.filter(id=asset_id).update(status=status, updated_at=now())
    if status != "ACTIVE":
        await recall.mark(asset_id, was_public=is_public(asset))
    await recall.announce([asset_id])


async def announce(asset_ids: list[str]) -> None:
    """Tell every node about changes set_status made, after their transaction committed."""
    await recall.announce(asset_ids)


async def quarantine(sha256: str) -> list[str]:
    """Quarantine an image's bytes after an upheld abuse report (the trust & safety domain's
    entry point): every asset holding them, whoever owns it, answers 451 from the next request
    on and is recalled (assets/recall.py), and uploads or imports of the same bytes are refused
    from now on (ingest.py). Returns the ids quarantined now: the caller passes them to
    ``announce`` once its transaction has committed."""
    await QuarantinedContent.bulk_create(
        [QuarantinedContent(sha256=sha256, quarantined_at=now())], ignore_conflicts=True
    )
    rows = (
        await Asset.filter(sha256=sha256)
        .exclude(status="QUARANTINED")
        .only("id", "visibility", "status")
    )
    await Asset.filter(sha256=sha256).update(status="QUARANTINED", updated_at=now())
    for asset in rows:
        await recall.mark(str(asset.id), was_public=is_public(asset))
    return [str(asset.id) for asset in rows]


async def is_quarantined(sha256: str) -> bool:
    return await QuarantinedContent.exists(sha256=sha256)


async def delete_asset(storage: Storage, owner_id: str, asset_id: str) -> str:
    """Delete the row, every rendition and, unless another asset of the owner shares it, the
    original and its working copy. Returns the deleted id."""
    asset = await _owned(owner_id, asset_id)
    async with in_transaction():
        await asset.delete()
        await recall.mark(str(asset.id), was_public=is_public(asset), row_gone=True)
    await recall.announce([str(asset.id)])
    await storage.delete_prefix(renditions_prefix(owner_id, str(asset.id)))
    if not await Asset.exists(owner_id=owner_id, original_key=asset.original_key):
        await storage.delete(asset.original_key)
        await storage.delete(working_key(asset.original_key))
    await usage.report_storage(owner_id, await usage.storage_used(owner_id))
    return str(asset.id)


async def erase_stored_files(settings: Settings, owner_id: str) -> None:
    """The erasure hook of assets' personal-data declaration (assets/models.py names it):
    every original and rendition of the owner's assets, in whichever storage backend."""
    await erase_files_of(make_storage(settings), owner_id)


async def erase_files_of(storage: Storage, owner_id: str) -> None:
    """Delete every stored file of the owner's assets (erasure deletes the rows after)."""
    assets = await Asset.filter(owner_id=owner_id)
    for asset in assets:
        # The rows are deleted later, with the rest of the erasure: until then, the moved
        # version makes every public URL of theirs answer 404.
        await recall.mark(str(asset.id), was_public=is_public(asset))
    await recall.announce([str(a.id) for a in assets])
    for asset in assets:
        await storage.delete_prefix(renditions_prefix(owner_id, str(asset.id)))
        await storage.delete(asset.original_key)
        await storage.delete(working_key(asset.original_key))


@dataclass(frozen=True)
class OriginalFile:
    """One of the owner's uploads as the access export names it."""

    name: str
    key: str


async def originals_of(owner_id: str) -> list[OriginalFile]:
    rows = await Asset.filter(owner_id=owner_id).order_by("created_at", "id")
    return [
        OriginalFile(f"images/{row.id}-{clean_filename(row.filename)}", row.original_key)
        for row in rows
    ]
