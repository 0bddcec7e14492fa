"""Data exports as a person gets them: ask for an ACCESS request, let its job run, download."""

from __future__ import annotations

import io
import zipfile

import httpx

from tests.conftest import PASSWORD, Env, drain_jobs, gql

SUBMIT_ACCESS = """mutation($i: DataSubjectRequestInput!) {
  submitDataSubjectRequest(input: $i) { request { id } errors { code } } }"""
EXPORT_URL = "query($id: ID!) { dataSubjectRequest(id: $id) { exportUrl } }"


async def export_url(client: httpx.AsyncClient, request_id: str) -> str:
    """The download link of a finished ACCESS request, as its owner reads it."""
    url: str = (await gql(client, EXPORT_URL, {"id": request_id})).data["dataSubjectRequest"][
        "exportUrl"
    ]
    return url


async def download(env: Env, client: httpx.AsyncClient, url: str) -> httpx.Response:
    return await client.get(url.removeprefix(env.settings.public_url))


async def download_export(env: Env, client: httpx.AsyncClient) -> zipfile.ZipFile:
    """The signed-in client's ACCESS export: asked for, made by its job, and downloaded."""
    asked = await gql(client, SUBMIT_ACCESS, {"i": {"kind": "ACCESS", "password": PASSWORD}})
    assert asked.data["submitDataSubjectRequest"]["errors"] == [], asked.body
    await drain_jobs(env)
    url = await export_url(client, asked.data["submitDataSubjectRequest"]["request"]["id"])
    response = await download(env, client, url)
    assert response.status_code == 200, response.text
    return zipfile.ZipFile(io.BytesIO(response.content))
