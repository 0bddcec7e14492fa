"""Operations that ask for nothing but ``__typename`` at the root, answered without executing.

``{ __typename }`` is what health checks, uptime probes and client libraries' connection tests
send. Its answer is the root type's name, known from the document alone, yet strawberry's
execution (its execution context, every extension hook, graphql-core's execution context) was
about half of its server CPU (bench/README.md, "The graph against the floor"). Such a document
is still parsed and validated through the guard rails' caches (graph/guard_rails.py), so a
document with too many aliases or tokens is refused the same way; anything else (fragments,
directives, variables, several operations, an operation name that does not match, a request
asking for its cost) takes the full path, which answers it exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphql import FieldNode, GraphQLError, OperationDefinitionNode, specified_rules
from strawberry.types.graphql import OperationType

from pixvault.graph.guard_rails import Limits, cached_parse, cached_validate

TYPENAME = "__typename"


def typename_only(document: Any, operation_name: str | None) -> OperationDefinitionNode | None:
    """The document's one operation when it selects only ``__typename`` (plainly) at the root."""
    if len(document.definitions) != 1:
        return None
    operation = document.definitions[0]
    if not isinstance(operation, OperationDefinitionNode):
        return None
    if operation_name is not None and (
        operation.name is None or operation.name.value != operation_name
    ):
        return None
    if operation.variable_definitions or operation.directives:
        return None
    for selection in operation.selection_set.selections:
        if not (
            isinstance(selection, FieldNode)
            and selection.name.value == TYPENAME
            and not selection.arguments
            and not selection.directives
            and selection.selection_set is None
        ):
            return None
    return operation


def trivial_data(
    schema: Any,
    limits: Limits,
    query: str,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    extensions: dict[str, Any] | None,
    allowed: Iterable[OperationType],
) -> tuple[str | None, dict[str, str]] | None:
    """The operation's name and its answer's data when it needs no execution, else None.

    ``schema`` is the strawberry schema; ``limits`` its guard rails (the same caches).
    """
    if variables or extensions:
        return None
    try:
        document = cached_parse(query, max_tokens=limits.max_tokens)
    except GraphQLError:
        return None
    operation = typename_only(document, operation_name)
    if operation is None or OperationType(operation.operation.value) not in allowed:
        return None
    core = schema._schema
    if cached_validate(core, document, tuple(specified_rules) + limits.rules):
        return None
    root = core.get_root_type(operation.operation)
    if root is None:
        return None
    data = {
        (selection.alias or selection.name).value: root.name
        for selection in operation.selection_set.selections
        if isinstance(selection, FieldNode)
    }
    return (operation.name.value if operation.name else None), data
