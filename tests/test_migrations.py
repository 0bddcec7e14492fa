"""Migrations: committed for every model change, safe to re-run, required before serving."""

from __future__ import annotations

from pathlib import Path

import pytest
from tortoise import connections

from pixvault import db
from tests.conftest import Env, make_settings


async def test_models_have_no_changes_outside_migrations(env: Env) -> None:
    changes = await db.unmigrated_model_changes(env.settings)
    assert changes.names == [], "run `pixvault makemigrations` and commit the result"


async def test_migrate_is_safe_to_run_twice(env: Env) -> None:
    assert await db.migrate(env.settings) == []
    assert await db.pending_migrations(env.settings) == []


async def test_sqlite_runs_in_wal_mode_with_secure_delete(env: Env) -> None:
    if not env.settings.is_sqlite:
        pytest.skip("SQLite only")
    conn = connections.get("default")
    _, journal = await conn.execute_query("PRAGMA journal_mode")
    _, secure = await conn.execute_query("PRAGMA secure_delete")
    assert journal[0][0] == "wal"
    assert secure[0][0] == 1


async def test_initial_policies_are_seeded(env: Env) -> None:
    from pixvault.policies.services import effective_versions

    kinds = {v.kind for v in await effective_versions()}
    assert kinds == {"PRIVACY", "TERMS"}


async def test_unmigrated_database_is_refused(tmp_path: Path) -> None:
    # A second, empty SQLite database in its own connection context.
    from tortoise.context import TortoiseContext

    settings = make_settings(tmp_path, redis_url=None, database_url=None)
    async with TortoiseContext() as ctx:
        await ctx.init(config=db.tortoise_config(settings))
        with pytest.raises(db.UnmigratedDatabaseError, match="pixvault migrate"):
            await db.require_migrated(settings)
