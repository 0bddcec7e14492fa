"""The graph's guard rails and caches in one schema extension.

A document is parsed (with a token limit) and validated (with the depth, alias and, when
introspection is off, introspection rules) once, then served from bounded LRU caches keyed by
its text and by the parsed document. One extension with one hook instead of strawberry's four
extensions (ParserCache, ValidationCache, MaxTokensLimiter, AddValidationRules), because every
hook of every extension costs each request a context manager, which was a large part of a
trivial query's cost; and the extra rules are made once, since the validation cache is keyed by
the rule classes (strawberry's QueryDepthLimiter and MaxAliasesLimiter make new ones per
instance, so as per-request extensions they made every request validate its document afresh).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import _lru_cache_wrapper, lru_cache

from graphql import DocumentNode, GraphQLError, parse
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.schema.schema import validate_document

from pixvault.settings import Settings

#: Distinct documents kept parsed and validated; bounded so that unique query texts cannot grow
#: memory without limit.
CACHE_SIZE = 512

cached_parse: _lru_cache_wrapper[DocumentNode] = lru_cache(maxsize=CACHE_SIZE)(parse)
cached_validate: _lru_cache_wrapper[list[GraphQLError]] = lru_cache(maxsize=CACHE_SIZE)(
    validate_document
)


def validation_rules(settings: Settings) -> tuple[type[ASTValidationRule], ...]:
    rules: list[type[ASTValidationRule]] = [
        depth_rule(settings.max_query_depth, None),
        aliases_rule(settings.max_aliases),
    ]
    if not settings.introspection_enabled:
        rules.append(NoSchemaIntrospectionCustomRule)
    return tuple(rules)


class GuardRails(SchemaExtension):
    """Pass as a factory over rules made once: ``lambda: GuardRails(max_tokens, rules)``."""

    def __init__(self, max_tokens: int, rules: tuple[type[ASTValidationRule], ...]) -> None:
        self.max_tokens = max_tokens
        self.rules = rules

    def on_operation(self) -> Iterator[None]:
        # Everything happens in this one hook: strawberry skips its own parsing when the
        # document is set and its own validation when the errors are, and every hook an
        # extension defines costs each request a context manager.
        context = self.execution_context
        context.parse_options["max_tokens"] = self.max_tokens
        context.validation_rules = context.validation_rules + self.rules
        if context.query and context.graphql_document is None:
            try:
                document = cached_parse(context.query, **context.parse_options)
            except GraphQLError:
                pass  # strawberry parses it again and answers with the syntax error
            else:
                context.graphql_document = document
                context.pre_execution_errors = cached_validate(
                    context.schema._schema, document, context.validation_rules
                )
        yield
