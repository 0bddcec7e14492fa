"""The machinery of the access probes (tests/test_access_probes*.py).

A probe names one id-taking argument of one Query or Mutation field ("Mutation.updateAsset(id)")
and the object whose id it is given. Its GraphQL document is generated from the schema, with
every field the result type offers selected two levels deep, so a refused call has the most
chances to leak. Who may call it is derived, never listed by hand: the field's row of the one
access table (graph/permissions.py), intersected with the object-level rule the owning service
applies (``who_may``). Every prober outside that intersection must be refused (the field null,
or a payload whose only content is a FORBIDDEN or NOT_FOUND error), with none of the object's
private values anywhere in the response, and the object unchanged in the database afterwards.

Probers: "anonymous" (not signed in), "owner" (the person the object is about), "customer"
(another customer), and one staff member of each staff role.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from graphql import (
    GraphQLField,
    GraphQLID,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    Undefined,
    get_named_type,
    is_non_null_type,
)
from tortoise.models import Model

from pixvault.graph.permissions import ACCESS_TABLE
from pixvault.graph.schema import build_schema
from pixvault.graphkit.access import Audience, Rule
from tests.conftest import Env, GraphQLResponse, gql, log_in, make_staff

SCHEMA: GraphQLSchema = build_schema()._schema
STAFF_ROLES = ("SUPPORT", "BILLING", "PRIVACY_OFFICER", "ADMIN")
PROBERS = ("anonymous", "owner", "customer", *STAFF_ROLES)
#: What a refused call may answer with (as extensions.code or UserError.code).
REFUSALS = frozenset({"FORBIDDEN", "NOT_FOUND", "UNAUTHENTICATED"})


def id_taking_fields(schema: GraphQLSchema = SCHEMA) -> set[str]:
    """Every "Type.field(arg)" or "Type.field(arg.inputField)" of an object type whose argument
    (or a field of an input argument) is an ID: every place a client names an object by id."""
    found: set[str] = set()
    for type_name, type_ in schema.type_map.items():
        if not isinstance(type_, GraphQLObjectType) or type_name.startswith("__"):
            continue
        for field_name, field_ in type_.fields.items():
            for arg_name, arg in field_.args.items():
                named = get_named_type(arg.type)
                if named is GraphQLID:
                    found.add(f"{type_name}.{field_name}({arg_name})")
                elif isinstance(named, GraphQLInputObjectType):
                    for inner_name, inner in named.fields.items():
                        if get_named_type(inner.type) is GraphQLID:
                            found.add(f"{type_name}.{field_name}({arg_name}.{inner_name})")
    return found


def allows(rule: Rule, who: str) -> bool:
    names = {a.value for a in rule.audiences}
    if Audience.ANYONE.value in names:
        return True
    if who == "anonymous":
        return False
    if Audience.SIGNED_IN.value in names:
        return True
    if who == "owner":
        return Audience.SELF.value in names
    return who in names  # "customer" never is: another customer is nobody's audience


def permitted(field_key: str, who_may: Rule | None, who: str) -> bool:
    """The field's row of the access table, and the service's object-level rule, allow it."""
    rules = [ACCESS_TABLE[field_key]] + ([who_may] if who_may else [])
    return all(allows(r, who) for r in rules)


#: Nobody may use the id this way (e.g. reporting a private asset, which must not be findable).
NOBODY = Rule(frozenset())


@dataclass(frozen=True)
class Probe:
    #: "Query.asset" or "Mutation.updateAsset".
    field: str
    #: The argument naming the object: "id", or "input.userId" inside an input argument.
    target: str
    #: Which of the module's objects it names (a key of the ids mapping the test passes).
    obj: str
    #: The object-level rule of the owning service (None: the field's row alone decides).
    who_may: Rule | None = None
    #: The other arguments; an input argument's target field is filled in.
    args: Mapping[str, Any] = field(default_factory=dict)
    #: Tells apart two probes of one argument (e.g. UPHOLD and DISMISS).
    variant: str = ""

    @property
    def key(self) -> str:
        return f"{self.field}({self.target})"

    @property
    def root_name(self) -> str:
        return self.field.split(".")[1]

    @property
    def name(self) -> str:
        return f"{self.key}{'-' + self.variant if self.variant else ''}"

    def allowed(self, who: str) -> bool:
        return permitted(self.field, self.who_may, who)

    def refused(self) -> list[str]:
        return [who for who in PROBERS if not self.allowed(who)]

    def root(self) -> GraphQLField:
        type_name, field_name = self.field.split(".")
        root = SCHEMA.query_type if type_name == "Query" else SCHEMA.mutation_type
        assert root is not None
        return root.fields[field_name]

    def document(self) -> str:
        type_name, field_name = self.field.split(".")
        root = self.root()
        head = self.target.split(".")[0]
        names = [head, *(a for a in self.args if a != head)]
        definitions = ", ".join(f"${n}: {root.args[n].type}" for n in names)
        arguments = ", ".join(f"{n}: ${n}" for n in names)
        operation = "query" if type_name == "Query" else "mutation"
        return (
            f"{operation}({definitions}) {{ {field_name}({arguments}) {selection(root.type, 2)} }}"
        )

    def variables(self, object_id: str) -> dict[str, Any]:
        values = {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in self.args.items()}
        head, _, inner = self.target.partition(".")
        if inner:
            values[head] = {**values.get(head, {}), inner: object_id}
        else:
            values[head] = object_id
        return values


def needs_arguments(field_: GraphQLField) -> bool:
    return any(
        is_non_null_type(a.type) and a.default_value is Undefined for a in field_.args.values()
    )


def selection(type_: GraphQLOutputType, depth: int) -> str:
    """Every field of the type that needs no argument, objects ``depth`` levels down."""
    named = get_named_type(type_)
    if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
        return ""
    parts: list[str] = []
    for name, field_ in named.fields.items():
        if needs_arguments(field_):
            continue
        inner = get_named_type(field_.type)
        if isinstance(inner, GraphQLObjectType | GraphQLInterfaceType):
            if depth > 0:
                parts.append(f"{name} {selection(field_.type, depth - 1)}")
        else:
            parts.append(name)
    return "{ " + " ".join(parts or ["__typename"]) + " }"


def refusal_codes(result: GraphQLResponse, root: str) -> list[str]:
    """Assert the response is a refusal of ``root`` and return the codes it gave."""
    assert result.http.status_code == 200, result.http.text
    codes = [(e.get("extensions") or {}).get("code") for e in result.errors]
    assert set(codes) <= REFUSALS, result.body  # no 500-like error without a code
    value = (result.body.get("data") or {}).get(root)
    if value is None:
        return [str(c) for c in codes]
    assert isinstance(value, dict), result.body
    payload_errors = value.get("errors") or []
    assert payload_errors, f"{root} was not refused: {result.body}"
    codes += [e["code"] for e in payload_errors]
    assert set(codes) <= REFUSALS, result.body
    for key, item in value.items():
        if key != "errors":
            assert item in (None, False, []), f"{root}.{key} answered: {result.body}"
    return [str(c) for c in codes]


def assert_silent(result: GraphQLResponse, secrets: Iterable[str]) -> None:
    text = result.http.text
    for secret in secrets:
        assert secret not in text, f"{secret!r} leaked: {text}"


async def run_probe(
    cast: Cast,
    probe: Probe,
    object_id: str,
    secrets: Iterable[str],
    state: Callable[[], Awaitable[object]],
) -> list[str]:
    """Try the probe as each prober it must refuse; returns who was tried."""
    secrets = list(secrets)
    before = await state()
    tried = probe.refused()
    assert "customer" in tried, f"{probe.name}: another customer would be allowed"
    for who in tried:
        result = await gql(cast.clients[who], probe.document(), probe.variables(object_id))
        refusal_codes(result, probe.root_name)
        assert_silent(result, secrets)
        assert await state() == before, f"{probe.name} as {who} changed the object"
        # No oracle: the refusal reads exactly as the answer about an id that names nothing.
        unknown = await gql(cast.clients[who], probe.document(), probe.variables(str(uuid.uuid4())))
        assert result.body == unknown.body, f"{probe.name} as {who} tells the object exists"
    return tried


@dataclass(frozen=True)
class ListProbe:
    """A Query field that lists objects without being given an id: the object ``marker`` shows
    (its id, or a value only it has) must be there for whom ``who_may`` allows and absent, with
    every secret, for everyone else."""

    field: str
    marker: str
    who_may: Rule | None = None
    #: How deep the document selects: a list of objects that link to people (a message's
    #: sender, with that person's own lists) costs over the query cost limit at 3.
    depth: int = 3

    @property
    def name(self) -> str:
        return f"{self.field}[{self.marker}]"

    def document(self) -> str:
        name = self.field.split(".")[1]
        root = SCHEMA.query_type
        assert root is not None and self.field.startswith("Query.")
        return f"{{ {name} {selection(root.fields[name].type, self.depth)} }}"


async def run_list_probe(
    cast: Cast, probe: ListProbe, marker: str, secrets: Iterable[str]
) -> list[str]:
    """List as every prober; returns who must not see the object."""
    refused = []
    for who in PROBERS:
        result = await gql(cast.clients[who], probe.document())
        assert result.http.status_code == 200, result.http.text
        codes = {(e.get("extensions") or {}).get("code") for e in result.errors}
        assert None not in codes, result.body  # no unexpected (500-like) error
        if permitted(probe.field, probe.who_may, who):
            assert marker in result.http.text, f"{probe.name}: {who} should see it"
        else:
            refused.append(who)
            assert codes <= REFUSALS, result.body
            assert_silent(result, [marker, *secrets])
    return refused


async def rows(model: type[Model], fields: Iterable[str], **filters: Any) -> list[dict[str, Any]]:
    """The matching rows' ``fields`` as stored, for before/after comparisons (columns a
    prober's own use of the service may touch, such as last_seen_at, left out)."""
    return list(await model.filter(**filters).order_by("id").values("id", *fields))


