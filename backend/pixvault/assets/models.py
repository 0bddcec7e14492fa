"""An asset is one image its owner uploaded or imported. Its bytes live in storage."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from pixvault.accounts.models import User
from pixvault.core.privacy_register import Erasure, NotPersonal, PersonalData
from pixvault.core.settings import Settings
from pixvault.storage import make_storage


class Asset(Model):
    """An image and its library metadata. The original never changes once stored."""

    id = fields.UUIDField(primary_key=True)
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="assets", on_delete=fields.CASCADE
    )
    #: Cleaned for display. Never used to build a storage key.
    filename = fields.CharField(max_length=255)
    content_type = fields.CharField(max_length=32)
    byte_size = fields.BigIntField()
    width = fields.IntField()
    height = fields.IntField()
    has_alpha = fields.BooleanField(default=False)
    sha256 = fields.CharField(max_length=64, db_index=True)
    #: Content-addressed (the owner and the sha256), shared by the owner's identical uploads.
    original_key = fields.CharField(max_length=300)
    visibility = fields.CharField(max_length=16, default="PRIVATE")
    status = fields.CharField(max_length=16, default="ACTIVE")
    #: Part of every public delivery URL, moved on by each recall (made private, quarantined,
    #: erased), so that every public URL given out before answers 404 or 451 (assets/recall.py).
    delivery_version = fields.IntField(default=1, db_default=1)
    folder = fields.CharField(max_length=200, null=True)
    #: The owner chose to show the filename, folder and tags to everyone who can see the image.
    details_public = fields.BooleanField(
        default=False,
        db_default=False,  # so adding the column to a table with rows works on every database
        description="The owner published the filename, folder and tags with the image.",
    )
    #: The upload carried GPS or other location metadata (never delivered to others).
    has_location_data = fields.BooleanField(default=False)
    view_count = fields.BigIntField(default=0)
    download_count = fields.BigIntField(default=0)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    tag_rows: fields.ReverseRelation[AssetTag]

    class Meta:
        table = "assets"
        indexes = (("owner_id", "created_at"), ("visibility", "status", "created_at"))


class AssetTag(Model):
    id = fields.BigIntField(primary_key=True)
    asset: fields.ForeignKeyRelation[Asset] = fields.ForeignKeyField(
        "pixvault.Asset", related_name="tag_rows", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=50, db_index=True)

    class Meta:
        table = "asset_tags"
        unique_together = (("asset", "name"),)


class QuarantinedContent(Model):
    """Digests of images quarantined after an upheld abuse report.

    Uploads and imports of the same bytes are refused, whoever makes them, even after the asset
    (or its owner) is gone.
    """

    sha256 = fields.CharField(max_length=64, primary_key=True)
    quarantined_at = fields.DatetimeField()

    class Meta:
        table = "quarantined_content"


class CachePurge(Model):
    """Delivery URLs of a recalled public image that caches Pixvault does not control must
    drop (PIXVAULT_CACHE_PURGE_URL): written with the recall, sent by the worker until the
    purge endpoint acknowledges it (assets/purge.py), then deleted."""

    id = fields.BigIntField(primary_key=True)
    #: Not a relation: the asset may be gone (deleted, erased) by the time this is sent.
    asset_id = fields.UUIDField()
    #: The URL prefixes to drop (every URL of the asset starts with one of them).
    prefixes: fields.Field[list[str]] = fields.JSONField()
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    last_error = fields.CharField(max_length=500, null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "cache_purges"
        indexes = (("next_attempt_at",),)


async def _erase_stored_files(settings: Settings, owner_id: str) -> None:
    """Every original and rendition of the owner's assets, in whichever storage backend."""
    from pixvault.assets.library import erase_files_of

    await erase_files_of(make_storage(settings), owner_id)


PERSONAL_DATA = (
    NotPersonal(
        QuarantinedContent,
        "Digests of images removed after an upheld abuse report: they name no one and cannot "
        "be turned back into the image.",
    ),
    NotPersonal(CachePurge, "URL prefixes of recalled images: an asset id, no one's data."),
    PersonalData(
        model=Asset,
        subject_field="owner_id",
        fields=(
            "filename",
            "content_type",
            "byte_size",
            "width",
            "height",
            "sha256",
            "visibility",
            "status",
            "folder",
            "has_location_data",
            "view_count",
            "download_count",
            "created_at",
            "updated_at",
            "has_alpha",
            "details_public",
        ),
        not_personal={
            "original_key": "Where the original is stored; the original itself is in the export.",
            "delivery_version": "A counter of recalls, part of public URLs.",
        },
        erasure=Erasure.DELETE,
        purpose="Your images and what we record about them. The originals are in the export.",
        section="assets",
        on_erase=_erase_stored_files,
        order=50,
    ),
    PersonalData(
        model=AssetTag,
        subject_field="asset__owner_id",
        fields=("asset_id", "name"),
        erasure=Erasure.DELETE,
        purpose="The tags you gave your images.",
        section="asset_tags",
        order=40,
    ),
)
