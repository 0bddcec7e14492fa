"""The default backend: files under one directory (DATA_DIR/storage unless configured).

Writes go to a temporary file in the same directory first and are renamed into place, so a
reader never sees half an object.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import anyio

from pixvault.storage.base import (
    CHUNK_SIZE,
    SMALL_OBJECT,
    StorageUnavailableError,
    StoredObject,
    check_key,
    small_object,
)

log = logging.getLogger("pixvault.storage")


async def _writing(work: Callable[[], None]) -> None:
    """A write in a worker thread; a full or read-only disk becomes StorageUnavailableError."""
    try:
        await anyio.to_thread.run_sync(work)
    except OSError as error:
        log.warning("storage write failed: %s", error)
        raise StorageUnavailableError from error


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def local_path(self, key: str) -> Path | None:
        return self._path(key)

    def _temp_beside(self, target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        os.close(fd)
        return Path(name)

    def _adopt(self, target: Path, source: Path) -> None:
        temp = self._temp_beside(target)
        try:
            try:
                os.replace(source, temp)
            except OSError:  # another filesystem: copy, then drop the source
                shutil.copyfile(source, temp)
                source.unlink(missing_ok=True)
            os.chmod(temp, 0o600)
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)

    def _write(self, target: Path, data: bytes) -> None:
        temp = self._temp_beside(target)
        try:
            temp.write_bytes(data)
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)

    async def put_file(self, key: str, path: Path, content_type: str) -> None:
        target = self._path(key)
        await _writing(lambda: self._adopt(target, path))

    async def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        target = self._path(key)
        await _writing(lambda: self._write(target, data))

    async def open(self, key: str) -> StoredObject | None:
        path = self._path(key)

        def look() -> tuple[int, bytes | None] | None:
            try:
                with path.open("rb") as handle:
                    size = os.fstat(handle.fileno()).st_size
                    return size, handle.read() if size <= SMALL_OBJECT else None
            except FileNotFoundError:
                return None

        found = await anyio.to_thread.run_sync(look)
        if found is None:
            return None
        size, data = found
        if data is not None:
            return small_object(key, data, path)

        async def chunks() -> AsyncIterator[bytes]:
            async with await anyio.open_file(path, "rb") as handle:
                while chunk := await handle.read(CHUNK_SIZE):
                    yield chunk

        return StoredObject(key=key, size=size, chunks=chunks(), path=path)

    async def fetch_to(self, key: str, path: Path) -> bool:
        source = self._path(key)

        def copy() -> bool:
            try:
                shutil.copyfile(source, path)
            except FileNotFoundError:
                return False
            return True

        return await anyio.to_thread.run_sync(copy)

    async def exists(self, key: str) -> bool:
        return await anyio.to_thread.run_sync(self._path(key).is_file)

    async def delete(self, key: str) -> None:
        await anyio.to_thread.run_sync(lambda: self._path(key).unlink(missing_ok=True))

    async def delete_prefix(self, prefix: str) -> int:
        folder = self._path(prefix.rstrip("/"))

        def remove() -> int:
            if not folder.is_dir():
                return 0
            count = sum(1 for p in folder.rglob("*") if p.is_file())
            shutil.rmtree(folder, ignore_errors=True)
            return count

        return await anyio.to_thread.run_sync(remove)

    async def close(self) -> None:
        return None
