"""Database configuration, start-up checks and migrations (tortoise-orm's built-in ones).

Every domain's models live in one tortoise app, ``pixvault``, so that relations between domains
need no cross-app references and one migration history covers the whole schema.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from asyncpg.exceptions import (  # type: ignore[import-untyped]
    InternalClientError,
    OperatorInterventionError,
    PostgresConnectionError,
    TooManyConnectionsError,
)
from tortoise import Tortoise
from tortoise.connection import get_connection
from tortoise.exceptions import DBConnectionError
from tortoise.migrations.autodetector import MigrationAutodetector
from tortoise.migrations.executor import MigrationExecutor

from pixvault.core.settings import Settings

log = logging.getLogger("pixvault.db")

APP_LABEL = "pixvault"
MIGRATIONS_MODULE = "pixvault.migrations"

#: Each domain registers its models module here.
MODEL_MODULES: list[str] = [
    "pixvault.accounts.models",
    "pixvault.accounts.security_models",
    "pixvault.assets.models",
    "pixvault.audit.models",
    "pixvault.billing.models",
    "pixvault.consents.models",
    "pixvault.policies.models",
    "pixvault.privacy.models",
    "pixvault.privacy.rights_models",
    "pixvault.records.models",
    "pixvault.records.breach_models",
    "pixvault.safety.models",
    "pixvault.mail.models",
]

#: SQLite runs in WAL mode; secure_delete overwrites erased rows so that erased personal data
#: does not linger in free pages of the database file.
SQLITE_PRAGMAS = {
    "journal_mode": "WAL",
    "secure_delete": "ON",
    "synchronous": "NORMAL",
    "busy_timeout": "10000",
    "foreign_keys": "ON",
}


class UnmigratedDatabaseError(RuntimeError):
    """The database lacks migrations the code needs."""


#: What a database that is away for a moment (restarting, failing over, full) raises, as
#: opposed to a bad query. Requests meeting one get a 503; the connection pool replaces its
#: broken connections by itself once the database is back.
UNAVAILABLE_ERRORS = (
    ConnectionError,  # refused or reset while connecting
    PostgresConnectionError,  # a connection lost in the middle of a query
    OperatorInterventionError,  # shutting down, starting up, terminated by the administrator
    TooManyConnectionsError,
    DBConnectionError,
    # A pooled connection the server cut off in the middle of a query refuses the next one
    # ("cannot switch to state ...; another operation is in progress") until it is replaced.
    InternalClientError,
)


def database_unavailable(error: BaseException) -> bool:
    """Whether ``error`` (or an error it was raised from) says the database is unreachable."""
    current: BaseException | None = error
    while current is not None:
        if isinstance(current, UNAVAILABLE_ERRORS):
            return True
        current = current.__cause__
    return False


async def scrub(tables: Iterable[str]) -> None:
    """Push data just erased from ``tables`` out of the database's own files, so that what
    the tables no longer hold is not left in their bytes either.

    SQLite: secure_delete already zeroes erased rows in the database file, but the pages that
    held them last sit in the WAL until a checkpoint; TRUNCATE copies the WAL into the file and
    empties it. PostgreSQL: an erased or overwritten row stays in its table's pages as a dead
    tuple, and a plain VACUUM frees its space without overwriting it (tests/faults found the
    name there after one), so each table is rewritten with VACUUM FULL, which holds an
    exclusive lock on it while it runs (see README, Privacy). The WAL segments still hold the
    rows until they are recycled. A scrub that fails (a busy reader, the database away) is
    logged, not raised: the erasure itself is done and committed.
    """
    names = sorted(set(tables))
    conn = get_connection("default")
    try:
        if conn.capabilities.dialect == "sqlite":
            await conn.execute_query("PRAGMA wal_checkpoint(TRUNCATE)")
            return
        for table in names:
            # VACUUM cannot run in a transaction: each is a statement of its own.
            await conn.execute_script(f'VACUUM (FULL) "{table}"')
    except Exception:
        log.warning("scrubbing %s after an erasure failed", ", ".join(names), exc_info=True)


def tortoise_config(settings: Settings) -> dict[str, Any]:
    url = settings.resolved_database_url
    if settings.is_sqlite:
        settings.make_data_dir()
        url = f"{url}?{urlencode(SQLITE_PRAGMAS)}"
    return {
        "connections": {"default": url},
        "apps": {
            APP_LABEL: {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": MIGRATIONS_MODULE,
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def owner_only_sqlite_file(settings: Settings) -> None:
    """Create the SQLite file 0600 before SQLite does (it would follow the umask, often 0644);
    SQLite gives its -wal and -shm files the database file's mode."""
    path = Path(settings.resolved_database_url.removeprefix("sqlite://"))
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)


async def connect(settings: Settings) -> None:
    config = tortoise_config(settings)
    if settings.is_sqlite:
        owner_only_sqlite_file(settings)
    await Tortoise.init(config=config, _enable_global_fallback=True)


async def disconnect() -> None:
    await Tortoise.close_connections()


def _executor(settings: Settings) -> MigrationExecutor:
    config = tortoise_config(settings)
    return MigrationExecutor(get_connection("default"), config["apps"])


async def pending_migrations(settings: Settings) -> list[str]:
    """Names of the migrations not yet applied (needs an initialised connection)."""
    steps = await _executor(settings).plan()
    return [step.migration.name for step in steps if not step.backward]


async def migrate(settings: Settings) -> list[str]:
    """Apply every pending migration; returns the names applied (none on a second run)."""
    applied: list[str] = []

    def progress(event: str, _app: str, name: str) -> None:
        if event == "apply_done":
            applied.append(name)

    await _executor(settings).migrate(progress=progress)
    return applied


async def require_migrated(settings: Settings) -> None:
    pending = await pending_migrations(settings)
    if pending:
        raise UnmigratedDatabaseError(
            f"the database lacks {len(pending)} migration(s) ({', '.join(pending)}); "
            "run `pixvault migrate` first"
        )


@dataclass(frozen=True)
class ModelChanges:
    names: list[str]


async def unmigrated_model_changes(settings: Settings, *, write: bool = False) -> ModelChanges:
    """Model changes that no migration on disk holds; with ``write`` they become a migration."""
    config = tortoise_config(settings)
    apps = Tortoise.apps
    assert apps is not None, "connect() first"
    detector = MigrationAutodetector(apps, config["apps"])
    writers = await detector.changes()
    if write:
        for writer in writers:
            writer.write()
    return ModelChanges(names=[w.name for w in writers])
