"""The .eml files of mail delivered to DATA_DIR/outbox (no PIXVAULT_SMTP_URL): one per message,
named by its Message-ID, and deleted with its outbox row, when the row is purged after
RETENTION or erased with the person it was for."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path

from pixvault.settings import Settings


def delivered_path(directory: Path, message_id: str) -> Path:
    """Where a message is written; a retried message replaces its own file."""
    return directory / (message_id.strip("<>").split("@")[0] + ".eml")


async def remove_delivered(settings: Settings, message_ids: Iterable[str]) -> None:
    if settings.smtp_url:
        return  # delivered to a mail server: out of our hands
    paths = [delivered_path(settings.outbox_dir, m) for m in message_ids]

    def unlink() -> None:
        for path in paths:
            path.unlink(missing_ok=True)

    await asyncio.to_thread(unlink)
