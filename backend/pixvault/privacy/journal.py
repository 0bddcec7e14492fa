"""The erasure journal: an append-only file of the erasures the service has started.

A restore brings the database back to the moment of its backup, which would bring back people
erased since. The journal lives outside the database (PIXVAULT_ERASURE_JOURNAL, by default in
DATA_DIR) and `pixvault restore` replays it. It holds ids only, one JSON object a line: the
erased user's id and the request's id (which becomes the erasure certificate's), never an email
or a name, so it is not itself personal data that would need erasing.

An entry is written before the erasure runs (write-ahead): a crash between the two leaves an
entry whose erasure a retry, or a replay, completes; never an erasure without an entry.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from uuid import UUID


@dataclass(frozen=True)
class JournalEntry:
    user_id: str
    request_id: str
    at: str

    def line(self) -> str:
        return json.dumps({"user_id": self.user_id, "request_id": self.request_id, "at": self.at})


class JournalError(ValueError):
    """A journal line that is not an entry (a damaged or foreign file)."""


def append(path: Path, user_id: str, request_id: str, at: datetime) -> None:
    """Append one entry and flush it to disk before the erasure it announces runs."""
    entry = JournalEntry(str(UUID(user_id)), str(UUID(request_id)), at.isoformat())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        # One write of one line: appends from several processes never interleave.
        os.write(fd, (entry.line() + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def read(path: Path) -> list[JournalEntry]:
    """Every entry of the journal at ``path`` (none when it does not exist)."""
    if not path.exists():
        return []
    entries = []
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
            entries.append(
                JournalEntry(
                    str(UUID(item["user_id"])), str(UUID(item["request_id"])), str(item["at"])
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise JournalError(f"{path}: line {number} is not a journal entry") from error
    return entries


def merge(*journals: Iterable[JournalEntry]) -> list[JournalEntry]:
    """The entries of several journals, each request once, in the order first seen."""
    seen: dict[str, JournalEntry] = {}
    for journal in journals:
        for entry in journal:
            seen.setdefault(entry.request_id, entry)
    return list(seen.values())