@dataclass
class Cast:
    """A signed-in client and user id for each prober."""

    clients: dict[str, httpx.AsyncClient]
    user_ids: dict[str, str]
    emails: dict[str, str]

    @property
    def owner(self) -> httpx.AsyncClient:
        return self.clients["owner"]


@dataclass
class Seeded:
    """What a probe module's fixture made: the cast, the ids of the objects probed (by the
    probes' ``obj``/``marker`` names) and the secrets no prober may read."""

    cast: Cast
    ids: dict[str, str]
    secrets: list[str]


@asynccontextmanager
async def open_cast(env: Env) -> AsyncIterator[Cast]:
    async with AsyncExitStack() as stack:
        cast = Cast({}, {}, {})
        for who in PROBERS:
            cast.clients[who] = await stack.enter_async_context(env.client())

        async def sign_in(who: str) -> None:
            role = who if who in STAFF_ROLES else "CUSTOMER"
            cast.user_ids[who], cast.emails[who] = await make_staff(env, role)
            result = await log_in(cast.clients[who], cast.emails[who])
            assert result.data["logIn"]["errors"] == [], result.body

        # Concurrently: password hashing runs off the event loop.
        await asyncio.gather(*(sign_in(who) for who in PROBERS if who != "anonymous"))
        yield cast
