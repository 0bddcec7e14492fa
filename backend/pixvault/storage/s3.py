"""An S3-compatible backend (AWS S3, MinIO, Ceph, moto in tests) through boto3.

boto3 is synchronous, so every call runs in a worker thread; uploads of files go through
boto3's managed transfer, which sends large files in parts instead of reading them whole.
Any failure other than a missing object (endpoint unreachable, access denied, no bucket) is
logged here with boto's own words and raised as StorageUnavailableError, which says nothing of
the endpoint, bucket or key.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio
import boto3
from boto3.exceptions import Boto3Error
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from pixvault.storage.base import (
    CHUNK_SIZE,
    SMALL_OBJECT,
    StorageUnavailableError,
    StoredObject,
    check_key,
    small_object,
)

log = logging.getLogger("pixvault.storage")

_MISSING = {"404", "NoSuchKey", "NotFound"}
#: An endpoint that does not answer within this many seconds counts as unavailable.
CONNECT_TIMEOUT_SECONDS = 5
T = TypeVar("T")


def _is_missing(error: ClientError) -> bool:
    return str(error.response.get("Error", {}).get("Code")) in _MISSING


class S3Storage:
    def __init__(
        self,
        *,
        bucket: str,
        prefix: str = "",
        endpoint_url: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        region: str = "us-east-1",
    ) -> None:
        self.bucket = bucket
        self.prefix = f"{prefix}/" if prefix else ""
        self.client: Any = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint_url,
            aws_access_key_id=access_key_id,
            aws_secret_access_key=secret_access_key,
            region_name=region,
            config=Config(
                retries={"max_attempts": 3, "mode": "standard"},
                connect_timeout=CONNECT_TIMEOUT_SECONDS,
            ),
        )

    def _key(self, key: str) -> str:
        return self.prefix + check_key(key)

    async def _run(self, operation: str, call: Callable[[], T]) -> T:
        """``call`` in a worker thread; a backend failure becomes StorageUnavailableError."""
        try:
            return await anyio.to_thread.run_sync(call)
        except (BotoCoreError, Boto3Error, ClientError) as error:
            log.warning("S3 %s failed: %s: %s", operation, type(error).__name__, error)
            raise StorageUnavailableError from error

    def local_path(self, key: str) -> Path | None:
        return None

    async def put_file(self, key: str, path: Path, content_type: str) -> None:
        def upload() -> None:
            try:
                self.client.upload_file(
                    str(path), self.bucket, self._key(key), ExtraArgs={"ContentType": content_type}
                )
            finally:
                path.unlink(missing_ok=True)

        await self._run("upload", upload)

    async def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        await self._run(
            "put",
            lambda: self.client.put_object(
                Bucket=self.bucket, Key=self._key(key), Body=data, ContentType=content_type
            ),
        )

    async def open(self, key: str) -> StoredObject | None:
        def get() -> tuple[Any, bytes | None] | None:
            try:
                response = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
            except ClientError as error:
                if _is_missing(error):
                    return None
                raise
            if int(response["ContentLength"]) <= SMALL_OBJECT:
                with response["Body"] as body:
                    return response, body.read()
            return response, None

        found = await self._run("get", get)
        if found is None:
            return None
        response, data = found
        if data is not None:
            return small_object(key, data)
        body = response["Body"]

        async def chunks() -> AsyncIterator[bytes]:
            try:
                while chunk := await anyio.to_thread.run_sync(body.read, CHUNK_SIZE):
                    yield chunk
            finally:
                body.close()

        return StoredObject(key=key, size=int(response["ContentLength"]), chunks=chunks())

    async def fetch_to(self, key: str, path: Path) -> bool:
        def download() -> bool:
            try:
                self.client.download_file(self.bucket, self._key(key), str(path))
            except ClientError as error:
                if _is_missing(error):
                    return False
                raise
            return True

        return await self._run("download", download)

    async def exists(self, key: str) -> bool:
        def head() -> bool:
            try:
                self.client.head_object(Bucket=self.bucket, Key=self._key(key))
            except ClientError as error:
                if _is_missing(error):
                    return False
                raise
            return True

        return await self._run("head", head)

    async def delete(self, key: str) -> None:
        await self._run(
            "delete", lambda: self.client.delete_object(Bucket=self.bucket, Key=self._key(key))
        )

    async def delete_prefix(self, prefix: str) -> int:
        full = self.prefix + check_key(prefix.rstrip("/")) + "/"

        def remove() -> int:
            count = 0
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=full
            )
            for page in pages:
                keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
                if keys:
                    # list_objects_v2 pages hold at most 1,000 keys, delete_objects' limit.
                    self.client.delete_objects(
                        Bucket=self.bucket, Delete={"Objects": keys, "Quiet": True}
                    )
                    count += len(keys)
            return count

        return await self._run("delete prefix", remove)

    async def close(self) -> None:
        await anyio.to_thread.run_sync(self.client.close)
