"""The storage interface, the same behaviour from the filesystem and from S3 (moto's server)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from pixvault.core.settings import Settings
from pixvault.storage import LocalStorage, Storage, make_storage
from pixvault.storage.base import InvalidKeyError
from pixvault.storage.s3 import S3Storage
from tests.servers import S3Server, moto_s3


@pytest.fixture(scope="module")
def s3_server() -> Iterator[S3Server]:
    with moto_s3() as server:
        yield server


@pytest.fixture(params=["local", "s3"])
async def storage(
    request: pytest.FixtureRequest, tmp_path: Path, s3_server: S3Server
) -> AsyncIterator[Storage]:
    backend: Storage
    if request.param == "local":
        backend = LocalStorage(tmp_path / "store")
    else:
        backend = s3_server.storage(s3_server.new_bucket(), prefix="tenant")
    yield backend
    await backend.close()


def big_file(tmp_path: Path, size: int) -> tuple[Path, bytes]:
    data = os.urandom(size)
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    return path, data


async def test_put_file_stores_the_bytes_and_consumes_the_file(
    storage: Storage, tmp_path: Path
) -> None:
    # Larger than one streaming chunk and than boto3's multipart threshold (8 MB).
    path, data = big_file(tmp_path, 9 * 1024 * 1024 + 17)
    await storage.put_file("users/u1/originals/abc", path, "image/jpeg")
    assert not path.exists()
    opened = await storage.open("users/u1/originals/abc")
    assert opened is not None
    assert opened.size == len(data)
    assert opened.data is None
    chunks = [chunk async for chunk in opened.chunks]
    assert len(chunks) > 1, "read in chunks, not whole"
    assert b"".join(chunks) == data


async def test_put_bytes_open_exists_and_fetch_to(storage: Storage, tmp_path: Path) -> None:
    assert await storage.open("a/b") is None
    assert not await storage.exists("a/b")
    await storage.put_bytes("a/b", b"hello", "text/plain")
    assert await storage.exists("a/b")
    opened = await storage.open("a/b")
    assert opened is not None and await opened.read() == b"hello"
    assert opened.data == b"hello", "small objects come whole, in one round trip"
    target = tmp_path / "copy"
    assert await storage.fetch_to("a/b", target)
    assert target.read_bytes() == b"hello"
    assert not await storage.fetch_to("a/missing", tmp_path / "nothing")


async def test_put_replaces_an_existing_object(storage: Storage) -> None:
    await storage.put_bytes("k/v", b"one", "text/plain")
    await storage.put_bytes("k/v", b"two!", "text/plain")
    opened = await storage.open("k/v")
    assert opened is not None and opened.size == 4 and await opened.read() == b"two!"


async def test_delete_and_delete_prefix(storage: Storage) -> None:
    for key in ("r/a1/x.webp", "r/a1/y.jpeg", "r/a1/sub/z.png", "r/a10/keep.webp", "r/b/keep"):
        await storage.put_bytes(key, b"data", "application/octet-stream")
    assert await storage.delete_prefix("r/a1/") == 3
    for key in ("r/a1/x.webp", "r/a1/y.jpeg", "r/a1/sub/z.png"):
        assert not await storage.exists(key)
    assert await storage.exists("r/a10/keep.webp"), "a prefix is a folder, not a string prefix"
    assert await storage.exists("r/b/keep")
    await storage.delete("r/b/keep")
    await storage.delete("r/b/keep")  # deleting twice is fine
    assert not await storage.exists("r/b/keep")
    assert await storage.delete_prefix("r/none/") == 0


async def test_keys_that_could_escape_are_refused(storage: Storage) -> None:
    for key in ("../etc/passwd", "a/../../b", "/abs", "a//b", "A/B", "a/.x", "a/b/", ""):
        with pytest.raises(InvalidKeyError):
            await storage.put_bytes(key, b"x", "text/plain")
        with pytest.raises(InvalidKeyError):
            await storage.open(key)


async def test_local_files_stay_under_the_root(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "root")
    await storage.put_bytes("users/u/o/1", b"x", "text/plain")
    assert (tmp_path / "root" / "users" / "u" / "o" / "1").read_bytes() == b"x"
    assert storage.local_path("users/u/o/1") == (tmp_path / "root" / "users/u/o/1").resolve()


async def test_s3_keys_live_under_the_configured_prefix(s3_server: S3Server) -> None:
    bucket = s3_server.new_bucket()
    storage = s3_server.storage(bucket, prefix="tenant/one")
    await storage.put_bytes("users/u/o/1", b"x", "text/plain")
    listed = storage.client.list_objects_v2(Bucket=bucket)["Contents"]
    assert [item["Key"] for item in listed] == ["tenant/one/users/u/o/1"]
    assert storage.local_path("users/u/o/1") is None
    await storage.close()


def test_storage_url_picks_the_backend(tmp_path: Path) -> None:
    default = make_storage(Settings(data_dir=tmp_path))
    assert isinstance(default, LocalStorage) and default.root == (tmp_path / "storage").resolve()
    chosen = make_storage(Settings(data_dir=tmp_path, storage_url=f"file://{tmp_path}/elsewhere"))
    assert isinstance(chosen, LocalStorage) and chosen.root == (tmp_path / "elsewhere").resolve()
    s3 = make_storage(
        Settings(
            data_dir=tmp_path,
            storage_url="s3://my-bucket/some/prefix",
            s3_endpoint_url="http://127.0.0.1:9",
            s3_access_key_id="k",
            s3_secret_access_key="s",
        )
    )
    assert isinstance(s3, S3Storage)
    assert (s3.bucket, s3.prefix) == ("my-bucket", "some/prefix/")
    with pytest.raises(ValueError, match="file:// or s3://"):
        make_storage(Settings(data_dir=tmp_path, storage_url="ftp://x"))
