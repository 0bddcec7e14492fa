"""`pixvault backup DEST`: a consistent snapshot of the database, the stored files (or, on S3,
a listing of the bucket's objects), the erasure journal and the processors register, with a
SHA256SUMS manifest. The secret key is named, and copied only with ``include_secret``.

The database is snapshotted first (SQLite's online backup API, or pg_dump, each a consistent
view while the service keeps running); stored files are copied after it, so every file the
snapshot refers to is there, except one erased in between, which a restore must not bring back.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import anyio

from pixvault.core.clock import now
from pixvault.core.settings import SECRET_FILE_NAME, Settings
from pixvault.ops import postgres
from pixvault.ops.manifest import (
    FORMAT,
    MANIFEST,
    SUMS,
    BackupError,
    sha256_file,
    write_sums,
)
from pixvault.ops.progress import Progress
from pixvault.storage import LocalStorage, make_storage

SQLITE_FILE = "database.sqlite3"
PG_DUMP_FILE = "database.pgdump"
STORAGE_DIR = "storage"
S3_LISTING = "storage-listing.json"
JOURNAL_FILE = "erasure-journal.jsonl"
PROCESSORS_FILE = "processors.toml"
SECRET_FILE = "secret_key"


@dataclass
class BackupResult:
    destination: Path
    files: int
    bytes: int
    notes: list[str] = field(default_factory=list)


def _prepare_destination(dest: Path) -> None:
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} exists and is not an empty directory; name a new one")
    dest.mkdir(parents=True, exist_ok=True, mode=0o700)


def _sqlite_backup(source: Path, target: Path) -> None:
    if not source.is_file():
        raise BackupError(f"no database at {source}; run `pixvault migrate` first")
    progress = Progress("database", 100)

    def step(status: int, remaining: int, total: int) -> None:
        progress.reach(100 * (total - remaining) // max(total, 1))

    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        # Online and consistent: the service keeps writing meanwhile, and a write by another
        # connection between two steps makes SQLite start the copy over.
        src.backup(dst, pages=256, progress=step)
    finally:
        dst.close()
        src.close()
        progress.finish()


async def _pg_dump(settings: Settings, target: Path) -> None:
    major = await postgres.server_major(settings)
    url, env = postgres.client_target(settings)
    args = [
        postgres.binary(settings, "pg_dump", major),
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        f"--file={target}",
        f"--dbname={url}",
    ]
    await anyio.to_thread.run_sync(postgres.run, args, env, "pg_dump")


def _storage_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    # Skip half-written objects (LocalStorage writes to .incoming-* and renames into place).
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".incoming-"))


def _copy_storage(root: Path, dest: Path, sums: dict[str, str], notes: list[str]) -> int:
    files = _storage_files(root)
    total = 0
    for path in files:
        with contextlib.suppress(FileNotFoundError):
            total += path.stat().st_size
    progress = Progress("files   ", total)
    copied = 0
    for path in files:
        relative = path.relative_to(root).as_posix()
        target = dest / STORAGE_DIR / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(path, target)
        except FileNotFoundError:
            # Deleted since listed (an erasure, housekeeping): it must stay gone.
            notes.append(f"skipped {relative}: deleted during the backup")
            continue
        os.chmod(target, 0o600)
        sums[f"{STORAGE_DIR}/{relative}"] = sha256_file(target)
        copied += 1
        progress.advance(target.stat().st_size)
    progress.finish()
    return copied


def _s3_listing(settings: Settings) -> list[dict[str, Any]]:
    from pixvault.storage.s3 import S3Storage

    storage = make_storage(settings)
    assert isinstance(storage, S3Storage)
    listing: list[dict[str, Any]] = []
    pages = storage.client.get_paginator("list_objects_v2").paginate(
        Bucket=storage.bucket, Prefix=storage.prefix
    )
    for page in pages:
        for item in page.get("Contents", []):
            listing.append(
                {
                    "key": item["Key"][len(storage.prefix) :],
                    "size": int(item["Size"]),
                    "etag": str(item.get("ETag", "")).strip('"'),
                    "last_modified": item["LastModified"].isoformat(),
                }
            )
    return listing


def _secret_source(settings: Settings) -> str:
    """Where the secret key comes from, to name it in the manifest."""
    file = settings.data_dir / SECRET_FILE_NAME
    if settings.generated_secret and file.is_file():
        return str(file.resolve())
    return "the PIXVAULT_SECRET_KEY setting"


async def backup(settings: Settings, dest: Path, *, include_secret: bool = False) -> BackupResult:
    _prepare_destination(dest)
    try:
        return await _write(settings, dest, include_secret=include_secret)
    except BaseException:
        _empty(dest)
        raise


def _empty(dest: Path) -> None:
    """Half a backup must not pass for one: DEST was empty, so empty it again."""
    for child in list(dest.iterdir()):
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


async def _write(settings: Settings, dest: Path, *, include_secret: bool) -> BackupResult:
    sums: dict[str, str] = {}
    notes: list[str] = []
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "pixvault_version": version("pixvault"),
        "created_at": now().isoformat(),
    }

    sqlite_path = settings.sqlite_path
    if sqlite_path is not None:
        await anyio.to_thread.run_sync(_sqlite_backup, sqlite_path, dest / SQLITE_FILE)
        manifest["database"] = {"kind": "sqlite", "file": SQLITE_FILE}
        sums[SQLITE_FILE] = sha256_file(dest / SQLITE_FILE)
    else:
        await _pg_dump(settings, dest / PG_DUMP_FILE)
        manifest["database"] = {"kind": "postgresql", "file": PG_DUMP_FILE, "format": "custom"}
        sums[PG_DUMP_FILE] = sha256_file(dest / PG_DUMP_FILE)

    storage = make_storage(settings)
    try:
        if isinstance(storage, LocalStorage):
            count = await anyio.to_thread.run_sync(_copy_storage, storage.root, dest, sums, notes)
            manifest["storage"] = {"kind": "files", "directory": STORAGE_DIR, "files": count}
        else:
            listing = await anyio.to_thread.run_sync(_s3_listing, settings)
            (dest / S3_LISTING).write_text(json.dumps(listing, indent=1))
            sums[S3_LISTING] = sha256_file(dest / S3_LISTING)
            manifest["storage"] = {
                "kind": "s3-listing",
                "file": S3_LISTING,
                "objects": len(listing),
            }
            notes.append(
                f"the {len(listing)} S3 objects are listed, not copied: back the bucket up with "
                "its own versioning or replication"
            )
    finally:
        await storage.close()

    journal = settings.erasure_journal_path
    if journal.is_file():
        shutil.copyfile(journal, dest / JOURNAL_FILE)
        sums[JOURNAL_FILE] = sha256_file(dest / JOURNAL_FILE)
        manifest["erasure_journal"] = {"source": str(journal.resolve()), "file": JOURNAL_FILE}
    else:
        manifest["erasure_journal"] = {"source": str(journal.resolve()), "file": None}

    if settings.processors_file is not None:
        shutil.copyfile(settings.processors_file, dest / PROCESSORS_FILE)
        sums[PROCESSORS_FILE] = sha256_file(dest / PROCESSORS_FILE)
        manifest["processors_file"] = {
            "source": str(settings.processors_file.resolve()),
            "file": PROCESSORS_FILE,
        }
    else:
        manifest["processors_file"] = {"source": "shipped with the code", "file": None}

    source = _secret_source(settings)
    if include_secret and settings.secret_key:
        target = dest / SECRET_FILE
        target.touch(mode=0o600)
        target.write_text(settings.secret_key)
        sums[SECRET_FILE] = sha256_file(target)
        manifest["secret_key"] = {"source": source, "file": SECRET_FILE}
    else:
        manifest["secret_key"] = {"source": source, "file": None}
        notes.append(
            f"the secret key ({source}) was not copied; keep it safe apart from backups, "
            "or pass --include-secret"
        )

    (dest / MANIFEST).write_text(json.dumps(manifest, indent=2))
    sums[MANIFEST] = sha256_file(dest / MANIFEST)
    write_sums(dest, sums)
    for name in [*sums, SUMS]:
        os.chmod(dest / name, 0o600)
    size = sum((dest / name).stat().st_size for name in sums)
    return BackupResult(destination=dest, files=len(sums), bytes=size, notes=notes)
