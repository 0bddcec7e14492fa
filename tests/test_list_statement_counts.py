"""Every list field of the graph sends as many SQL statements for a page of 8 rows as for a page
of 2 (issue 20 point 3): per-row lookups go through the request's DataLoaders.

The list fields are found by walking the schema from Query, not listed by hand. Each is measured
with its rows seeded by SEEDS in tests/list_seeds.py (2 rows, then 6 more) and asked, as a staff
ADMIN, for every scalar and nested object field its rows have (nested lists are list fields of
their own, read under one parent from OWN_PARENT). A new list field fails the test until it has a
seed, or a reason in NOT_YET_SEEDED why its rows cannot grow.

A nested list is also read under a page of parents (Users on Query.users, requests on
Query.dataSubjectRequests: the root lists of the parent's type, found in the schema), 2 parents
and then 8, each with rows, by the narrowest staff role the access table lets read it: the page
of 8 sends as many statements as the page of 2. A nested list no staff role may read on someone
else (SELF only) answers FORBIDDEN for every parent and sends nothing beyond the page itself.

Statements sent inside a transaction count too: the audit entries of staff reads are appended
in one, and must not grow with the page either.
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
from pixvault.core.roles import Role
from pixvault.core.viewer import Viewer
from pixvault.graph.permissions import ACCESS_TABLE
from pixvault.graph.schema import build_schema
from pixvault.privacy.models import DataSubjectRequest
from tests.conftest import Env, gql
from tests.list_seeds import ARGUMENTS, NEW_PARENTS, OWN_PARENT, SEEDS, UNDER, World
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


def row_type(kind: GraphQLType) -> GraphQLObjectType:
    """The type of a list's rows (a Connection's nodes)."""
    named = get_named_type(kind)
    assert isinstance(named, GraphQLObjectType)
    if named.name.endswith("Connection"):
        edge = get_named_type(named.fields["edges"].type)
        assert isinstance(edge, GraphQLObjectType)
        node = get_named_type(edge.fields["node"].type)
        assert isinstance(node, GraphQLObjectType)
        return node
    return named


def is_connection(kind: GraphQLType) -> bool:
    return get_named_type(kind).name.endswith("Connection")


def field_body(coordinate: str) -> tuple[str, Callable[[Any], int]]:
    """The selection of a list field asking for its rows, and how to count the rows it gets."""
    type_name, name = coordinate.split(".")
    parent = SCHEMA.type_map[type_name]
    assert isinstance(parent, GraphQLObjectType)
    field = parent.fields[name]
    given = ["first: 50"] if "first" in field.args else []
    given += [ARGUMENTS[coordinate]] if coordinate in ARGUMENTS else []
    arguments = f"({', '.join(given)})" if given else ""
    rows = selection(row_type(field.type), DEPTH)
    if is_connection(field.type):
        body = f"{name}{arguments} {{ edges {{ cursor node {{ {rows} }} }} }}"
        return body, lambda answer: len(answer["edges"])
    return f"{name}{arguments} {{ {rows} }}", len


def query_for(coordinate: str, world: World) -> tuple[str, Callable[[dict[str, Any]], int]]:
    """A query asking for the list field's rows (a nested one under its OWN_PARENT), and how
    to count the rows in its answer."""
    type_name, name = coordinate.split(".")
    body, count = field_body(coordinate)
    if type_name == "Query":
        return f"{{ {body} }}", lambda d: count(d[name])
    root = OWN_PARENT[type_name][1](world)
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
    with counting_queries(in_transactions=True) as small:
        first = await gql(world.admin, query)
    await seed(world, 6)
    with counting_queries(in_transactions=True) as large:
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


NESTED = sorted(c for c in SEEDS if not c.startswith("Query."))
#: Staff roles from the narrowest to the widest.
STAFF_ORDER = (Role.SUPPORT, Role.BILLING, Role.PRIVACY_OFFICER, Role.ADMIN)
SOMEONE_ELSE = "00000000-0000-0000-0000-000000000001"


def page_root(type_name: str) -> str:
    """The Query list (paged by ``first``) whose rows are of the parent's type."""
    query = SCHEMA.query_type
    assert query is not None
    roots = [
        name
        for name, field in query.fields.items()
        if is_list_field(field.type)
        and "first" in field.args
        and row_type(field.type).name == type_name
    ]
    assert len(roots) == 1, f"{type_name}: page roots {roots}"
    return roots[0]


def reader(coordinate: str) -> Role | None:
    """The narrowest staff role the access table lets read the nested list on someone else's
    row of its page root; None when only the person themself may (SELF only)."""
    field_rule = ACCESS_TABLE[coordinate]
    root_rule = ACCESS_TABLE[f"Query.{page_root(coordinate.split('.')[0])}"]
    for role in STAFF_ORDER:
        viewer = Viewer(user_id=SOMEONE_ELSE, roles=frozenset({Role.CUSTOMER, role}))
        if field_rule.allows(viewer, None) and root_rule.allows(viewer, None):
            return role
    return None


def page_of_parents(coordinate: str, size: int, *, with_field: bool = True) -> str:
    type_name, _ = coordinate.split(".")
    root = page_root(type_name)
    body = field_body(coordinate)[0] if with_field else ""
    query = SCHEMA.query_type
    assert query is not None
    if is_connection(query.fields[root].type):
        return f"{{ page: {root}(first: {size}) {{ edges {{ node {{ id {body} }} }} }} }}"
    return f"{{ page: {root}(first: {size}) {{ id {body} }} }}"


def parents_in(answer: Any) -> list[dict[str, Any]]:
    page = answer["page"]
    return [edge["node"] for edge in page["edges"]] if isinstance(page, dict) else list(page)


@pytest.mark.parametrize("coordinate", NESTED)
async def test_nested_statements_do_not_grow_with_the_parents(
    world: World, coordinate: str
) -> None:
    type_name, name = coordinate.split(".")
    role = reader(coordinate)
    assert role is None or coordinate in UNDER, f"{coordinate}: no seed in UNDER for its rows"
    rows_in = field_body(coordinate)[1]
    async with signed_in(world.env, (role or Role.ADMIN).value) as (staff, _):
        await gql(staff, "{ me { id } }")
        parents = await NEW_PARENTS[type_name](world, 8)
        for parent in parents if role is not None else []:
            await UNDER[coordinate](world, parent, 2)
        sent: dict[int, list[str]] = {}
        for size in (2, 8):
            with counting_queries(in_transactions=True) as sent[size]:
                answer = await gql(staff, page_of_parents(coordinate, size))
            read = parents_in(answer.data)
            assert [p["id"] for p in read] == parents[:size], "the page is not the new parents"
            codes = [e.get("extensions", {}).get("code") for e in answer.errors]
            if role is not None:
                assert set(codes) <= {"FORBIDDEN"}, answer.errors
                assert all(rows_in(p[name]) >= 2 for p in read), f"{coordinate}: rows missing"
                continue
            # SELF only: refused for every parent, without a statement beyond the page's own.
            refused = [e for e in answer.errors if e["path"][-1] == name]
            assert codes == ["FORBIDDEN"] * size and len(refused) == size, answer.errors
            assert all(p[name] is None for p in read)
            with counting_queries(in_transactions=True) as bare:
                await gql(staff, page_of_parents(coordinate, size, with_field=False))
            assert len(sent[size]) == len(bare), "\n".join(sent[size])
    assert len(sent[8]) == len(sent[2]), (
        f"{coordinate} as {role}: {len(sent[2])} statements under 2 parents, "
        f"{len(sent[8])} under 8:\n" + "\n".join(sent[8])
    )
