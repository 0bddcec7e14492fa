"""The token scope table (graph/token_scopes.py) walked against the schema, and over HTTP:
every Query and Mutation field a token must not reach without a scope is refused with
INSUFFICIENT_SCOPE to a real bearer token lacking just that scope, and not refused for that
reason to a token holding it."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    Undefined,
    get_named_type,
)

from pixvault.accounts.scopes import ApiScope
from pixvault.graph.schema import build_schema
from pixvault.graph.token_scopes import (
    NOT_WITH_TOKEN,
    PUBLIC,
    TOKEN_SCOPES,
    Need,
    need_of,
    root_fields,
)
from pixvault.graphkit.access import object_fields
from tests.conftest import Env, GraphQLResponse, gql, log_in, make_staff

SCHEMA = build_schema()._schema
ROOTS = sorted(root_fields(SCHEMA))


def test_every_root_field_has_a_row_and_every_row_a_field() -> None:
    assert sorted(set(ROOTS) - TOKEN_SCOPES.keys()) == []
    assert sorted(TOKEN_SCOPES.keys() - object_fields(SCHEMA).keys()) == []


@pytest.mark.parametrize("key", sorted(TOKEN_SCOPES))
def test_each_row_is_enforced_on_its_field(key: str) -> None:
    need = TOKEN_SCOPES[key]
    assert need_of(SCHEMA, key) == (None if need is PUBLIC else need)


def test_a_schema_with_an_unlisted_root_field_does_not_build() -> None:
    from pixvault.graph import token_scopes

    table = dict(TOKEN_SCOPES)
    del table["Query.me"]
    with pytest.raises(token_scopes.MissingScopeError, match=r"Query\.me"):
        token_scopes.apply_token_scopes(build_schema()._schema, table)


def sample(type_: GraphQLInputType) -> Any:
    """A value of the type that passes variable coercion (the scope check runs before any
    resolver looks at it)."""
    if isinstance(type_, GraphQLNonNull):
        return sample(type_.of_type)
    if isinstance(type_, GraphQLList):
        return [sample(type_.of_type)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {
            name: sample(f.type)
            for name, f in type_.fields.items()
            if isinstance(f.type, GraphQLNonNull) and f.default_value is Undefined
        }
    assert isinstance(type_, GraphQLScalarType)
    return {
        "ID": str(uuid.uuid4()),
        "String": "x",
        "Int": 1,
        "Float": 1.0,
        "Boolean": True,
        "DateTime": "2026-01-01T00:00:00+00:00",
        "Date": "2026-01-01",
        "JSON": {},
        "Upload": None,  # filled by the multipart request (call())
    }[type_.name]


def document(key: str, field: GraphQLField) -> tuple[str, dict[str, Any]]:
    kind, name = key.split(".")
    required = {
        a: arg
        for a, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined
    }
    definitions = ", ".join(f"${a}: {arg.type}" for a, arg in required.items())
    arguments = ", ".join(f"{a}: ${a}" for a in required)
    operation = "query" if kind == "Query" else "mutation"
    head = f"{operation}({definitions})" if definitions else operation
    call = f"{name}({arguments})" if arguments else name
    leaf = isinstance(get_named_type(field.type), GraphQLScalarType | GraphQLEnumType)
    selection = "" if leaf else " { __typename }"
    return f"{head} {{ {call}{selection} }}", {a: sample(arg.type) for a, arg in required.items()}


async def call(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> GraphQLResponse:
    """POST as JSON, or as a GraphQL multipart request when the field takes an Upload."""
    if "Upload!" not in query:
        return await gql(client, query, variables)
    uploads = [name for name, value in variables.items() if value is None]
    operations = {"query": query, "variables": variables}
    files = {str(i): (f"{i}.jpg", b"not an image", "image/jpeg") for i in range(len(uploads))}
    mapping = {str(i): [f"variables.{name}"] for i, name in enumerate(uploads)}
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps(mapping)},
        files=files,
    )
    return GraphQLResponse(response)


def lacking(need: Need) -> list[str]:
    """The scopes of a token missing exactly what ``need`` asks (every scope for NOT_WITH_TOKEN)."""
    return [s.name for s in ApiScope if need is NOT_WITH_TOKEN or s is not need]


async def token(env: Env, scopes: list[str]) -> str:
    _, email = await make_staff(env, "ADMIN")
    async with env.client() as browser:
        assert (await log_in(browser, email)).data["logIn"]["errors"] == []
        made = await gql(
            browser,
            'mutation($s: [ApiScope!]) { createApiToken(name: "walk", scopes: $s) '
            "{ secret errors { code } } }",
            {"s": scopes},
        )
    secret: str = made.data["createApiToken"]["secret"]
    return secret


@pytest.mark.parametrize("key", ROOTS)
async def test_a_token_without_the_scope_is_refused_over_http(env: Env, key: str) -> None:
    need = TOKEN_SCOPES[key]
    fields = object_fields(SCHEMA)
    query, variables = document(key, fields[key])
    name = key.split(".")[1]
    holder = await token(env, [s.name for s in ApiScope])
    async with env.client(Authorization=f"Bearer {holder}") as c:
        result = await call(c, query, variables)
        assert result.http.status_code == 200, result.http.text
        codes = result.error_codes()
        assert "" not in codes, result.body  # the document itself was accepted
        assert (codes.get(name) == "INSUFFICIENT_SCOPE") == (need is NOT_WITH_TOKEN), result.body
    if need is PUBLIC:
        return
    without = await token(env, lacking(need))
    async with env.client(Authorization=f"Bearer {without}") as c:
        result = await call(c, query, variables)
        assert result.error_codes() == {name: "INSUFFICIENT_SCOPE"}, result.body
        expected = None if need is NOT_WITH_TOKEN else need.value
        assert result.errors[0]["extensions"]["requiredScope"] == expected
