"""Every mutation does, for every role, what its row in the access table says.

Each Mutation field is run in-process against a real database, once per role, with made-up
arguments built from the schema. A refusal is the guard's coded GraphQL error (rows the schema
enforces) or an UNAUTHENTICATED / FORBIDDEN error in the payload (rows marked ``in_resolver``,
which the mutation enforces itself with ``require_user`` or a role check); anything else means
the mutation let that role in (and then failed on the made-up arguments, or worked).
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    Undefined,
    get_named_type,
)
from starlette.requests import Request
from starlette.responses import Response

from pixvault.accounts.registration import create_user
from pixvault.core.roles import Role
from pixvault.core.viewer import ClientInfo, Viewer
from pixvault.graph.permissions import ACCESS_TABLE
from pixvault.graph.schema import build_schema
from pixvault.graphkit.access import Audience, Rule
from pixvault.graphkit.context import Context
from tests.conftest import PASSWORD, Env, unique_email
from tests.test_access_table import expected

SCHEMA = build_schema()
MUTATION = SCHEMA._schema.mutation_type
assert MUTATION is not None
ROLES = ["anonymous", "customer", "SUPPORT", "BILLING", "PRIVACY_OFFICER", "ADMIN"]
REFUSALS = {"UNAUTHENTICATED", "FORBIDDEN", "TWO_FACTOR_REQUIRED"}

SCALARS: dict[str, Any] = {
    "String": "made-up",
    "Int": 1,
    "Boolean": False,
    "DateTime": "2026-01-01T00:00:00+00:00",
    "JSON": {},
    "Upload": "not-a-file",
}


def made_up(type_: GraphQLInputType) -> Any:
    """A value of ``type_``: required input fields only, fresh ids (which name nothing)."""
    if isinstance(type_, GraphQLNonNull):
        return made_up(type_.of_type)
    if isinstance(type_, GraphQLList):
        return [made_up(type_.of_type)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {
            name: made_up(field.type)
            for name, field in type_.fields.items()
            if isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined
        }
    if type_.name == "ID":  # type: ignore[union-attr]
        return str(uuid.uuid4())
    return SCALARS[type_.name]  # type: ignore[union-attr]


def document(name: str) -> tuple[str, dict[str, Any]]:
    """The mutation with its required arguments as variables, selecting the payload's errors."""
    field = MUTATION.fields[name]
    required = {
        arg_name: arg
        for arg_name, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined
    }
    definitions = ", ".join(f"${a}: {arg.type}" for a, arg in required.items())
    arguments = ", ".join(f"{a}: ${a}" for a in required)
    payload = get_named_type(field.type)
    assert isinstance(payload, GraphQLObjectType) and "errors" in payload.fields, name
    text = (
        f"mutation {'(' + definitions + ')' if definitions else ''} "
        f"{{ {name}{'(' + arguments + ')' if arguments else ''} {{ errors {{ code }} }} }}"
    )
    return text, {a: made_up(arg.type) for a, arg in required.items()}


def allowed_by(rule: Rule, who: str) -> bool:
    """The row read for a root field, which is about no one: SELF there means signed in."""
    return expected(rule, who) or (who != "anonymous" and Audience.SELF in rule.audiences)


@pytest.fixture(scope="module")
async def viewers(env: Env) -> dict[str, Viewer]:
    made: dict[str, Viewer] = {"anonymous": Viewer()}
    for who in ROLES[1:]:
        roles = [Role.CUSTOMER] if who == "customer" else [Role(who)]
        user = await create_user(
            env.runtime.passwords,
            email=unique_email(who.lower()),
            name=who,
            password=PASSWORD,
            roles=roles,
        )
        made[who] = Viewer(user_id=str(user.id), roles=frozenset({Role.CUSTOMER, *roles}))
    return made


async def run(env: Env, viewer: Viewer, name: str) -> tuple[bool, str]:
    """Whether ``viewer`` was refused ``name``, and what the answer was."""
    query, variables = document(name)
    scope = {"type": "http", "method": "POST", "path": "/graphql", "headers": []}
    client = ClientInfo(ip_address=f"198.51.100.{uuid.uuid4().int % 250 + 1}")
    context = Context(
        request=Request(scope),
        response=Response(),
        runtime=env.runtime,
        viewer=Viewer(user_id=viewer.user_id, roles=viewer.roles, client=client),
    )
    result = await SCHEMA.execute(query, variable_values=variables, context_value=context)
    codes = {str((error.extensions or {}).get("code")) for error in result.errors or []}
    unplaced = [error.message for error in result.errors or [] if not error.path]
    assert unplaced == [], f"{name} did not run: {unplaced}"
    payload = (result.data or {}).get(name)
    codes |= {error["code"] for error in (payload or {}).get("errors", [])}
    return bool(codes & REFUSALS), f"{sorted(codes)}"


def test_every_mutation_has_a_row() -> None:
    missing = sorted(name for name in MUTATION.fields if f"Mutation.{name}" not in ACCESS_TABLE)
    assert missing == []


@pytest.mark.parametrize("name", sorted(MUTATION.fields))
async def test_each_role_gets_what_the_mutations_row_allows(
    env: Env, viewers: dict[str, Viewer], name: str
) -> None:
    rule = ACCESS_TABLE[f"Mutation.{name}"]
    wrong = []
    for who in ROLES:
        refused, answer = await run(env, viewers[who], name)
        if refused == allowed_by(rule, who):
            wrong.append(f"{who}: {'refused' if refused else 'let in'} ({answer})")
    assert wrong == [], f"Mutation.{name} ({rule.describe()}): {wrong}"


def test_rows_enforced_in_the_resolver_name_who() -> None:
    """``in_resolver`` only for mutations the schema does not guard, and never for ANYONE."""
    for key, rule in ACCESS_TABLE.items():
        if rule.in_resolver:
            assert key.startswith("Mutation."), key
            assert Audience.ANYONE not in rule.audiences, key
