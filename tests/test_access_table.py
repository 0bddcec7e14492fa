"""The access table: every field of the exported schema has a rule, and every guarded field
enforces it for every role (FORBIDDEN, or UNAUTHENTICATED for an anonymous viewer)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from graphql import GraphQLError, GraphQLObjectType, build_schema

from pixvault.core.roles import Role
from pixvault.core.viewer import Viewer
from pixvault.graph.permissions import ACCESS_TABLE
from pixvault.graph.schema import build_schema as build_pixvault_schema
from pixvault.graph.token_scopes import ScopedResolver
from pixvault.graphkit.access import (
    STAFF,
    Audience,
    GuardedResolver,
    Rule,
    object_fields,
    rule_of,
)

SCHEMA = build_pixvault_schema()
FIELDS = object_fields(SCHEMA._schema)
CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "contract" / "minimum.graphql"

OTHER = "11111111-1111-1111-1111-111111111111"
ME = "22222222-2222-2222-2222-222222222222"

VIEWERS: dict[str, Viewer] = {
    "anonymous": Viewer(),
    "self": Viewer(user_id=OTHER, roles=frozenset({Role.CUSTOMER})),
    "customer": Viewer(user_id=ME, roles=frozenset({Role.CUSTOMER})),
    **{
        role.value: Viewer(user_id=ME, roles=frozenset({Role.CUSTOMER, role}))
        for role in (Role.SUPPORT, Role.BILLING, Role.PRIVACY_OFFICER, Role.ADMIN)
    },
}


def expected(rule: Rule, who: str) -> bool:
    """The table read independently of Rule.allows."""
    names = {a.value for a in rule.audiences}
    if "ANYONE" in names:
        return True
    if who == "anonymous":
        return False
    if "SIGNED_IN" in names:
        return True
    if who == "self":
        return "SELF" in names
    return who in names


def test_every_schema_field_has_a_rule_and_every_rule_a_field() -> None:
    missing = sorted(set(FIELDS) - set(ACCESS_TABLE))
    stale = sorted(set(ACCESS_TABLE) - set(FIELDS))
    assert missing == [], f"fields with no access rule: {missing}"
    assert stale == [], f"access rules for fields the schema lacks: {stale}"


def test_guarded_fields_carry_their_rule_and_describe_it() -> None:
    for key, field in FIELDS.items():
        rule = ACCESS_TABLE[key]
        if not rule.is_guarded:
            assert rule_of(field) is None, key
        else:
            assert rule_of(field) is rule, key
            assert field.description and field.description.endswith(rule.describe()), key


class Source:
    subject_id = OTHER


@pytest.mark.parametrize("who", sorted(VIEWERS))
@pytest.mark.parametrize("key", sorted(k for k in FIELDS if ACCESS_TABLE[k].is_guarded))
def test_each_role_gets_what_the_table_allows(key: str, who: str) -> None:
    field = FIELDS[key]
    rule = ACCESS_TABLE[key]
    context = SimpleNamespace(viewer=VIEWERS[who], audit_reads={})
    context.audit_read = lambda what, subject: context.audit_reads.setdefault(subject, set()).add(
        what
    )
    info: Any = SimpleNamespace(context=context)
    sentinel = object()

    def resolve_next(*args: Any, **kwargs: Any) -> object:
        return sentinel

    guarded = field.resolve
    if isinstance(guarded, ScopedResolver):  # the token scope wrapper (graph/token_scopes.py)
        guarded = guarded.inner
    assert isinstance(guarded, GuardedResolver) and guarded.rule is rule
    # The same guard in front of a resolver that returns the sentinel.
    probe = GuardedResolver(guarded.key, guarded.rule, resolve_next)
    allowed = expected(rule, who)
    try:
        result = probe(Source(), info)
    except GraphQLError as error:
        assert not allowed, f"{who} was refused {key}"
        code = (error.extensions or {}).get("code")
        assert code == ("UNAUTHENTICATED" if who == "anonymous" else "FORBIDDEN")
        return
    assert allowed, f"{who} could read {key}"
    assert result is sentinel
    staff_read = who not in ("self", "anonymous", "customer")
    if rule.audited and staff_read:
        assert context.audit_reads == {OTHER: {key}}
    else:
        assert context.audit_reads == {}


ROLE_WORDS = {
    "SELF": {Audience.SELF},
    "owner": {Audience.SELF},
    "STAFF": set(STAFF),
    "SUPPORT": {Audience.SUPPORT},
    "BILLING": {Audience.BILLING},
    "PRIVACY_OFFICER": {Audience.PRIVACY_OFFICER},
    "ADMIN": {Audience.ADMIN},
}


def contract_roles(description: str) -> set[Audience] | None:
    """The audiences a contract description names, when it starts with a plain role list."""
    if re.search(r"\bothers\b", description):
        return None  # e.g. "PRIVACY_OFFICER, ADMIN: all ...; others get their own"
    head = re.split(r"[;:]| only|\bnull\b", description, maxsplit=1)[0]
    words = [w.strip() for w in head.split(",") if w.strip()]
    if not words or any(w not in ROLE_WORDS for w in words):
        return None
    audiences: set[Audience] = set()
    for word in words:
        audiences |= ROLE_WORDS[word]
    return audiences


#: Fields the table deliberately opens to fewer roles than the minimum graph's note, and why.
NARROWED = {
    # Data minimisation (security review): billing staff need a customer's name, email and
    # company for payments, not when they last signed in.
    "User.lastLogInAt": {Audience.BILLING},
}


@pytest.mark.skipif(not CONTRACT.exists(), reason="shared/contract is not beside the checkout")
def test_rules_follow_the_contracts_role_notes() -> None:
    contract = build_schema(CONTRACT.read_text())
    checked = 0
    for type_name, type_ in contract.type_map.items():
        if not isinstance(type_, GraphQLObjectType) or type_name.startswith("__"):
            continue
        for field_name, field in type_.fields.items():
            key = f"{type_name}.{field_name}"
            roles = contract_roles(field.description or "")
            if roles is None or key not in ACCESS_TABLE:
                continue
            if type_name in ("Query", "Mutation") and roles == {Audience.SELF}:
                # A root field is about no object: SELF there means the signed-in viewer.
                roles = {Audience.SIGNED_IN}
            assert set(ACCESS_TABLE[key].audiences) == roles - NARROWED.get(key, set()), key
            checked += 1
    assert checked >= 5
