"""Every type, field, argument, input field and enum value of the graph has a description,
in the committed schema.graphql and in the live schema, and a guarded field keeps its own
description with its access rule appended."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    specified_scalar_types,
)

from pixvault.core import described
from pixvault.graph.schema import build_schema as build_pixvault_schema
from pixvault.graphkit.access import object_fields, rule_of

ROOT = Path(__file__).resolve().parents[1]
LIVE = build_pixvault_schema()._schema


def words(text: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    return re.findall(r"[a-z0-9]+", spaced.lower())


def lacking(schema: GraphQLSchema) -> list[str]:
    """Each place without a description, or whose description only restates its name."""
    places: list[str] = []

    def check(place: str, name: str, description: str | None) -> None:
        if not (description or "").strip():
            places.append(f"{place}: no description")
        elif words(description or "") == words(name):
            places.append(f"{place}: the description only restates the name")

    for type_name, type_ in schema.type_map.items():
        if type_name.startswith("__") or type_name in specified_scalar_types:
            continue
        check(type_name, type_name, type_.description)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in type_.fields.items():
                check(f"{type_name}.{field_name}", field_name, field.description)
                for arg_name, arg in getattr(field, "args", {}).items():
                    check(f"{type_name}.{field_name}({arg_name})", arg_name, arg.description)
        if isinstance(type_, GraphQLEnumType):
            for value_name, value in type_.values.items():
                check(f"{type_name}.{value_name}", value_name, value.description)
    return places


def test_the_walk_names_each_place_without_a_description() -> None:
    bare = build_schema(
        '"a thing" type Query { "what it is" thing(id: ID!, "how many" first: Int): Kind '
        "other: Int } "
        '"a kind" enum Kind { "one kind" ONE TWO } '
        'input In { "a value" value: Int other: Int } '
        '"Root" type Mutation { "Does it" doIt(input: In): Int }'
    )
    assert sorted(lacking(bare)) == [
        "In.other: no description",
        "In: no description",
        "Kind.TWO: no description",
        "Mutation.doIt(input): no description",
        "Query.other: no description",
        "Query.thing(id): no description",
    ]


def test_the_committed_schema_describes_everything() -> None:
    exported = build_schema((ROOT / "schema.graphql").read_text())
    places = lacking(exported)
    assert places == [], "\n".join(places)


def test_the_live_schema_describes_everything() -> None:
    places = lacking(LIVE)
    assert places == [], "\n".join(places)


def test_guarded_fields_keep_their_own_description_before_the_rule() -> None:
    bare: list[str] = []
    for key, field in object_fields(LIVE).items():
        rule = rule_of(field)
        if rule is None:
            continue
        description = field.description or ""
        assert description.endswith(rule.describe()), key
        if not description.removesuffix(rule.describe()).strip():
            bare.append(key)
    assert bare == [], f"guarded fields described only by their rule: {bare}"


def test_a_described_enum_must_describe_each_value_and_no_other() -> None:
    class Shade(StrEnum):
        LIGHT = "LIGHT"
        DARK = "DARK"

    with pytest.raises(ValueError, match="DARK"):
        described.enum("A shade.", {"LIGHT": "Pale."})(Shade)
    with pytest.raises(ValueError, match="Shade"):
        described.enum("A shade.", {"LIGHT": "Pale.", "DARK": "Deep.", "GREY": "Neither."})(Shade)
