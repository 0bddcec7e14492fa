"""pg_dump and pg_restore of the server's own major version.

pg_dump refuses a server newer than itself, and a dump is best restored by the same major
version, so the binaries are picked to match the server: Debian keeps each version's under
/usr/lib/postgresql/<major>/bin; PIXVAULT_PG_BIN_DIR names another directory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import asyncpg  # type: ignore[import-untyped]

from pixvault.core.settings import Settings
from pixvault.ops.manifest import BackupError

DEBIAN_BIN = "/usr/lib/postgresql/{major}/bin"


def libpq_url(settings: Settings) -> str:
    return settings.resolved_database_url.replace("postgres://", "postgresql://", 1)


async def _connect(settings: Settings) -> Any:
    try:
        return await asyncpg.connect(libpq_url(settings), timeout=10)
    except (OSError, TimeoutError, asyncpg.PostgresError) as error:
        parts = urlsplit(libpq_url(settings))
        where = f"{parts.hostname}:{parts.port or 5432}{parts.path}"  # never the password
        raise BackupError(f"cannot reach PostgreSQL at {where}: {error}") from error


async def server_major(settings: Settings) -> int:
    conn = await _connect(settings)
    try:
        number = int(await conn.fetchval("SHOW server_version_num"))
    finally:
        await conn.close()
    return number // 10000


async def table_count(settings: Settings) -> int:
    conn = await _connect(settings)
    try:
        return int(
            await conn.fetchval(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            )
        )
    finally:
        await conn.close()


def client_target(settings: Settings) -> tuple[str, dict[str, str]]:
    """The database URL for pg_dump/pg_restore's --dbname, and their environment: the password
    goes in PGPASSWORD, not on a command line that ps shows to everyone."""
    parts = urlsplit(libpq_url(settings))
    env = dict(os.environ)
    netloc = parts.netloc
    if parts.password is not None:
        env["PGPASSWORD"] = unquote(parts.password)
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}@{host}"
    return urlunsplit(parts._replace(netloc=netloc)), env


def binary(settings: Settings, name: str, major: int) -> str:
    """The path of ``name`` (pg_dump, pg_restore) for a server of version ``major``."""
    candidates = []
    if settings.pg_bin_dir is not None:
        candidates.append(settings.pg_bin_dir / name)
    candidates.append(Path(DEBIAN_BIN.format(major=major)) / name)
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    for candidate in candidates:
        if candidate.is_file() and _major_of(candidate) == major:
            return str(candidate)
    raise BackupError(
        f"no {name} of PostgreSQL {major} found (the server's version); install it or set "
        f"PIXVAULT_PG_BIN_DIR, e.g. PIXVAULT_PG_BIN_DIR={DEBIAN_BIN.format(major=major)}"
    )


def _major_of(path: Path) -> int | None:
    try:
        out = subprocess.run(
            [str(path), "--version"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    # "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    version = out.split(")", 1)[-1].split()
    try:
        return int(version[0].split(".")[0])
    except (IndexError, ValueError):
        return None


def run(args: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        # libpq's messages name the host and database, never the password (it is not echoed).
        detail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "no message"
        raise BackupError(f"{what} failed: {detail}")
