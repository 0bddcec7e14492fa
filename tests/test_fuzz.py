"""Fuzzing the graph: generated queries and mutations against a live server as anonymous,
customer and staff viewers. No response may be a 5xx, leak a stack trace, or make the server
log an unexpected error.

`make fuzz` runs the same with many more examples (PIXVAULT_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from graphql import GraphQLObjectType, NullValueNode, StringValueNode, build_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, queries

from pixvault.graph.schema import export_sdl
from tests.conftest import PASSWORD, TEST_DATABASE_URL
from tests.live import LiveServer, live_server

EXAMPLES = int(os.environ.get("PIXVAULT_FUZZ_EXAMPLES", "40"))
SCHEMA = build_schema(export_sdl())
SCALARS = {
    "DateTime": st.datetimes().map(lambda d: StringValueNode(value=d.isoformat())),
    "JSON": st.text(max_size=30).map(lambda t: StringValueNode(value=t)),
    "Upload": st.just(NullValueNode()),
}
#: Mutations whose effects would end the fuzzing viewer's own session or account.
SELF_ENDING = {"logOut", "closeAccount", "changePassword"}
LEAKS = ("Traceback", 'File "/', "sqlite3.", "asyncpg", "tortoise.")


def _fields(root: GraphQLObjectType | None, skip: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    assert root is not None
    return sorted(
        name
        for name, field in root.fields.items()
        if name not in skip and not any("Upload" in str(a.type) for a in field.args.values())
    )


QUERY_FIELDS = _fields(SCHEMA.query_type)
MUTATION_FIELDS = _fields(SCHEMA.mutation_type, SELF_ENDING)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if TEST_DATABASE_URL:
        pytest.skip("fuzzed once, on the embedded default")
    data_dir: Path = tmp_path_factory.mktemp("fuzz")
    with live_server(data_dir) as live:
        live.pixvault(
            "create-user",
            "--email",
            "staff@example.com",
            "--name",
            "Staff",
            "--password",
            PASSWORD,
            "--role",
            "ADMIN",
            "--role",
            "PRIVACY_OFFICER",
        )
        yield live
        logged = live.stop()
    errors = [
        line
        for line in logged.splitlines()
        if line.startswith("{") and json.loads(line)["level"] in ("ERROR", "CRITICAL")
    ]
    assert errors == [], "the server logged unexpected errors while fuzzed"


def viewer_client(server: LiveServer, who: str) -> httpx.Client:
    client = httpx.Client(base_url=server.base_url, timeout=30)
    if who == "customer":
        client.post(
            "/graphql",
            json={
                "query": "mutation($i: SignUpInput!) { signUp(input: $i) { errors { code } } }",
                "variables": {
                    "i": {
                        "name": "Fuzz",
                        "email": "fuzz@example.com",
                        "password": PASSWORD,
                        "acceptPolicies": True,
                        "minimumAgeConfirmed": True,
                    }
                },
            },
        )
        client.post(
            "/graphql",
            json={
                "query": "mutation($i: LogInInput!) { logIn(input: $i) { errors { code } } }",
                "variables": {"i": {"email": "fuzz@example.com", "password": PASSWORD}},
            },
        )
    elif who == "staff":
        client.post(
            "/graphql",
            json={
                "query": "mutation($i: LogInInput!) { logIn(input: $i) { errors { code } } }",
                "variables": {"i": {"email": "staff@example.com", "password": PASSWORD}},
            },
        )
    return client


def check(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text[:500]
    for leak in LEAKS:
        assert leak not in response.text, response.text[:500]
    if response.status_code == 200:
        for error in response.json().get("errors") or []:
            assert "Unexpected error" not in error["message"]


@pytest.mark.parametrize("who", ["anonymous", "customer", "staff"])
def test_fuzz_queries_and_mutations(server: LiveServer, who: str) -> None:
    client = viewer_client(server, who)
    strategy = st.one_of(
        queries(SCHEMA, fields=QUERY_FIELDS, custom_scalars=SCALARS),
        mutations(SCHEMA, fields=MUTATION_FIELDS, custom_scalars=SCALARS),
    )

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(document=strategy)
    def run(document: str) -> None:
        try:
            response = client.post("/graphql", json={"query": document})
        except httpx.TimeoutException:
            pytest.fail(f"no answer within 30 s to:\n{document}")
        check(response)

    try:
        run()
    finally:
        client.close()
