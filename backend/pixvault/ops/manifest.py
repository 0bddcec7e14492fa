"""A backup's checksum manifest: ``SHA256SUMS`` in sha256sum's own format, so that
``sha256sum -c SHA256SUMS`` checks a backup without Pixvault, and ``manifest.json`` naming what
the backup holds."""

from __future__ import annotations

import hashlib
from pathlib import Path

SUMS = "SHA256SUMS"
MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 1024 * 1024


class BackupError(RuntimeError):
    """A backup or restore that cannot go on; the message says why and what to do."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_sums(root: Path, sums: dict[str, str]) -> None:
    lines = [f"{digest}  {name}\n" for name, digest in sorted(sums.items())]
    (root / SUMS).write_text("".join(lines))


def read_sums(root: Path) -> dict[str, str]:
    path = root / SUMS
    if not path.is_file():
        raise BackupError(f"{root} is not a Pixvault backup: it has no {SUMS}")
    sums: dict[str, str] = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name or name.startswith("/") or ".." in name:
            raise BackupError(f"{SUMS} line {number} is damaged")
        sums[name] = digest
    return sums
