"""`pixvault restore SRC`: a backup into an empty data dir and database, checked first against
its SHA256SUMS, then migrated to this version's schema, then the erasure journal replayed so
that people erased after the backup (or before it, in a journal the backup holds) stay erased.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio

from pixvault import db
from pixvault.core.settings import SECRET_FILE_NAME, Settings
from pixvault.ops import postgres
from pixvault.ops.backup import (
    JOURNAL_FILE,
    PG_DUMP_FILE,
    S3_LISTING,
    SECRET_FILE,
    SQLITE_FILE,
    STORAGE_DIR,
)
from pixvault.ops.manifest import FORMAT, MANIFEST, BackupError, read_sums, sha256_file
from pixvault.ops.progress import Progress
from pixvault.privacy import journal as erasure_journal
from pixvault.storage import LocalStorage, make_storage


@dataclass
class RestoreResult:
    files: int
    replayed: int
    journal_entries: int
    notes: list[str] = field(default_factory=list)


def verify(src: Path) -> dict[str, Any]:
    """Check every file against SHA256SUMS; returns the manifest."""
    sums = read_sums(src)
    total = sum((src / name).stat().st_size for name in sums if (src / name).is_file())
    progress = Progress("verify  ", total)
    for name, digest in sums.items():
        path = src / name
        if not path.is_file():
            progress.finish()
            raise BackupError(f"the backup is incomplete: {name} is missing")
        if sha256_file(path) != digest:
            progress.finish()
            raise BackupError(f"the backup is damaged: {name} does not match its checksum")
        progress.advance(path.stat().st_size)
    progress.finish()
    if MANIFEST not in sums:
        raise BackupError(f"{src} is not a Pixvault backup: {MANIFEST} is not in its checksums")
    manifest: dict[str, Any] = json.loads((src / MANIFEST).read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')} is not one this version reads")
    return manifest


def _has_files(root: Path) -> bool:
    return root.is_dir() and any(p.is_file() for p in root.rglob("*"))


async def _check_empty(settings: Settings, manifest: dict[str, Any]) -> None:
    kind = manifest["database"]["kind"]
    sqlite_path = settings.sqlite_path
    if kind == "sqlite" and sqlite_path is None:
        raise BackupError(
            "the backup holds a SQLite database; restore it with PIXVAULT_DATABASE_URL unset"
        )
    if kind == "postgresql" and sqlite_path is not None:
        raise BackupError(
            "the backup holds a PostgreSQL dump; set PIXVAULT_DATABASE_URL to an empty "
            "PostgreSQL database, e.g. postgres://pixvault@127.0.0.1:5432/pixvault"
        )
    if _has_files(settings.data_dir):
        raise BackupError(
            f"PIXVAULT_DATA_DIR ({settings.data_dir}) is not empty; restore into an empty one"
        )
    if sqlite_path is not None and sqlite_path.exists():
        raise BackupError(f"a database already exists at {sqlite_path}; restore into a new one")
    if sqlite_path is None and await postgres.table_count(settings) > 0:
        raise BackupError("the PostgreSQL database is not empty; restore into an empty one")
    storage = make_storage(settings)
    try:
        if isinstance(storage, LocalStorage) and _has_files(storage.root):
            raise BackupError(f"the storage directory {storage.root} is not empty")
    finally:
        await storage.close()


async def _restore_database(settings: Settings, src: Path, manifest: dict[str, Any]) -> None:
    sqlite_path = settings.sqlite_path
    if sqlite_path is not None:
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        await anyio.to_thread.run_sync(shutil.copyfile, src / SQLITE_FILE, sqlite_path)
        return
    major = await postgres.server_major(settings)
    url, env = postgres.client_target(settings)
    args = [
        postgres.binary(settings, "pg_restore", major),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={url}",
        str(src / PG_DUMP_FILE),
    ]
    await anyio.to_thread.run_sync(postgres.run, args, env, "pg_restore")


def _restore_files(src: Path, root: Path) -> int:
    source = src / STORAGE_DIR
    files = [p for p in source.rglob("*") if p.is_file()] if source.is_dir() else []
    progress = Progress("files   ", sum(p.stat().st_size for p in files))
    for path in files:
        target = root / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        os.chmod(target, 0o600)
        progress.advance(path.stat().st_size)
    progress.finish()
    return len(files)


def _missing_s3_objects(settings: Settings, src: Path) -> list[str]:
    from pixvault.storage.s3 import S3Storage

    listing = json.loads((src / S3_LISTING).read_text())
    storage = make_storage(settings)
    assert isinstance(storage, S3Storage)
    present: set[str] = set()
    pages = storage.client.get_paginator("list_objects_v2").paginate(
        Bucket=storage.bucket, Prefix=storage.prefix
    )
    for page in pages:
        present.update(item["Key"][len(storage.prefix) :] for item in page.get("Contents", []))
    return [item["key"] for item in listing if item["key"] not in present]


async def _restore_storage(
    settings: Settings, src: Path, manifest: dict[str, Any], notes: list[str]
) -> int:
    storage = make_storage(settings)
    try:
        if manifest["storage"]["kind"] == "files":
            if not isinstance(storage, LocalStorage):
                raise BackupError(
                    "the backup holds stored files; restore them with PIXVAULT_STORAGE_URL "
                    "unset or file://"
                )
            return await anyio.to_thread.run_sync(_restore_files, src, storage.root)
        if isinstance(storage, LocalStorage):
            raise BackupError(
                "the backup lists S3 objects; set PIXVAULT_STORAGE_URL to the bucket, "
                "e.g. s3://bucket/prefix"
            )
        missing = await anyio.to_thread.run_sync(_missing_s3_objects, settings, src)
        if missing:
            notes.append(f"{len(missing)} object(s) the backup lists are not in the bucket")
        return 0
    finally:
        await storage.close()


def _restore_secret(settings: Settings, src: Path, notes: list[str]) -> None:
    if (src / SECRET_FILE).is_file() and not settings.secret_key:
        target = settings.data_dir / SECRET_FILE_NAME
        target.touch(mode=0o600)
        target.write_text((src / SECRET_FILE).read_text())
    elif not settings.secret_key:
        notes.append(
            "the backup holds no secret key: set PIXVAULT_SECRET_KEY to the old one, or links "
            "signed before the backup (delivery, export, unsubscribe) stop working"
        )


async def _replay(settings: Settings, entries: list[erasure_journal.JournalEntry]) -> int:
    from pixvault.privacy.erasure import erase_user
    from pixvault.privacy.models import ErasureCertificate

    done = set(
        str(r)
        for r in await ErasureCertificate.filter(
            request_id__in=[e.request_id for e in entries]
        ).values_list("request_id", flat=True)
    )
    replayed = 0
    for entry in entries:
        if entry.request_id in done:
            continue
        await erase_user(settings, entry.user_id, entry.request_id, journal=False)
        replayed += 1
    return replayed


def _merge_journals(
    settings: Settings, src: Path, journals: list[Path]
) -> list[erasure_journal.JournalEntry]:
    """Merge the backup's journal and the given ones into this data dir's journal."""
    target = settings.erasure_journal_path
    existing = erasure_journal.read(target)
    merged = erasure_journal.merge(
        existing,
        erasure_journal.read(src / JOURNAL_FILE),
        *(erasure_journal.read(path) for path in journals),
    )
    known = {e.request_id for e in existing}
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a") as handle:
        for entry in merged:
            if entry.request_id not in known:
                handle.write(entry.line() + "\n")
    os.chmod(target, 0o600)
    return merged


async def restore(settings: Settings, src: Path, journals: list[Path]) -> RestoreResult:
    for path in journals:
        if not path.is_file():
            raise BackupError(f"no erasure journal at {path}")
    manifest = await anyio.to_thread.run_sync(verify, src)
    await _check_empty(settings, manifest)
    notes: list[str] = []
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    await _restore_database(settings, src, manifest)
    files = await _restore_storage(settings, src, manifest, notes)
    _restore_secret(settings, src, notes)
    entries = _merge_journals(settings, src, journals)
    settings.ensure_secret()
    await db.connect(settings)
    try:
        applied = await db.migrate(settings)
        if applied:
            notes.append(f"applied {len(applied)} migration(s) the backup predates")
        replayed = await _replay(settings, entries)
    finally:
        await db.disconnect()
    return RestoreResult(files=files, replayed=replayed, journal_entries=len(entries), notes=notes)
