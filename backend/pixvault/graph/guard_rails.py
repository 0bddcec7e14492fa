"""The graph's guard rails and caches in one schema extension.

A document is parsed (with a token limit) and validated (with the depth, alias and, when
introspection is off, introspection rules) once, then served from bounded LRU caches keyed by
its text and by the parsed document. One extension with one hook instead of strawberry's four
extensions (ParserCache, ValidationCache, MaxTokensLimiter, AddValidationRules), because every
hook of every extension costs each request a context manager, which was a large part of a
trivial query's cost; and the extra rules are made once, since the validation cache is keyed by
the rule classes (strawberry's QueryDepthLimiter and MaxAliasesLimiter make new ones per
instance, so as per-request extensions they made every request validate its document afresh).

A valid document is then priced (query_cost.py): its plan is cached by its text, and each
request only puts its variables in; one over PIXVAULT_MAX_QUERY_COST is refused before it runs.
A request whose GraphQL ``extensions`` hold ``"cost": true`` gets the price back in the
answer's extensions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import _lru_cache_wrapper, lru_cache

from graphql import DocumentNode, GraphQLError, parse
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.schema.schema import validate_document

from pixvault.graph.query_cost import CostPlans, evaluate, too_costly
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


@dataclass(frozen=True)
class Limits:
    """What every request of one schema shares: made once, in build_schema."""

    max_tokens: int
    rules: tuple[type[ASTValidationRule], ...]
    max_cost: int
    plans: CostPlans

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(
            settings.max_tokens,
            validation_rules(settings),  # made once: the validation cache is keyed by them
            settings.max_query_cost,
            CostPlans(CACHE_SIZE),
        )


class GuardRails(SchemaExtension):
    """Pass as a factory over limits made once: ``lambda: GuardRails(limits)``."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def on_operation(self) -> Iterator[None]:
        # Everything happens in this one hook: strawberry skips its own parsing when the
        # document is set and its own validation when the errors are, and every hook an
        # extension defines costs each request a context manager.
        context = self.execution_context
        limits = self.limits
        context.parse_options["max_tokens"] = limits.max_tokens
        context.validation_rules = context.validation_rules + limits.rules
        if context.query and context.graphql_document is None:
            try:
                document = cached_parse(context.query, **context.parse_options)
            except GraphQLError:
                pass  # strawberry parses it again and answers with the syntax error
            else:
                context.graphql_document = document
                schema = context.schema._schema
                errors = cached_validate(schema, document, context.validation_rules)
                if not errors:
                    plans = limits.plans.plan(schema, context.query, document)
                    terms = plans.get(context.operation_name)
                    if terms is not None:  # else strawberry says the operation is unknown
                        cost = evaluate(terms, context.variables)
                        if cost > limits.max_cost:
                            errors = [too_costly(cost, limits.max_cost)]
                        elif (context.operation_extensions or {}).get("cost") is True:
                            context.extensions_results["cost"] = {
                                "cost": cost,
                                "maximumCost": limits.max_cost,
                            }
                context.pre_execution_errors = errors
        yield
