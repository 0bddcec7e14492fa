"""The working copy (assets/working_copy.py): made after an upload, used for renditions that
fit inside it, made again when missing, and deleted with its original."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pyvips

from pixvault.assets.models import Asset
from pixvault.assets.working_copy import SIDE, working_key
from tests.conftest import Env, drain_jobs, gql, sign_up
from tests.media import encode, exif_blob, upload, uploaded
from tests.servers import BACKENDS, backend_env

VARIANT = """query($id: ID!, $w: Int!) {
  asset(id: $id) { variantUrl(width: $w, format: WEBP) } }"""


def big_jpeg(**kwargs: Any) -> bytes:
    """Wider than the working copy's side, cheap to make: 2600 x 200."""
    return encode(".jpg", width=2600, height=200, **kwargs)


async def copy_path(env: Env, asset_id: str) -> Path:
    row = await Asset.get(id=asset_id)
    path = env.runtime.storage.local_path(working_key(row.original_key))
    assert path is not None, "these tests run on the filesystem backend"
    return path


async def rendition(env: Env, c: httpx.AsyncClient, asset_id: str, width: int) -> Any:
    url = (await gql(c, VARIANT, {"id": asset_id, "w": width})).data["asset"]["variantUrl"]
    response = await c.get(url.removeprefix(env.settings.public_url))
    assert response.status_code == 200, response.text
    return pyvips.Image.new_from_buffer(response.content, "")


async def test_an_upload_gets_a_working_copy_without_its_metadata(env: Env) -> None:
    async with env.client() as c:
        await sign_up(c)
        asset = await uploaded(c, big_jpeg(exif=exif_blob(orientation=1)))
        await drain_jobs(env)
        small = await uploaded(c, encode(".jpg", width=300, height=200))
        await drain_jobs(env)
    copy = pyvips.Image.new_from_file(str(await copy_path(env, asset["id"])))
    assert (copy.width, copy.height) == (SIDE, 158)
    assert copy.get_typeof("exif-data") == 0, "no EXIF (and no GPS) in the working copy"
    assert not (await copy_path(env, small["id"])).exists(), "small images need none"


async def test_the_upload_stores_its_working_copy_before_it_answers(env: Env) -> None:
    # No job is drained: the copy is made from the decode that proves the upload readable.
    async with env.client() as c:
        await sign_up(c)
        asset = await uploaded(c, big_jpeg())
        path = await copy_path(env, asset["id"])
        assert path.is_file(), "stored with the original, before the answer"
        copy = pyvips.Image.new_from_file(str(path))
        assert (copy.width, copy.height) == (SIDE, 158)
        assert await env.runtime.jobs.depth() == 0, "no job was queued for it"


async def test_a_large_image_that_does_not_decode_is_refused_and_nothing_is_stored(
    env: Env,
) -> None:
    # A 3000 x 200 WebP (it would get a copy) cut in half: its header reads, its pixels do not
    # decode. The copy's decode is the readability proof and refuses it as the small one did.
    truncated = encode(".webp", width=3000, height=200)
    truncated = truncated[: len(truncated) // 2]
    storage = env.runtime.storage.local_path("users")
    assert storage is not None

    def files() -> set[Path]:
        return {p for p in storage.rglob("*") if p.is_file()}

    async with env.client() as c:
        await sign_up(c)
        assets, stored = await Asset.all().count(), files()
        result = await upload(c, truncated, filename="x.webp", content_type="image/webp")
    payload = result.data["uploadAsset"]
    assert payload["asset"] is None
    assert [e["code"] for e in payload["errors"]] == ["UNREADABLE_IMAGE"]
    assert await Asset.all().count() == assets
    assert files() == stored, "no original, no copy"


async def test_renditions_that_fit_come_from_the_working_copy_larger_from_the_original(
    env: Env,
) -> None:
    async with env.client() as c:
        await sign_up(c)
        asset = await uploaded(c, big_jpeg())
        await drain_jobs(env)
        # Replace the working copy with a plain red image of its size: what comes from it is red.
        path = await copy_path(env, asset["id"])
        red = pyvips.Image.black(SIDE, 158).new_from_image([255, 0, 0]).copy(interpretation="srgb")
        red.jpegsave(str(path), Q=95)
        small = await rendition(env, c, asset["id"], 320)
        large = await rendition(env, c, asset["id"], 2400)
    assert (small.width, small.height) == (320, 25), "the size the original gives"
    assert small[0].avg() > 240 and small[1].avg() < 15, "made from the working copy"
    assert (large.width, large.height) == (2400, 185)
    assert not (large[0].avg() > 240 and large[1].avg() < 15), "made from the original"


async def test_a_missing_working_copy_is_no_error_and_is_made_again(env: Env) -> None:
    async with env.client() as c:
        await sign_up(c)
        asset = await uploaded(c, big_jpeg())
        await drain_jobs(env)
        path = await copy_path(env, asset["id"])
        path.unlink()
        image = await rendition(env, c, asset["id"], 300)
        assert image.width == 300
        await drain_jobs(env)
    assert path.is_file(), "the rendition queued the working copy again"


async def test_deleting_an_asset_deletes_its_working_copy(env: Env) -> None:
    async with env.client() as c:
        await sign_up(c)
        asset = await uploaded(c, big_jpeg())
        await drain_jobs(env)
        path = await copy_path(env, asset["id"])
        assert path.is_file()
        deleted = await gql(
            c,
            "mutation($id: ID!) { deleteAsset(id: $id) { errors { code } } }",
            {"id": asset["id"]},
        )
        assert deleted.data["deleteAsset"]["errors"] == []
    assert not path.exists()


@pytest.fixture(params=BACKENDS)
async def any_backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Env]:
    async with backend_env(request.param, tmp_path_factory.mktemp("pixvault")) as environment:
        yield environment


async def test_the_working_copy_on_every_storage_backend(any_backend: Env) -> None:
    env, storage = any_backend, any_backend.runtime.storage
    async with env.client() as c:
        await sign_up(c)
        asset = await uploaded(c, big_jpeg())
        await drain_jobs(env)
        key = working_key((await Asset.get(id=asset["id"])).original_key)
        assert await storage.exists(key)
        assert (await rendition(env, c, asset["id"], 320)).width == 320
        await storage.delete(key)
        assert (await rendition(env, c, asset["id"], 256)).width == 256
        await drain_jobs(env)
        assert await storage.exists(key), "made again"
        deleted = await gql(
            c,
            "mutation($id: ID!) { deleteAsset(id: $id) { errors { code } } }",
            {"id": asset["id"]},
        )
        assert deleted.data["deleteAsset"]["errors"] == []
    assert not await storage.exists(key)
