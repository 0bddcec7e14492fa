"""Uploading through the graph, for the benchmarks that upload photos: the bench account's
log-in, one multipart upload, and the working copies stored so far."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

import httpx

EMAIL, PASSWORD = "bench@example.com", "a long benchmark passphrase"
UPLOAD = """mutation($file: Upload!, $visibility: Visibility!) {
  uploadAsset(file: $file, visibility: $visibility) { asset { id } errors { code message } }
}"""


async def log_in(client: httpx.AsyncClient) -> None:
    """Log the bench account in; the client keeps its session cookie."""
    login = await client.post(
        "/graphql",
        json={
            "query": "mutation($i: LogInInput!) { logIn(input: $i) { errors { code } } }",
            "variables": {"i": {"email": EMAIL, "password": PASSWORD}},
        },
    )
    assert login.json()["data"]["logIn"]["errors"] == [], login.text


async def upload(
    client: httpx.AsyncClient, name: str, content: bytes | IO[bytes], visibility: str = "PRIVATE"
) -> str:
    """Upload one file as the graph's multipart request; its asset id."""
    operations = {"query": UPLOAD, "variables": {"file": None, "visibility": visibility}}
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (name, content, "application/octet-stream")},
        headers={"X-Requested-With": "bench"},
    )
    payload: dict[str, Any] = response.json()["data"]["uploadAsset"]
    assert payload["errors"] == [], payload
    return str(payload["asset"]["id"])


def working_copies(data_dir: Path) -> int:
    """How many working copies the server's filesystem storage holds."""
    return len(list((data_dir / "storage").rglob("working/*")))
