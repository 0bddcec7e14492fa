"""Building an access export and offering it through a signed, expiring link."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from pixvault.clock import now
from pixvault.privacy.export_archive import write_archive
from pixvault.privacy.export_data import collect
from pixvault.privacy.models import DataSubjectRequest
from pixvault.privacy.signing import sign
from pixvault.settings import Settings

EXPORT_LIFETIME = timedelta(days=7)


def export_dir(settings: Settings) -> Path:
    return settings.data_dir / "exports"


def export_path(settings: Settings, request_id: str) -> Path:
    return export_dir(settings) / f"{request_id}.zip"


async def build_export(settings: Settings, request: DataSubjectRequest) -> Path:
    """Write the subject's export; returns where it lies."""
    user_id = str(request.subject_id)  # type: ignore[attr-defined]
    document: dict[str, Any] = {
        "generated_at": now().isoformat(),
        "request": {"id": str(request.id), "received_at": request.received_at.isoformat()},
        "sections": await collect(user_id),
    }
    target = export_path(settings, str(request.id))
    await asyncio.to_thread(_write_atomically, target, document)
    return target


def _write_atomically(target: Path, document: dict[str, Any]) -> None:
    """Write beside the target and rename, so a half-written export is never offered."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as tmp:
        partial = Path(tmp.name)
    try:
        write_archive(partial, document)
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
