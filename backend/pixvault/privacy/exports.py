"""Building an access export and offering it through a signed, expiring link."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pixvault.assets.library import OriginalFile, originals_of
from pixvault.core.authority import complaint_line
from pixvault.core.clock import now
from pixvault.core.controller import export_statement
from pixvault.core.settings import Settings
from pixvault.privacy import guests
from pixvault.privacy.categories import describe
from pixvault.privacy.export_archive import write_archive
from pixvault.privacy.export_data import collect
from pixvault.privacy.models import DataSubjectRequest
from pixvault.privacy.signing import sign
from pixvault.records.disclosures import disclosures_for
from pixvault.records.processors import processor_register
from pixvault.storage import Storage

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

EXPORT_LIFETIME = timedelta(days=7)
CHUNK = 1024 * 1024
ORIGINALS_README = (
    "- images/      your original uploads, exactly as you uploaded them (location data included).\n"
)


def export_key(request_id: str) -> str:
    """Where an export lives in the storage backend (filesystem or S3)."""
    return f"exports/{request_id}.zip"


def work_dir(settings: Settings) -> Path:
    """Where an export is written before it goes to storage."""
    return settings.data_dir / "tmp" / "exports"


#: A leftover in the work folder untouched this long belongs to a run that died (a killed
#: worker): a live export keeps appending to its ``.part`` file, and no export runs for a day.
LEFTOVER_AFTER = timedelta(days=1)


def sweep_leftovers(settings: Settings, older_than: timedelta = LEFTOVER_AFTER) -> int:
    """Delete what dead export runs left in the work folder (half-written ``.part`` archives,
    temporary folders holding a fetched original); returns how many entries went.

    Such files hold a person's data outside the storage the erasure cleans, so they must not
    linger. The retried run writes a new archive of its own.
    """
    folder = work_dir(settings)
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for entry in folder.iterdir():
        try:
            if entry.lstat().st_mtime > cutoff:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except FileNotFoundError:
            continue
        removed += 1
    return removed


async def recipients(settings: Settings, user_id: str | None) -> dict[str, list[dict[str, Any]]]:
    """Who the data went to: the service providers, and any disclosure to a third party."""
    register = processor_register(settings)
    return {
        f"processors (register version {register.version})": [
            asdict(p) | {"data_categories": list(p.data_categories)} for p in register.processors
        ],
        "disclosures": [
            {
                "recipient": d.recipient,
                "legal_basis": d.legal_basis,
                "data_categories": list(d.data_categories),
                "reference": d.reference,
                "disclosed_at": d.disclosed_at.isoformat(),
            }
            for d in (await disclosures_for(user_id) if user_id else [])
        ],
    }


async def build_export(runtime: Runtime, request: DataSubjectRequest) -> str:
    """Write the subject's export (records, recipients and original uploads) and put it in
    storage; returns its storage key."""
    settings = runtime.settings
    document: dict[str, Any] = {
        "generated_at": now().isoformat(),
        "request": {"id": str(request.id), "received_at": request.received_at.isoformat()},
    }
    originals: list[OriginalFile] = []
    if request.subject_id is None:  # type: ignore[attr-defined]
        # Someone without an account: what their email and visitor id are found in.
        document["sections"] = await guests.collect(request)
        document["recipients"] = await recipients(settings, None)
    else:
        user_id = str(request.subject_id)  # type: ignore[attr-defined]
        document["sections"] = await collect(user_id)
        document["recipients"] = await recipients(settings, user_id)
        originals = await originals_of(user_id)
    for name, section in document["sections"].items():
        section.update(describe(settings, name, section.get("retention")))
    document.update(export_statement(settings))
    target = work_dir(settings) / f"{request.id}.zip"
    loop = asyncio.get_running_loop()
    readme = f"{ORIGINALS_README}\nTo complain: {complaint_line(settings)}\n"
    await asyncio.to_thread(
        _write_atomically, target, document, runtime.storage, originals, loop, readme
    )
    key = export_key(str(request.id))
    await runtime.storage.put_file(key, target, "application/zip")  # consumes the file
    return key


def _original_chunks(
    storage: Storage, key: str, workdir: Path, loop: asyncio.AbstractEventLoop
) -> Iterator[bytes]:
    """An original's bytes, read from its own file, or fetched one at a time from S3."""
    path = storage.local_path(key)
    fetched: Path | None = None
    if path is None:
        fetched = workdir / "original"
        if not asyncio.run_coroutine_threadsafe(storage.fetch_to(key, fetched), loop).result():
            return
        path = fetched
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk
    finally:
        if fetched is not None:
            fetched.unlink(missing_ok=True)


def _write_atomically(
    target: Path,
    document: dict[str, Any],
    storage: Storage,
    originals: list[OriginalFile],
    loop: asyncio.AbstractEventLoop,
    readme: str,
) -> None:
    """Write beside the target and rename, so a half-written export is never offered."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as tmp:
        partial = Path(tmp.name)
    with tempfile.TemporaryDirectory(dir=target.parent) as workdir:
        files = ((o.name, _original_chunks(storage, o.key, Path(workdir), loop)) for o in originals)
        try:
            write_archive(partial, document, files, readme)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)


def export_url(settings: Settings, request: DataSubjectRequest) -> str | None:
    expires_at = request.export_expires_at
    if request.export_key is None or expires_at is None or expires_at <= now():
        return None
    path = f"/exports/{request.id}"
    expires = int(expires_at.timestamp())
    signature = sign(settings.ensure_secret(), path, expires)
    return f"{settings.public_url}{path}?expires={expires}&signature={signature}"
