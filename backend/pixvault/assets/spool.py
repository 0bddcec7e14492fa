"""Temporary files that uploads and imports are streamed into, hashed and measured on the way.

They live under DATA_DIR/tmp, on the same filesystem as the local storage backend, so storing
an original there is a rename rather than a copy.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from pixvault.core.errors import UserFacingError
from pixvault.core.settings import Settings

CHUNK = 1024 * 1024


def temp_dir(settings: Settings) -> Path:
    path = settings.data_dir / "tmp"
    path.mkdir(parents=True, exist_ok=True)
    return path


class Spool:
    """A temporary file being filled, with its running size and SHA-256. Blocking methods."""

    def __init__(self, directory: Path, limit: int) -> None:
        fd, name = tempfile.mkstemp(dir=directory, prefix="spool-")
        self.path = Path(name)
        self._file = os.fdopen(fd, "wb")
        self._hash = hashlib.sha256()
        self.limit = limit
        self.size = 0

    def too_large(self) -> UserFacingError:
        return UserFacingError(
            "FILE_TOO_LARGE", f"The file is larger than {self.limit:,} bytes.", "file"
        )

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            raise self.too_large()
        self._hash.update(chunk)
        self._file.write(chunk)

    def copy_from(self, source: BinaryIO) -> None:
        while chunk := source.read(CHUNK):
            self.write(chunk)
        self.finish()

    def finish(self) -> None:
        self._file.close()

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def discard(self) -> None:
        """Remove the file if nobody took it (safe to call more than once)."""
        self._file.close()
        self.path.unlink(missing_ok=True)
