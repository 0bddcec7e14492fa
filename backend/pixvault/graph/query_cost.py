"""Query cost analysis: how many fields a document may ask the server to resolve.

Depth, alias and token limits do not bound a document's size: ``me.assets → owner.assets →
owner.assets`` with 200 each stays shallow and asks for millions of nodes. Here every selected
field costs 1 for each time it can be resolved: a field with a ``first`` (or ``last``) argument
multiplies everything below it by that argument (its literal, its variable's value, or the
default), so nested lists multiply. Other lists (a connection's ``edges``, an asset's tags) are
bounded by the connection above them or by the data, and do not multiply again.

A document is analysed once into a *plan*: per operation, a sum of terms, each a constant times
the variables that size it. Evaluating a plan against one request's variables is a handful of
multiplications, so the analysis adds nothing measurable to a cached document's cost.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from math import prod
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from graphql.type.definition import GraphQLInterfaceType, GraphQLObjectType

from pixvault.graphkit.pagination import MAX_PAGE

#: The arguments that size a list.
SIZE_ARGUMENTS = ("first", "last")
#: The size a list gets when neither the request nor the schema gives one.
DEFAULT_SIZE = 50

#: A variable that sizes a list: its name, and the size when the request gives none (or null).
VariableSize = tuple[str, int]
#: Cost terms: the variables multiplying each term (sorted, repeats kept) → the constant factor.
Terms = dict[tuple[VariableSize, ...], int]


def add_scaled(into: Terms, terms: Terms, factor: int | VariableSize) -> None:
    for variables, constant in terms.items():
        if isinstance(factor, int):
            key, value = variables, constant * factor
        else:
            key, value = tuple(sorted((*variables, factor))), constant
        if value:
            into[key] = into.get(key, 0) + value


@dataclass
class Analysis:
    """One document's walk; fragments are analysed once per type and reused (a fragment
    spread twice at each of fifteen levels must not take 2^15 walks)."""

    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variable_defaults: dict[str, int | None] = field(default_factory=dict)
    memo: dict[tuple[str, str], Terms] = field(default_factory=dict)

    def selection_set(self, selections: SelectionSetNode, parent: GraphQLNamedType) -> Terms:
        terms: Terms = {}
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                add_scaled(terms, self.field(selection, parent), 1)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                if target is not None:
                    add_scaled(terms, self.selection_set(selection.selection_set, target), 1)
            elif isinstance(selection, FragmentSpreadNode):
                add_scaled(terms, self.fragment(selection.name.value), 1)
        return terms

    def fragment(self, name: str) -> Terms:
        definition = self.fragments.get(name)
        if definition is None:
            return {}
        key = (name, definition.type_condition.name.value)
        if key not in self.memo:
            self.memo[key] = {}  # a cycle (refused by validation anyway) counts nothing
            target = self.schema.get_type(key[1])
            if target is not None:
                self.memo[key] = self.selection_set(definition.selection_set, target)
        return self.memo[key]

    def field(self, node: FieldNode, parent: GraphQLNamedType) -> Terms:
        terms: Terms = {(): 1}
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return terms
        definition = parent.fields.get(node.name.value)
        if definition is None or node.selection_set is None:
            return terms
        below = self.selection_set(node.selection_set, get_named_type(definition.type))
        add_scaled(terms, below, self.size(node, definition))
        return terms

    def size(self, node: FieldNode, definition: GraphQLField) -> int | VariableSize:
        """The multiplier of a field's children: its first/last, or 1."""
        for name in SIZE_ARGUMENTS:
            if name not in definition.args:
                continue
            default = definition.args[name].default_value
            fallback = default if isinstance(default, int) else DEFAULT_SIZE
            given = next((a.value for a in node.arguments or () if a.name.value == name), None)
            if isinstance(given, IntValueNode):
                # A page larger than any connection serves is refused by its resolver with a
                # clearer error (BAD_USER_INPUT) than the price of a page never served.
                return min(max(int(given.value), 0), MAX_PAGE)
            if isinstance(given, VariableNode):
                variable = given.name.value
                variable_default = self.variable_defaults.get(variable)
                return (variable, fallback if variable_default is None else variable_default)
            return fallback
        return 1


def plan_document(schema: GraphQLSchema, document: DocumentNode) -> dict[str | None, Terms]:
    """Each operation's cost terms, by operation name (and under None when it is the only one)."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    plans: dict[str | None, Terms] = {}
    for operation in operations:
        root = schema.get_root_type(operation.operation)
        if root is None:
            continue
        defaults = {
            v.variable.name.value: int(v.default_value.value)
            if isinstance(v.default_value, IntValueNode)
            else None
            for v in operation.variable_definitions or ()
        }
        analysis = Analysis(schema, fragments, defaults)
        terms = analysis.selection_set(operation.selection_set, root)
        plans[operation.name.value if operation.name else None] = terms
        if len(operations) == 1:
            plans[None] = terms
    return plans


def evaluate(terms: Terms, variables: Mapping[str, Any] | None) -> int:
    """The cost of one request: the plan's terms with the request's variables put in."""
    values = variables or {}

    def size(variable: VariableSize) -> int:
        value = values.get(variable[0])
        if isinstance(value, int) and not isinstance(value, bool):
            return min(max(value, 0), MAX_PAGE)  # as for a literal (Analysis.size)
        return variable[1]  # absent, null or not a number (coercion refuses the latter)

    return sum(constant * prod(size(v) for v in sized) for sized, constant in terms.items())


class CostPlans:
    """Plans of recently seen documents, keyed by their text (as the parse cache is), bounded so
    that unique documents cannot grow memory without limit. One per schema."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.plans: dict[str, dict[str | None, Terms]] = {}

    def plan(
        self, schema: GraphQLSchema, query: str, document: DocumentNode
    ) -> dict[str | None, Terms]:
        plans = self.plans.get(query)
        if plans is None:
            plans = plan_document(schema, document)
            if len(self.plans) >= self.size:
                del self.plans[next(iter(self.plans))]  # the oldest
            self.plans[query] = plans
        return plans


def too_costly(cost: int, maximum: int) -> GraphQLError:
    return GraphQLError(
        f"This query may cost {cost}, more than the maximum of {maximum}: ask for fewer items "
        "(first/last) or nest fewer lists.",
        extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "maximumCost": maximum},
    )
