"""The storage interface every backend implements."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

CHUNK_SIZE = 256 * 1024
#: Objects up to this size are read whole when opened: one round trip (or thread hop) instead
#: of one per chunk. Thumbnails and most renditions are this small.
SMALL_OBJECT = 512 * 1024

#: Keys are built by Pixvault, never taken from users: lower-case words, digits and a few
#: separators, with no empty, dot or dot-dot segment.
_KEY = re.compile(r"^[a-z0-9][a-z0-9._=-]*(/[a-z0-9][a-z0-9._=-]*)*$")


class InvalidKeyError(ValueError):
    pass


class StorageUnavailableError(RuntimeError):
    """The storage backend failed (unreachable, refusing, out of space). Its message is
    deliberately plain: the backend's own words, endpoint and keys go to the log only, never
    to a client, which gets a 503 SERVICE_UNAVAILABLE (or a UserError on uploads)."""

    def __init__(self) -> None:
        super().__init__("the storage backend is unavailable")


def check_key(key: str) -> str:
    if not _KEY.fullmatch(key) or ".." in key:
        raise InvalidKeyError(f"not a storage key: {key!r}")
    return key


@dataclass
class StoredObject:
    """An object opened for reading. ``data`` holds it whole when it is small (see
    SMALL_OBJECT); otherwise ``chunks`` streams it and ``path`` names its local file, if any."""

    key: str
    size: int
    chunks: AsyncIterator[bytes]
    path: Path | None = None
    data: bytes | None = None

    async def read(self) -> bytes:
        if self.data is not None:
            return self.data
        return b"".join([chunk async for chunk in self.chunks])


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


def small_object(key: str, data: bytes, path: Path | None = None) -> StoredObject:
    return StoredObject(key=key, size=len(data), chunks=_once(data), path=path, data=data)


class Storage(Protocol):
    async def put_file(self, key: str, path: Path, content_type: str) -> None:
        """Store the file's bytes under ``key``. The file is consumed: moved or deleted."""
        ...

    async def put_bytes(self, key: str, data: bytes, content_type: str) -> None: ...

    async def open(self, key: str) -> StoredObject | None:
        """The object for streaming, or None when there is none."""
        ...

    async def fetch_to(self, key: str, path: Path) -> bool:
        """Copy the object into a local file (for decoders that need one); False if absent."""
        ...

    def local_path(self, key: str) -> Path | None:
        """The object's own file when the backend keeps files locally, else None."""
        ...

    async def exists(self, key: str) -> bool: ...

    async def delete(self, key: str) -> None:
        """Delete one object; deleting a missing one is not an error."""
        ...

    async def delete_prefix(self, prefix: str) -> int:
        """Delete every object whose key starts with ``prefix`` (a folder, ending in /)."""
        ...

    async def close(self) -> None: ...
