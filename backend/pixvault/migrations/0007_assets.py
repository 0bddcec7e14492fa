from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index


class Migration(migrations.Migration):
    dependencies = [("pixvault", "0006_consents")]

    initial = False

    operations = [
        ops.CreateModel(
            name="Asset",
            fields=[
                (
                    "id",
                    fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True),
                ),
                (
                    "owner",
                    fields.ForeignKeyField(
                        "pixvault.User",
                        source_field="owner_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="assets",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "filename",
                    fields.CharField(
                        description="Cleaned for display. Never used to build a storage key.",
                        max_length=255,
                    ),
                ),
                ("content_type", fields.CharField(max_length=32)),
                ("byte_size", fields.BigIntField()),
                ("width", fields.IntField()),
                ("height", fields.IntField()),
                ("has_alpha", fields.BooleanField(default=False)),
                ("sha256", fields.CharField(db_index=True, max_length=64)),
                (
                    "original_key",
                    fields.CharField(
                        description="Content-addressed (the owner and the sha256), shared by the owner's identical uploads.",
                        max_length=300,
                    ),
                ),
                ("visibility", fields.CharField(default="PRIVATE", max_length=16)),
                ("status", fields.CharField(default="ACTIVE", max_length=16)),
                ("folder", fields.CharField(null=True, max_length=200)),
                (
                    "has_location_data",
                    fields.BooleanField(
                        default=False,
                        description="The upload carried GPS or other location metadata (never delivered to others).",
                    ),
                ),
                ("view_count", fields.BigIntField(default=0)),
                ("download_count", fields.BigIntField(default=0)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("updated_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={
                "table": "assets",
                "app": "pixvault",
                "indexes": [
                    Index(fields=["owner_id", "created_at"]),
                    Index(fields=["visibility", "status", "created_at"]),
                ],
                "pk_attr": "id",
                "table_description": "An image and its library metadata. The original never changes once stored.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="AssetTag",
            fields=[
                (
                    "id",
                    fields.BigIntField(
                        generated=True, primary_key=True, unique=True, db_index=True
                    ),
                ),
                (
                    "asset",
                    fields.ForeignKeyField(
                        "pixvault.Asset",
                        source_field="asset_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="tag_rows",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("name", fields.CharField(db_index=True, max_length=50)),
            ],
            options={
                "table": "asset_tags",
                "app": "pixvault",
                "unique_together": (("asset", "name"),),
                "pk_attr": "id",
            },
            bases=["Model"],
        ),
    ]
