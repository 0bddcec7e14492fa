"""Access exports and erasure on both storage backends: originals streamed into the ZIP from
the filesystem or S3, the archive kept in the same backend, everything gone after erasure."""

from __future__ import annotations

import io
import zipfile

from tests.conftest import PASSWORD, Env, drain_jobs, gql, sign_up
from tests.exports import SUBMIT_ACCESS, download, export_url
from tests.media import encode, uploaded
from tests.servers import ON_EVERY_BACKEND

pytestmark = ON_EVERY_BACKEND


async def test_export_then_erasure_in_the_storage_backend(env: Env) -> None:
    image = encode(".png", width=64, height=48)
    async with env.client() as c:
        user = await sign_up(c)
        asset = await uploaded(c, image, filename="kept.png")
        result = await gql(c, SUBMIT_ACCESS, {"i": {"kind": "ACCESS", "password": PASSWORD}})
        request_id = result.data["submitDataSubjectRequest"]["request"]["id"]
        await drain_jobs(env)
        key = f"exports/{request_id}.zip"
        assert await env.runtime.storage.exists(key), "the archive lives in the storage backend"
        response = await download(env, c, await export_url(c, request_id))
        assert response.status_code == 200
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        assert archive.read(f"images/{asset['id']}-kept.png") == image

        await gql(
            c,
            "mutation($p: String!) { closeAccount(password: $p) { request { id } } }",
            {"p": PASSWORD},
        )
        await drain_jobs(env)
    assert not await env.runtime.storage.exists(key), "erasure deletes the export archive"
    prefix = f"users/{user['id']}/"
    assert await env.runtime.storage.delete_prefix(prefix) == 0, "no stored file of theirs left"
