"""Upgrading: a database made by the previous release's migrations, with data in it, migrates to
this release's head and everything in it stays usable (on SQLite, and on PostgreSQL when
PIXVAULT_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from tortoise.connection import get_connection
from tortoise.migrations.executor import MigrationExecutor, MigrationTarget

from pixvault import db
from pixvault.accounts.models import ApiToken, User
from pixvault.accounts.passwords import PasswordHasher
from pixvault.app import create_app
from pixvault.assets.models import Asset
from pixvault.consents.models import ConsentRecord
from pixvault.core.settings import Settings
from pixvault.privacy.models import DataSubjectRequest
from tests.conftest import (
    PASSWORD,
    TEST_DATABASE_URL,
    PostgresDatabase,
    log_in,
    make_settings,
)

#: The last migration of the previous release (CHANGELOG.md): bump it with each release.
PREVIOUS_RELEASE = "0010_subscription_cancellation"
AT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


class RawSql:
    """Rows written with plain SQL, as the previous release left them: nothing of this
    release's models is involved in writing them."""

    def __init__(self, settings: Settings) -> None:
        self.sqlite = settings.is_sqlite
        self.conn = get_connection("default")

    def _value(self, value: Any) -> Any:
        if not self.sqlite:
            return value
        if isinstance(value, uuid.UUID):
            return str(value)
        if isinstance(value, datetime):
            return value.isoformat(" ")  # as tortoise writes them to SQLite
        return value

    async def insert(self, table: str, **row: Any) -> None:
        marks = ["?"] * len(row) if self.sqlite else [f"${i}" for i in range(1, len(row) + 1)]
        columns = ", ".join(f'"{name}"' for name in row)
        await self.conn.execute_query(
            f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join(marks)})',
            [self._value(v) for v in row.values()],
        )


async def test_a_previous_release_database_keeps_its_data_through_migrate(
    tmp_path: Path,
) -> None:
    pg = PostgresDatabase(TEST_DATABASE_URL) if TEST_DATABASE_URL else None
    if pg is not None:
        await pg.create()
    settings = make_settings(
        tmp_path, redis_url=None, database_url=pg.url if pg is not None else None
    )
    await db.connect(settings)
    try:
        config = db.tortoise_config(settings)
        executor = MigrationExecutor(get_connection("default"), config["apps"])
        await executor.migrate(
            targets=[MigrationTarget(app_label=db.APP_LABEL, name=PREVIOUS_RELEASE)]
        )
        newer = await db.pending_migrations(settings)
        assert PREVIOUS_RELEASE not in newer

        user_id, asset_id, request_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        raw = RawSql(settings)
        await raw.insert(
            "users",
            id=user_id,
            email="kept@example.com",
            name="Kept Person",
            password_hash=await PasswordHasher().hash(PASSWORD),
            roles=json.dumps(["CUSTOMER"]),
            created_at=AT,
        )
        await raw.insert(
            "consent_records",
            user_id=user_id,
            purpose="MARKETING_EMAIL",
            granted=True,
            source="SIGN_UP",
            policy_version="2025-01",
            recorded_at=AT,
        )
        await raw.insert(
            "assets",
            id=asset_id,
            owner_id=user_id,
            filename="holiday.jpg",
            content_type="image/jpeg",
            byte_size=1234,
            width=40,
            height=30,
            has_alpha=False,
            sha256="a" * 64,
            original_key=f"users/{user_id}/originals/{'a' * 64}",
            visibility="PRIVATE",
            status="ACTIVE",
            has_location_data=False,
            view_count=7,
            download_count=2,
            created_at=AT,
            updated_at=AT,
        )
        token_id = uuid.uuid4()
        await raw.insert(
            "api_tokens",
            id=token_id,
            user_id=user_id,
            name="backup script",
            token_hash="b" * 64,
            created_at=AT,
        )
        await raw.insert(
            "data_subject_requests",
            id=request_id,
            kind="ACCESS",
            status="AWAITING_VERIFICATION",
            requester_email="kept@example.com",
            received_at=AT,
            due_at=datetime(2026, 2, 1, tzinfo=UTC),
            extended_days=0,
            subject_id=user_id,
        )

        applied = await db.migrate(settings)
        assert applied == newer
        assert await db.pending_migrations(settings) == []

        user = await User.get(id=user_id)
        assert (user.email, user.name, user.created_at) == ("kept@example.com", "Kept Person", AT)
        asset = await Asset.get(id=asset_id)
        assert (asset.filename, asset.view_count, asset.owner_id) == ("holiday.jpg", 7, user_id)
        [consent] = await ConsentRecord.filter(user_id=user_id)
        assert (consent.purpose, consent.granted) == ("MARKETING_EMAIL", True)
        # Tokens made before scopes keep every customer scope and no expiry.
        token = await ApiToken.get(id=token_id)
        assert "assets:write" in token.scopes and token.expires_at is None
        request = await DataSubjectRequest.get(id=request_id)
        assert (request.status, request.subject_id) == ("AWAITING_VERIFICATION", user_id)

        # The migrated person logs in to this release's app and finds their image.
        app = create_app(settings, manage_database=False)
        transport = httpx.ASGITransport(app=app)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://t") as client,
        ):
            assert (await log_in(client, "kept@example.com")).data["logIn"]["errors"] == []
            mine = await client.post(
                "/graphql",
                json={"query": "{ me { email } assets { edges { node { filename } } } }"},
            )
        assert mine.json() == {
            "data": {
                "me": {"email": "kept@example.com"},
                "assets": {"edges": [{"node": {"filename": "holiday.jpg"}}]},
            }
        }, mine.text
    finally:
        await db.disconnect()
        if pg is not None:
            await pg.drop()


def test_version_licence_and_changelog_agree() -> None:
    from importlib.metadata import metadata

    root = Path(__file__).resolve().parent.parent
    meta = metadata("pixvault")
    assert meta["License-Expression"] == "AGPL-3.0-or-later"
    assert (root / "LICENSE").read_text().startswith("GNU AFFERO GENERAL PUBLIC LICENSE")
    changelog = (root / "CHANGELOG.md").read_text()
    assert f"\n## {meta['Version']}\n" in changelog, "CHANGELOG.md lacks the current version"
    assert f"Last migration: `{PREVIOUS_RELEASE}`" in changelog
