"""Persisted queries over HTTP: automatic persisted queries as Apollo and urql send them (POST
and GET), and PIXVAULT_PERSISTED_QUERIES=only running the web app's own documents alone."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from pixvault.core.settings import PersistedQueryMode
from pixvault.graph.persisted import manifest
from tests.conftest import Env
from tests.media import UPLOAD

FRONTEND = Path(__file__).resolve().parents[1] / "frontend"


def extensions(query: str) -> dict[str, Any]:
    digest = hashlib.sha256(query.encode()).hexdigest()
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def a_new_query() -> str:
    """A document no one sent before (so its hash is unknown)."""
    return f"query Fresh{uuid.uuid4().hex} {{ __typename }}"


@pytest.fixture
def mode(env: Env, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def set_mode(value: PersistedQueryMode) -> None:
        monkeypatch.setattr(env.settings, "persisted_queries", value)

    return set_mode


async def test_apq_over_post_registers_a_document_and_runs_it_by_hash(
    client: httpx.AsyncClient,
) -> None:
    query = a_new_query()
    hashed = {"extensions": extensions(query), "variables": {}}
    unknown = await client.post("/graphql", json=hashed)
    assert unknown.status_code == 200
    assert unknown.json() == {
        "data": None,
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ],
    }
    registered = await client.post("/graphql", json={**hashed, "query": query})
    assert registered.json() == {"data": {"__typename": "Query"}}
    by_hash = await client.post("/graphql", json=hashed)
    assert by_hash.json() == {"data": {"__typename": "Query"}}


async def test_apq_over_get_as_apollo_sends_hashed_queries(client: httpx.AsyncClient) -> None:
    query = "query Me($n: Int) { publicAssets(first: $n) { totalCount } }"
    params = {
        "operationName": "Me",
        "variables": json.dumps({"n": 1}),
        "extensions": json.dumps(extensions(query)),
    }
    registered = await client.get("/graphql", params={**params, "query": query})
    assert registered.json()["data"]["publicAssets"]["totalCount"] >= 0
    by_hash = await client.get("/graphql", params=params)
    assert by_hash.json() == registered.json()
    mutation = "mutation { logOut { ok } }"
    refused = await client.get(
        "/graphql", params={"query": mutation, "extensions": json.dumps(extensions(mutation))}
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


@pytest.mark.parametrize(
    ("persisted", "reason"),
    [
        ({"version": 2, "sha256Hash": "0" * 64}, "must be {version: 1"),
        ("abc", "must be {version: 1"),
        ({"version": 1, "sha256Hash": "XYZ"}, "64 lowercase hex digits"),
        ({"version": 1, "sha256Hash": "0" * 64}, "is not the query's sha256"),
    ],
)
async def test_a_malformed_or_mismatched_hash_is_a_400(
    client: httpx.AsyncClient, persisted: object, reason: str
) -> None:
    response = await client.post(
        "/graphql",
        json={"query": "{ __typename }", "extensions": {"persistedQuery": persisted}},
    )
    assert response.status_code == 400
    assert reason in response.json()["errors"][0]["message"]


async def test_with_persisted_queries_off_a_hash_is_not_supported(
    client: httpx.AsyncClient, mode: Any
) -> None:
    mode(PersistedQueryMode.OFF)
    query = a_new_query()
    response = await client.post("/graphql", json={"extensions": extensions(query)})
    assert response.status_code == 200
    assert response.json()["errors"][0]["message"] == "PersistedQueryNotSupported"
    assert (await client.post("/graphql", json={"query": query})).json()["data"] is not None


async def test_only_mode_runs_the_web_apps_documents_and_nothing_else(
    client: httpx.AsyncClient, mode: Any
) -> None:
    documents = manifest()
    assert len(documents) > 20
    mode(PersistedQueryMode.ONLY)
    for digest, document in documents.items():
        # Variables are left out: a document may fail validation, but it is not refused.
        response = await client.post("/graphql", json={"query": document})
        assert response.status_code == 200, (document[:60], response.text[:200])
        codes = {(e.get("extensions") or {}).get("code") for e in response.json().get("errors", [])}
        assert "PERSISTED_QUERY_NOT_ALLOWED" not in codes
        by_hash = await client.post(
            "/graphql",
            json={"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}},
        )
        assert by_hash.status_code == 200
        assert by_hash.json() == response.json() or "errors" in response.json()

    query = a_new_query()
    refusals = [
        await client.post("/graphql", json={"query": "{ __typename }"}),
        await client.post("/graphql", json={"query": query, "extensions": extensions(query)}),
        await client.post("/graphql", json={"extensions": extensions(query)}),
        await client.get("/graphql", params={"query": "{ __typename }"}),
        await client.post(
            "/graphql",
            files={
                "operations": (None, json.dumps({"query": UPLOAD, "variables": {"file": None}}))
            },
            headers={"x-requested-with": "t"},
        ),
    ]
    for refused in refusals:
        assert refused.status_code == 403, refused.text[:200]
        error = refused.json()["errors"][0]
        assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_ALLOWED"


def test_the_shipped_manifest_is_the_web_apps_current_documents() -> None:
    """The manifest the web app's build writes is the one committed (and shipped)."""
    if shutil.which("node") is None or not (FRONTEND / "node_modules" / "graphql").exists():
        pytest.skip("needs node and the web app's dependencies (make frontend-deps)")
    checked = subprocess.run(
        ["node", "scripts/persisted-queries.mjs", "--check"],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
