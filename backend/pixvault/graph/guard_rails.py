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
answer's extensions. With PIXVAULT_QUERY_COST_PER_MINUTE set, each client also spends the cost
of what it runs from a budget per minute (BudgetedGuardRails).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from functools import _lru_cache_wrapper, lru_cache
from typing import TYPE_CHECKING

from graphql import DocumentNode, GraphQLError, parse
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.schema.schema import validate_document

from pixvault.core.logs import annotate
from pixvault.core.settings import Settings
from pixvault.graph.query_cost import CostPlans, evaluate, too_costly
from pixvault.observability.metrics import operation_label

if TYPE_CHECKING:
    from pixvault.graphkit.context import Context

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
    #: Cost one client may spend per minute (PIXVAULT_QUERY_COST_PER_MINUTE); 0: no budget.
    budget_per_minute: int = 0

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(
            settings.max_tokens,
            validation_rules(settings),  # made once: the validation cache is keyed by them
            settings.max_query_cost,
            CostPlans(CACHE_SIZE),
            settings.query_cost_per_minute,
        )

    def extension(self) -> Callable[[], SchemaExtension]:
        """The factory build_schema installs: the budget's store round trip (an async hook)
        only when a budget is configured."""
        if self.budget_per_minute:
            return lambda: BudgetedGuardRails(self)
        return lambda: GuardRails(self)


class GuardRails(SchemaExtension):
    """Pass as a factory over limits made once (Limits.extension)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def on_operation(self) -> Iterator[None]:
        # Everything happens in this one hook: strawberry skips its own parsing when the
        # document is set and its own validation when the errors are, and every hook an
        # extension defines costs each request a context manager.
        if self.check() is not None:
            self.name_operation()
        yield

    def name_operation(self) -> None:
        """Name the operation that is about to run for the request's logs and metrics (an
        unnamed request's single operation names it): here rather than in an extension of its
        own, whose hooks every request would pay for."""
        annotate(operation=operation_label(self.execution_context.operation_name))

    def check(self) -> int | None:
        """Parse, validate and price the document; the cost of an operation that may run."""
        context = self.execution_context
        limits = self.limits
        context.parse_options["max_tokens"] = limits.max_tokens
        context.validation_rules = context.validation_rules + limits.rules
        if not context.query or context.graphql_document is not None:
            return None
        try:
            document = cached_parse(context.query, **context.parse_options)
        except GraphQLError:
            return None  # strawberry parses it again and answers with the syntax error
        context.graphql_document = document
        schema = context.schema._schema
        context.pre_execution_errors = cached_validate(schema, document, context.validation_rules)
        if context.pre_execution_errors:
            return None
        terms = limits.plans.plan(schema, context.query, document).get(context.operation_name)
        if terms is None:
            return None  # strawberry says the operation is unknown
        cost = evaluate(terms, context.variables)
        if cost > limits.max_cost:
            context.pre_execution_errors = [too_costly(cost, limits.max_cost)]
            return None
        if (context.operation_extensions or {}).get("cost") is True:
            context.extensions_results["cost"] = {"cost": cost, "maximumCost": limits.max_cost}
        return cost


class BudgetedGuardRails(GuardRails):
    """GuardRails, and each client (the signed-in person, else the address) spends the cost of
    what it runs from a budget per minute; once it is spent, operations are refused before
    they run with QUERY_BUDGET_EXCEEDED and HTTP 429 until the minute is over."""

    async def on_operation(self) -> AsyncIterator[None]:  # type: ignore[override]
        cost = self.check()
        if cost:
            await self.spend(cost)
        if cost is not None and not self.execution_context.pre_execution_errors:
            self.name_operation()
        yield

    async def spend(self, cost: int) -> None:
        context = self.execution_context
        app: Context = context.context
        budget = self.limits.budget_per_minute
        viewer = app.viewer
        client = f"u:{viewer.user_id}" if viewer.user_id else f"ip:{viewer.client.ip_address}"
        spent = await app.runtime.store.incr(f"qc:{client}", BUDGET_WINDOW, amount=cost)
        if "cost" in context.extensions_results:
            context.extensions_results["cost"]["budgetLeft"] = max(budget - spent, 0)
        if spent > budget:
            context.pre_execution_errors = [budget_spent(budget)]
            app.response.status_code = 429
            app.response.headers["Retry-After"] = str(BUDGET_WINDOW)


#: The budget's window, in seconds.
BUDGET_WINDOW = 60


def budget_spent(budget: int) -> GraphQLError:
    return GraphQLError(
        f"This client has spent its query budget of {budget} a minute; try again in a minute.",
        extensions={"code": "QUERY_BUDGET_EXCEEDED", "budgetPerMinute": budget},
    )
