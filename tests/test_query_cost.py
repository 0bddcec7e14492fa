"""Query cost analysis over HTTP: nested lists multiply, aliases add up, variables count, and a
document over PIXVAULT_MAX_QUERY_COST is refused before anything runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
from graphql import build_schema, parse

from pixvault.core.settings import Settings
from pixvault.graph.query_cost import evaluate, plan_document
from pixvault.graphkit.pagination import MAX_PAGE
from tests.conftest import Env, environment, gql, sign_up
from tests.media import encode, uploaded

ROOT = Path(__file__).resolve().parent.parent


def lists(size: str, levels: int = 3) -> str:
    """assets → owner.assets → owner.assets …, each list ``size`` long."""
    inner = "id"
    for _ in range(levels - 1):
        inner = f"id owner {{ assets(first: {size}) {{ edges {{ node {{ {inner} }} }} }} }}"
    return f"assets(first: {size}) {{ edges {{ node {{ {inner} }} }} }}"


def nested(size: str, levels: int = 3) -> str:
    """me.assets → owner.assets → owner.assets …"""
    return f"me {{ {lists(size, levels)} }}"


def refused(result: object) -> dict[str, object]:
    body = result.body  # type: ignore[attr-defined]
    assert body.get("data") is None, body
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY", body
    return dict(error["extensions"])


async def test_the_nested_amplification_is_refused_before_it_runs(
    client: httpx.AsyncClient,
) -> None:
    await sign_up(client)
    await uploaded(client, encode(".jpg"))

    # The reviewer's document: 200 at each of three levels is about 8 million nodes.
    result = await gql(client, f"{{ {nested('200')} }}")
    assert result.http.status_code == 200
    extensions = refused(result)
    assert extensions["cost"] == 1 + 1 + 200 * (3 + 1 + 1 + 200 * (3 + 1 + 1 + 200 * 3))
    assert extensions["maximumCost"] == Settings().max_query_cost
    assert "first" in result.errors[0]["message"]

    # The same shape at a modest size runs and answers.
    small = await gql(client, f"{{ {nested('5')} }}")
    assert small.errors == []
    node = small.data["me"]["assets"]["edges"][0]["node"]
    assert node["owner"]["assets"]["edges"][0]["node"]["owner"]["assets"]["edges"]


async def test_aliases_multiply_the_cost(client: httpx.AsyncClient) -> None:
    await sign_up(client)
    one = nested("40", levels=2)  # 2 + 40 * (5 + 40 * 3) = 5002
    assert (await gql(client, f"{{ {one} }}")).errors == []
    aliased = " ".join(f"a{i}: {one}" for i in range(12))
    assert refused(await gql(client, f"{{ {aliased} }}"))["cost"] == 12 * 5002


async def test_fragments_and_inline_fragments_are_priced_like_fields(
    client: httpx.AsyncClient,
) -> None:
    await sign_up(client)
    document = """
    query { ...Mine a: me { ... on User { assets(first: 200) { edges { node { ...Deep } } } } } }
    fragment Mine on Query { me { assets(first: 200) { edges { node { ...Deep } } } } }
    fragment Deep on Asset { owner { assets(first: 200) { edges { node { id } } } } }
    """
    assert refused(await gql(client, document))["cost"] == 2 * (2 + 200 * (3 + 1 + 200 * 3))


async def test_variables_and_defaults_size_the_lists(client: httpx.AsyncClient) -> None:
    await sign_up(client)
    query = f"query Q($n: Int = 200) {{ {nested('$n')} }}"
    assert refused(await gql(client, query))["cost"] > Settings().max_query_cost
    assert refused(await gql(client, query, {"n": 150}))
    answered = await gql(client, query, {"n": 3})
    assert answered.errors == []
    # An omitted first takes the schema's default of 50 at each level.
    omitted = await gql(client, "{ " + nested("50").replace("(first: 50)", "") + " }")
    assert refused(omitted)["cost"] == 2 + 50 * (5 + 50 * (5 + 50 * 3))


async def test_a_refused_mutation_changes_nothing(client: httpx.AsyncClient) -> None:
    await sign_up(client, name="Before")
    mutation = (
        f'mutation {{ updateProfile(input: {{name: "After"}}) {{ user {{ {lists("200")} }} }} }}'
    )
    refused(await gql(client, mutation))
    assert (await gql(client, "{ me { name } }")).data["me"]["name"] == "Before"


async def test_the_cost_is_given_back_when_asked(client: httpx.AsyncClient) -> None:
    await sign_up(client)
    query = "query Mine($n: Int!) { me { assets(first: $n) { edges { node { id filename } } } } }"
    asked = await client.post(
        "/graphql",
        json={"query": query, "variables": {"n": 7}, "extensions": {"cost": True}},
    )
    assert asked.json()["extensions"]["cost"] == {
        "cost": 1 + 1 + 7 * 4,
        "maximumCost": Settings().max_query_cost,
    }
    plain = await gql(client, query, {"n": 7})
    assert "extensions" not in plain.body or "cost" not in plain.body["extensions"]


async def test_the_maximum_is_a_setting(tmp_path: Path) -> None:
    async with environment(tmp_path, max_query_cost=20) as env:
        await _priced_against(env)


async def _priced_against(env: Env) -> None:
    async with env.client() as client:
        await sign_up(client)
        fits = "{ me { assets(first: 4) { edges { node { id } } } } }"  # 2 + 4 * 3 = 14
        assert (await gql(client, fits)).errors == []
        over = "{ me { assets(first: 7) { edges { node { id } } } } }"  # 2 + 7 * 3 = 23
        assert refused(await gql(client, over)) == {
            "code": "QUERY_TOO_COSTLY",
            "cost": 23,
            "maximumCost": 20,
        }


def test_every_web_app_document_fits_at_the_largest_page() -> None:
    """The default maximum leaves the web app room: each of its documents, with every list
    variable at the largest page, costs well under it."""
    schema = build_schema((ROOT / "schema.graphql").read_text())
    source = (ROOT / "frontend/src/gql/gql.ts").read_text()
    documents = re.findall(r'^\s*"(\\n.*?)": typeof', source, re.MULTILINE)
    assert len(documents) > 20
    for text in documents:
        for name, terms in plan_document(schema, parse(json.loads(f'"{text}"'))).items():
            variables = {v: MAX_PAGE for sized in terms for v, _ in sized}
            assert evaluate(terms, variables) * 5 < Settings().max_query_cost, name


async def test_each_client_spends_a_budget_per_minute(tmp_path: Path) -> None:
    """PIXVAULT_QUERY_COST_PER_MINUTE: what a client runs is priced and spent from its budget;
    a spent budget refuses operations with 429 before they run, for that client alone."""
    async with environment(tmp_path, query_cost_per_minute=100) as env:
        query = "{ me { assets(first: 9) { edges { node { id } } } } }"  # 2 + 9 * 3 = 29
        async with env.client() as c:
            await sign_up(c)  # signed out, so spent from the address's budget
            asked = await c.post("/graphql", json={"query": query, "extensions": {"cost": True}})
            assert asked.json()["extensions"]["cost"] == {
                "cost": 29,
                "maximumCost": Settings().max_query_cost,
                "budgetLeft": 100 - 29,
            }
            assert (await gql(c, query)).errors == []  # 58 spent
            assert (await gql(c, query)).errors == []  # 87
            refused = await gql(c, query)  # 116: over
            assert refused.http.status_code == 429
            assert refused.http.headers["retry-after"] == "60"
            assert refused.body["data"] is None
            assert refused.errors[0]["extensions"] == {
                "code": "QUERY_BUDGET_EXCEEDED",
                "budgetPerMinute": 100,
            }
            # A refused mutation does not run either.
            renamed = await gql(
                c, 'mutation { updateProfile(input: {name: "X"}) { errors { code } } }'
            )
            assert renamed.http.status_code == 429
        async with env.client() as other:  # another person, another budget
            await sign_up(other)
            assert (await gql(other, query)).errors == []
        # Signed out, the address is the client.
        async with env.client(ip="203.0.113.50") as anonymous:
            feed = "{ publicAssets(first: 30) { edges { node { id } } } }"  # 1 + 1 + 30 * 3
            assert (await gql(anonymous, feed)).http.status_code == 200
            assert (await gql(anonymous, feed)).http.status_code == 429
        async with env.client(ip="203.0.113.51") as elsewhere:
            assert (await gql(elsewhere, feed)).http.status_code == 200
