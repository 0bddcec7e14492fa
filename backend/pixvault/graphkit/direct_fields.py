"""Argument-less resolvers called directly, without strawberry's per-field wrapper.

Strawberry gives every field that has a resolver the same wrapper: argument conversion, the
field-extension chain and an ``Info`` built for the call, whether or not the field takes
arguments or asks for ``info``. For a field with no arguments and no field extensions that
wrapper only ends up calling ``method(source)`` (or ``method(source, info=Info(...))``), yet it
was most of the cost of a library page's plain fields (hasLocationData, viewCount, filename,
tags...: ten wrapped calls per asset; bench/README.md, "The graph against the floor").
``call_directly`` replaces such a field's resolver by that call alone. Fields with arguments,
field extensions or exception handlers keep strawberry's wrapper, and the access guards and
token scopes (graphkit/access.py, graph/token_scopes.py) wrap the direct resolver as they wrapped
strawberry's, so what a viewer may read is unchanged.
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLField, GraphQLFieldResolver, GraphQLResolveInfo
from strawberry.types.field import StrawberryField

from pixvault.graphkit.access import object_fields

DEFINITION = "strawberry-definition"


def direct_resolver(
    field: GraphQLField, info_class: type[strawberry.Info[Any, Any]]
) -> GraphQLFieldResolver | None:
    """The direct call for ``field``, or None when strawberry's wrapper has work to do."""
    definition = (field.extensions or {}).get(DEFINITION)
    if not isinstance(definition, StrawberryField) or field.args or definition.extensions:
        return None
    resolver = definition.base_resolver
    if resolver is None:
        # A plain attribute: strawberry reads it with its default resolver (getattr) through
        # two calls of its own.
        if definition.default_resolver is not getattr:
            return None
        attribute = definition.python_name
        return lambda source, info: getattr(source, attribute)
    if definition.arguments:
        return None
    if resolver.root_parameter or resolver.parent_parameter:
        return None
    function = resolver.wrapped_func
    if not callable(function):
        return None  # strawberry refuses it at call time (UncallableResolverError)
    takes_self = resolver.self_parameter is not None
    info_parameter = resolver.info_parameter
    if info_parameter is None:
        if takes_self:
            return lambda source, info: function(source)
        return lambda source, info: function()
    name = info_parameter.name

    def with_info(source: Any, info: GraphQLResolveInfo[Any]) -> Any:
        strawberry_info = info_class(_raw_info=info, _field=definition)
        if takes_self:
            return function(source, **{name: strawberry_info})
        return function(**{name: strawberry_info})

    return with_info


def call_directly(schema: strawberry.Schema) -> int:
    """Give every argument-less resolver of ``schema``'s object types its direct call (before
    the access guards wrap them); returns how many fields changed."""
    if getattr(schema.schema_converter, "_exception_handler_specs", None):
        return 0  # exception handlers turn errors into results inside the wrapper
    changed = 0
    for field in object_fields(schema._schema).values():
        direct = direct_resolver(field, schema.config.info_class)
        if direct is not None:
            field.resolve = direct
            changed += 1
    return changed
