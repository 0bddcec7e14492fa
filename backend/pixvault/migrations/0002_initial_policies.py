"""Seed the privacy policy and terms in effect on a fresh install."""

from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

from tortoise import migrations
from tortoise.migrations import operations as ops

SEEDED_AT = datetime(2026, 1, 1, tzinfo=UTC)
TEXTS = Path(__file__).resolve().parent.parent / "policies" / "texts"


async def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    policy_version = apps.get_model("pixvault.PolicyVersion")
    for kind, title in (("PRIVACY", "Privacy Policy"), ("TERMS", "Terms of Service")):
        body = (TEXTS / f"{kind.lower()}-1.0.md").read_text()
        await policy_version.create(
            id=uuid4(),
            kind=kind,
            version="1.0",
            title=title,
            summary=f"The first published {title.lower()} of this Pixvault installation.",
            body=body,
            change_type="LEGAL_REQUIREMENT",
            materially_reduces_protection=False,
            notice_at=SEEDED_AT,
            effective_at=SEEDED_AT,
        )


async def unseed(apps, schema_editor):  # type: ignore[no-untyped-def]
    policy_version = apps.get_model("pixvault.PolicyVersion")
    await policy_version.filter(version="1.0").delete()


class Migration(migrations.Migration):
    dependencies = [("pixvault", "0001_initial")]

    operations = [ops.RunPython(seed, unseed)]
