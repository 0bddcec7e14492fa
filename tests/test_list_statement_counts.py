"""Every list field of the graph sends as many SQL statements for a page of 8 rows as for a page
of 2 (issue 20 point 3): per-row lookups go through the request's DataLoaders.

The list fields are found by walking the schema from Query, not listed by hand. Each is measured
with its rows seeded by SEEDS in tests/list_seeds.py (2 rows, then 6 more) and asked, as a staff
ADMIN, for every scalar and nested object field its rows have (nested lists are list fields of
their own, read under one parent from PARENTS). A new list field fails the test until it has a
seed, or a reason in NOT_YET_SEEDED why its rows cannot grow.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLType,
    get_named_type,
)

from pixvault.core.clock import now
from pixvault.graph.schema import build_schema
from pixvault.privacy.models import DataSubjectRequest
from tests.conftest import Env, gql
from tests.list_seeds import ARGUMENTS, PARENTS, SEEDS, World
from tests.media import signed_in
from tests.sql_count import counting_queries

SCHEMA = build_schema()._schema
DEPTH = 3


#: List fields that no seed can make longer, each with why; every other list has a seed.
NOT_YET_SEEDED: dict[str, str] = {
    "Query.cookieDeclarations": "the declared cookies are fixed in code (core/cookies.py), "
    "read without a statement",
    "Query.processors": "the processor register is a file named by the settings "
    "(records/processors.py), read without a statement",
    "Query.pendingPolicyDecisions": "at most one version per policy kind is in effect (PRIVACY, "
    "TERMS), so the list never holds more than two rows",
    "ConsentState.decisions": "one decision per consent purpose, a fixed four, for every person",
}


def unwrap(kind: GraphQLType) -> GraphQLType:
    while isinstance(kind, GraphQLNonNull):
        kind = kind.of_type
    return kind


def is_list_field(kind: GraphQLType) -> bool:
    named = get_named_type(kind)
    if isinstance(named, GraphQLObjectType) and named.name.endswith("Connection"):
        return True
    return isinstance(unwrap(kind), GraphQLList) and isinstance(named, GraphQLObjectType)


def list_fields() -> set[str]:
    """Every list or Connection field reachable from Query, as Type.field (edges excluded:
    they are the Connection's own rows)."""
    found: set[str] = set()
    seen: set[str] = set()
    queue = ["Query"]
    while queue:
        name = queue.pop()
        if name in seen:
            continue
        seen.add(name)
        kind = SCHEMA.type_map[name]
        assert isinstance(kind, GraphQLObjectType)
        for field_name, field in kind.fields.items():
            named = get_named_type(field.type)
            if is_list_field(field.type) and not name.endswith("Connection"):
                found.add(f"{name}.{field_name}")
            if isinstance(named, GraphQLObjectType):
                queue.append(named.name)
    return found


def selection(kind: GraphQLObjectType, depth: int) -> str:
    """Every scalar and enum field without required arguments, and nested objects below
    ``depth`` levels; nested lists are left to their own entry."""
    parts = []
    for name, field in kind.fields.items():
        if any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
            continue
        named = get_named_type(field.type)
        if isinstance(named, GraphQLScalarType | GraphQLEnumType):
            parts.append(name)
        elif isinstance(named, GraphQLObjectType) and depth > 0 and not is_list_field(field.type):
            inner = selection(named, depth - 1)
            if inner:
                parts.append(f"{name} {{ {inner} }}")
    return " ".join(parts)


def query_for(coordinate: str, world: World) -> tuple[str, Callable[[dict[str, Any]], int]]:
    """A query asking for the list field's rows (a nested one under its PARENTS root), and how
    to count the rows in its answer."""
    type_name, name = coordinate.split(".")
    parent = SCHEMA.type_map[type_name]
    assert isinstance(parent, GraphQLObjectType)
    field = parent.fields[name]
    named = get_named_type(field.type)
    assert isinstance(named, GraphQLObjectType)
    given = ["first: 50"] if "first" in field.args else []
    given += [ARGUMENTS[coordinate]] if coordinate in ARGUMENTS else []
    arguments = f"({', '.join(given)})" if given else ""
    if named.name.endswith("Connection"):
        edge = get_named_type(named.fields["edges"].type)
        assert isinstance(edge, GraphQLObjectType)
        node = get_named_type(edge.fields["node"].type)
        assert isinstance(node, GraphQLObjectType)
        body = f"{name}{arguments} {{ edges {{ cursor node {{ {selection(node, DEPTH)} }} }} }}"
        count: Callable[[Any], int] = lambda rows: len(rows["edges"])  # noqa: E731
    else:
        body = f"{name}{arguments} {{ {selection(named, DEPTH)} }}"
        count = len
    if type_name == "Query":
        return f"{{ {body} }}", lambda d: count(d[name])
    root = PARENTS[type_name](world)
    return f"{{ parent: {root} {{ {body} }} }}", lambda d: count(d["parent"][name])


@pytest.fixture(scope="module")
async def world(env: Env) -> AsyncIterator[World]:
    async with signed_in(env, "ADMIN") as (admin, admin_id), signed_in(env) as (owner, owner_id):
        # A session's first request records its policy acceptance and activity once; make it
        # here so that no measurement counts those writes.
        await gql(admin, "{ me { id } }")
        request = await DataSubjectRequest.create(
            kind="ACCESS", status="COMPLETED", subject_id=admin_id,
            requester_email="admin@example.com", received_at=now(), due_at=now(),
        )  # fmt: skip
        yield World(env, admin, admin_id, owner, owner_id, str(request.id))


def test_every_list_field_is_seeded_or_named() -> None:
    fields = list_fields()
    missing = sorted(fields - SEEDS.keys() - NOT_YET_SEEDED.keys())
    assert not missing, (
        f"list fields with no seed in tests/test_list_statement_counts.py: {missing}; add a "
        "seed to SEEDS so their statement count is measured"
    )
    stale = sorted((SEEDS.keys() | NOT_YET_SEEDED.keys()) - fields)
    assert not stale, f"no longer list fields: {stale}"


@pytest.mark.parametrize("coordinate", sorted(SEEDS))
async def test_statements_do_not_grow_with_the_page(world: World, coordinate: str) -> None:
    query, rows_in = query_for(coordinate, world)
    seed = SEEDS[coordinate]
    await seed(world, 2)
    with counting_queries() as small:
        first = await gql(world.admin, query)
    await seed(world, 6)
    with counting_queries() as large:
        second = await gql(world.admin, query)
    # Fields the admin may not read answer null with FORBIDDEN; anything else is a failure.
    unexpected = [
        e
        for e in first.errors + second.errors
        if e.get("extensions", {}).get("code") != "FORBIDDEN"
    ]
    assert not unexpected, unexpected
    assert rows_in(second.data) >= rows_in(first.data) + 6 >= 8, "the seed added no rows"
    assert len(large) == len(small), (
        f"{coordinate}: {len(small)} statements for {rows_in(first.data)} rows, "
        f"{len(large)} for {rows_in(second.data)}:\n"
        + "\n".join(large)
        + "\nand for the smaller page:\n"
        + "\n".join(small)
    )
