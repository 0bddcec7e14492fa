"""The .eml files of mail delivered to DATA_DIR/outbox (no PIXVAULT_SMTP_URL): one per message,
named by its Message-ID. Like a mailbox, they are what was delivered: an erasure leaves them,
and the mail purge deletes them after the outbox's RETENTION, with their rows."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from pixvault.core.settings import Settings


def delivered_path(directory: Path, message_id: str) -> Path:
    """Where a message is written; a retried message replaces its own file."""
    return directory / (message_id.strip("<>").split("@")[0] + ".eml")


async def remove_delivered(
    settings: Settings, message_ids: Iterable[str], written_before: datetime
) -> None:
    """Delete the files of these messages, and every file written before ``written_before``
    (the files of rows an erasure deleted, which no row names any more)."""
    directory = settings.outbox_dir
    paths = [delivered_path(directory, m) for m in message_ids]
    cutoff = written_before.timestamp()

    def unlink() -> None:
        if directory.is_dir():
            paths.extend(p for p in directory.glob("*.eml") if p.stat().st_mtime < cutoff)
        for path in paths:
            path.unlink(missing_ok=True)

    await asyncio.to_thread(unlink)
