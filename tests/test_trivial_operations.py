"""Operations that select only __typename at the root are answered without executing
(graph/trivial.py), with the answers, refusals and checks of the full path."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from graphql import parse

from pixvault.graph.trivial import typename_only
from tests.conftest import Env, gql, sign_up


@pytest.fixture
def executions(env: Env, monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The query text of every operation the schema executes."""
    view: Any = next(
        route.endpoint for route in env.app.routes if getattr(route, "path", "") == "/graphql"
    )
    schema = view.schema
    seen: list[str | None] = []
    original = schema.execute

    async def execute(query: str | None, *args: Any, **kwargs: Any) -> Any:
        seen.append(query)
        return await original(query, *args, **kwargs)

    monkeypatch.setattr(schema, "execute", execute)
    return seen


async def test_typename_alone_is_answered_without_execution(
    env: Env, executions: list[str | None], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="pixvault.http")
    async with env.client() as client:
        plain = await gql(client, "{ __typename }")
        aliased = await gql(client, "query Probe { a: __typename b: __typename }")
        mutation = await gql(client, "mutation { __typename }")
        got = await client.get("/graphql", params={"query": "{ __typename }"})
        directive = "{ __typename @include(if: true) }"
        full = await gql(client, directive)
    assert plain.body == {"data": {"__typename": "Query"}}
    assert aliased.body == {"data": {"a": "Query", "b": "Query"}}
    assert mutation.body == {"data": {"__typename": "Mutation"}}
    assert got.status_code == 200 and got.json() == {"data": {"__typename": "Query"}}
    assert full.body == {"data": {"__typename": "Query"}}
    assert executions == [directive], "only the operation with a directive was executed"
    for answer in (plain, aliased, mutation):
        assert answer.http.headers["x-content-type-options"] == "nosniff"
        assert answer.http.headers["cache-control"] == "no-store"
    access = [r for r in caplog.records if r.name == "pixvault.http"]
    assert [r.getMessage() for r in access].count("POST /graphql 200") == 4, "one line each"
    assert {getattr(r, "operation", None) for r in access} >= {"anonymous", "Probe"}


async def test_trivial_operations_keep_the_full_paths_refusals(
    env: Env, executions: list[str | None]
) -> None:
    async with env.client() as client:
        mutation_by_get = await client.get("/graphql", params={"query": "mutation { __typename }"})
        wrong_name = await client.post(
            "/graphql", json={"query": "query A { __typename }", "operationName": "B"}
        )
        aliases = await gql(client, "{ " + " ".join(f"a{i}: __typename" for i in range(100)) + " }")
        form = await client.post("/graphql", data={"query": "{ __typename }"})
    async with env.client(authorization="Bearer not-a-token") as client:
        bad_token = await client.post("/graphql", json={"query": "{ __typename }"})
    assert mutation_by_get.status_code == 400
    assert wrong_name.json()["errors"], "an unknown operation name is an error"
    assert "aliases" in aliases.errors[0]["message"].lower()
    assert form.status_code == 403 and form.json()["errors"][0]["extensions"]["code"] == "CSRF"
    assert bad_token.status_code == 401, "a bearer token that opens nothing is still refused"


async def test_a_signed_in_trivial_request_still_authenticates(env: Env) -> None:
    async with env.client() as client:
        await sign_up(client)
        me = await gql(client, "{ me { id } }")
        assert client.cookies, "signed in by cookie"
        answer = await gql(client, "{ __typename }")
        after = await gql(client, "{ me { id } }")
    assert answer.body == {"data": {"__typename": "Query"}}
    assert after.data["me"]["id"] == me.data["me"]["id"]


@pytest.mark.parametrize(
    "document",
    [
        "{ __typename me { id } }",
        "{ ...F } fragment F on Query { __typename }",
        "query($a: Int) { __typename }",
        "query @skip(if: true) { __typename }",
        "query A { __typename } query B { __typename }",
        "{ __typename(x: 1) }",
    ],
)
def test_anything_more_than_root_typenames_takes_the_full_path(document: str) -> None:
    assert typename_only(parse(document), None) is None


def test_the_operation_name_must_match() -> None:
    document = parse("query Probe { __typename }")
    assert typename_only(document, "Probe") is not None
    assert typename_only(document, "Other") is None
    assert typename_only(document, None) is not None


async def test_the_bench_client_gets_the_same_bytes(env: Env) -> None:
    """A raw request without cookies, as health checks send it."""
    transport = httpx.ASGITransport(app=env.app, client=("198.51.100.9", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as raw:
        answer = await raw.post("/graphql", json={"query": "{ __typename }"})
    assert answer.status_code == 200
    assert answer.content == b'{"data":{"__typename":"Query"}}'
