"""Field-level read guards driven by one declared table.

Every field of every object type in the schema has a row in ``ACCESS_TABLE`` (assembled from
each domain's ``permissions.RULES``). A row names the audiences that may read the field; once
the schema is built, each field whose rule is not open has its resolver wrapped by a guard, and
the rule is appended to the field's own description so every typed client sees who may read what.
A mutation may instead enforce its row itself (``rule(..., in_resolver=True)``): its resolver
refuses through the payload's errors (``require_user`` for SIGNED_IN), the field is not wrapped,
and tests/test_mutation_access.py checks that the mutation does what its row says.
A denial nulls that field alone, with ``extensions.code`` FORBIDDEN (UNAUTHENTICATED for an
anonymous viewer, TWO_FACTOR_REQUIRED for staff who have not turned on a second factor).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from graphql import (
    GraphQLField,
    GraphQLFieldResolver,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    default_field_resolver,
)

from pixvault.core.errors import forbidden, two_factor_required, unauthenticated
from pixvault.core.roles import STAFF_ROLES

if TYPE_CHECKING:
    from pixvault.core.viewer import Viewer
    from pixvault.graphkit.context import Context


class Audience(StrEnum):
    #: Anyone who can reach the object (the resolver that produced it decided that).
    ANYONE = "ANYONE"
    SIGNED_IN = "SIGNED_IN"
    #: The person the object is about (its ``subject_id``).
    SELF = "SELF"
    SUPPORT = "SUPPORT"
    BILLING = "BILLING"
    PRIVACY_OFFICER = "PRIVACY_OFFICER"
    ADMIN = "ADMIN"


STAFF = frozenset({Audience.SUPPORT, Audience.BILLING, Audience.PRIVACY_OFFICER, Audience.ADMIN})
_ROLE_OF = {Audience(role.value): role for role in STAFF_ROLES}


@dataclass(frozen=True)
class Rule:
    audiences: frozenset[Audience]
    #: A staff read of someone else's value writes an audit entry.
    audited: bool = False
    note: str = ""
    #: Enforced by the mutation's own resolver, which refuses with an UNAUTHENTICATED or
    #: FORBIDDEN error in its payload; the field is then not wrapped by a guard.
    in_resolver: bool = False

    @property
    def is_open(self) -> bool:
        return Audience.ANYONE in self.audiences

    @property
    def is_guarded(self) -> bool:
        """Whether a guard in front of the field's resolver enforces the rule."""
        return not self.is_open and not self.in_resolver

    def allows(self, viewer: Viewer, subject_id: str | None) -> bool:
        if self.is_open:
            return True
        if Audience.SIGNED_IN in self.audiences and viewer.is_authenticated:
            return True
        if Audience.SELF in self.audiences and viewer.is_self(subject_id):
            return True
        return any(_ROLE_OF[a] in viewer.roles for a in self.audiences if a in _ROLE_OF)

    def describe(self) -> str:
        if self.is_open:
            who = "anyone who can see the object"
        else:
            order = list(Audience)
            names: list[str] = [a.value for a in sorted(self.audiences, key=order.index)]
            if self.audiences >= STAFF:
                names = [a for a in names if Audience(a) not in STAFF] + ["STAFF"]
            who = ", ".join(names)
        text = f"Readable by: {who}."
        if self.audited:
            text += " Staff reads of another person's value are audited."
        if self.note:
            text += f" {self.note}"
        return text


def rule(
    *audiences: Audience | frozenset[Audience],
    audited: bool = False,
    note: str = "",
    in_resolver: bool = False,
) -> Rule:
    flat: set[Audience] = set()
    for a in audiences:
        flat |= a if isinstance(a, frozenset) else {a}
    return Rule(frozenset(flat), audited=audited, note=note, in_resolver=in_resolver)


#: A mutation that needs a signed-in viewer and checks it itself with ``require_user``.
SIGNED_IN_BY_RESOLVER = rule(Audience.SIGNED_IN, in_resolver=True)


OPEN = rule(Audience.ANYONE)


def _subject_id(source: Any) -> str | None:
    value = getattr(source, "subject_id", None)
    return str(value) if value is not None else None


def check(rule_: Rule, viewer: Viewer, source: Any) -> None:
    """Raise the coded GraphQL error when ``viewer`` may not read a field of ``source``."""
    if rule_.allows(viewer, _subject_id(source)):
        return
    if viewer.needs_two_factor and rule_.audiences & STAFF:
        raise two_factor_required()
    raise unauthenticated() if not viewer.is_authenticated else forbidden()


class MissingRuleError(RuntimeError):
    pass


class GuardedResolver:
    """A field's resolver behind its access rule."""

    def __init__(self, key: str, rule_: Rule, inner: GraphQLFieldResolver) -> None:
        self.key = key
        self.rule = rule_
        self.inner = inner

    def __call__(self, source: Any, info: GraphQLResolveInfo[Any], **kwargs: Any) -> Any:
        context: Context = info.context
        check(self.rule, context.viewer, source)
        if self.rule.audited:
            subject = _subject_id(source)
            if subject is not None and not context.viewer.is_self(subject):
                context.audit_read(self.key, subject)
        return self.inner(source, info, **kwargs)


def object_fields(schema: GraphQLSchema) -> dict[str, GraphQLField]:
    """Every field of every object type (introspection's own types aside), as Type.field."""
    return {
        f"{type_name}.{field_name}": field
        for type_name, type_ in schema.type_map.items()
        if isinstance(type_, GraphQLObjectType) and not type_name.startswith("__")
        for field_name, field in type_.fields.items()
    }


def apply_access_rules(schema: GraphQLSchema, table: Mapping[str, Rule]) -> None:
    """Wrap each guarded field's resolver and append its rule to its description.

    Refuses a schema with a field that has no declared rule.
    """
    for key, field in object_fields(schema).items():
        if key not in table:
            raise MissingRuleError(f"{key} has no row in the access table")
        rule_ = table[key]
        if not rule_.is_guarded or rule_of(field) is not None:
            continue
        field.resolve = GuardedResolver(key, rule_, field.resolve or default_field_resolver)
        field.description = with_rule(field.description, rule_)


def with_rule(description: str | None, rule_: Rule) -> str:
    """A field's own description followed by its rule (the rule alone when it has none)."""
    own = (description or "").strip()
    return f"{own}\n\n{rule_.describe()}" if own else rule_.describe()


def rule_of(field: GraphQLField) -> Rule | None:
    """The rule a field was guarded with, or None for an open field (looking through the
    token scope wrapper of graph/token_scopes.py)."""
    resolver: Any = field.resolve
    while resolver is not None and not isinstance(resolver, GuardedResolver):
        resolver = getattr(resolver, "inner", None)
    return resolver.rule if isinstance(resolver, GuardedResolver) else None
