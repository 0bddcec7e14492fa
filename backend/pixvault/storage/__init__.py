"""Where asset bytes live: one interface, a local-filesystem backend and an S3-compatible one.

PIXVAULT_STORAGE_URL picks the backend: unset or ``file://`` (files under DATA_DIR/storage, or
under the path given), or ``s3://bucket/prefix`` with PIXVAULT_S3_* for endpoint and credentials.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from pixvault.core.settings import Settings
from pixvault.storage.base import Storage, StorageUnavailableError, StoredObject
from pixvault.storage.local import LocalStorage

__all__ = ["LocalStorage", "Storage", "StorageUnavailableError", "StoredObject", "make_storage"]


def make_storage(settings: Settings) -> Storage:
    url = settings.storage_url
    if not url:
        return LocalStorage(settings.data_dir / "storage")
    parts = urlsplit(url)
    if parts.scheme == "file":
        path = unquote(parts.netloc + parts.path)
        return LocalStorage(Path(path) if path else settings.data_dir / "storage")
    if parts.scheme == "s3":
        from pixvault.storage.s3 import S3Storage

        return S3Storage(
            bucket=parts.netloc,
            prefix=parts.path.strip("/"),
            endpoint_url=settings.s3_endpoint_url,
            access_key_id=settings.s3_access_key_id,
            secret_access_key=settings.s3_secret_access_key,
            region=settings.s3_region,
        )
    raise ValueError(f"PIXVAULT_STORAGE_URL must be file:// or s3://, not {parts.scheme}://")
