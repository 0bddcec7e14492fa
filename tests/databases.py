"""Test databases: a fresh PostgreSQL database per Env, and the migrated template each Env's
database is copied from."""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import asyncpg

from pixvault import db

if TYPE_CHECKING:
    from tests.conftest import Settings


class PostgresDatabase:
    """A fresh database on the test server (a copy of ``template`` if given), dropped
    afterwards."""

    def __init__(self, admin_url: str, template: str | None = None) -> None:
        self.admin_url = admin_url
        self.template = template
        self.name = f"pixvault_test_{uuid.uuid4().hex[:12]}"
        base = admin_url.rsplit("/", 1)[0]
        self.url = f"{base}/{self.name}"

    async def create(self) -> None:
        conn = await asyncpg.connect(self.admin_url.replace("postgres://", "postgresql://", 1))
        copy = f' TEMPLATE "{self.template}"' if self.template else ""
        try:
            await conn.execute(f'CREATE DATABASE "{self.name}"{copy}')
        finally:
            await conn.close()

    async def drop(self) -> None:
        conn = await asyncpg.connect(self.admin_url.replace("postgres://", "postgresql://", 1))
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        finally:
            await conn.close()


@dataclass
class Migrated:
    """A database every migration has been applied to, made once per test process (worker)
    and copied for each Env: migrating from scratch takes seconds, a copy milliseconds.
    open_env still runs ``db.migrate``, which finds nothing to apply."""

    #: A migrated SQLite file, or the name of a migrated PostgreSQL database to CREATE from.
    sqlite: Path | None = None
    postgres: str | None = None

    async def make(self, settings: Settings, pg: PostgresDatabase | None) -> None:
        """Migrate the database of ``settings``: ``pg`` (created here) when given, else its
        SQLite file."""
        if pg is not None:
            await pg.create()
        await db.connect(settings)
        try:
            await db.migrate(settings)
        finally:
            await db.disconnect()
        if pg is not None:
            self.postgres = pg.name
        else:
            self.sqlite = sqlite_path(settings)

    def copy_sqlite(self, settings: Settings) -> None:
        assert self.sqlite is not None
        path = sqlite_path(settings)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.sqlite, path)
        path.chmod(0o600)


def sqlite_path(settings: Settings) -> Path:
    return Path(settings.resolved_database_url.removeprefix("sqlite://"))
