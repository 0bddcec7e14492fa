"""The one graph: each domain's queries and mutations merged, guarded by the access table."""

from __future__ import annotations

import logging
from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from pixvault.accounts.mutations import AccountsMutation
from pixvault.accounts.queries import AccountsQuery
from pixvault.assets.mutations import AssetsMutation
from pixvault.assets.queries import AssetsQuery
from pixvault.audit.queries import AuditQuery
from pixvault.billing.mutations import BillingMutation
from pixvault.billing.queries import BillingQuery
from pixvault.consents.mutations import ConsentsMutation
from pixvault.consents.queries import ConsentsQuery
from pixvault.core.settings import Settings
from pixvault.graph.guard_rails import Limits
from pixvault.graph.permissions import ACCESS_TABLE
from pixvault.graph.token_scopes import TOKEN_SCOPES, apply_token_scopes
from pixvault.graphkit.access import apply_access_rules
from pixvault.graphkit.direct_fields import call_directly
from pixvault.policies.mutations import PoliciesMutation
from pixvault.policies.queries import PoliciesQuery
from pixvault.privacy.mutations import PrivacyMutation
from pixvault.privacy.queries import PrivacyQuery
from pixvault.records.mutations import RecordsMutation
from pixvault.records.queries import RecordsQuery
from pixvault.safety.mutations import SafetyMutation
from pixvault.safety.queries import SafetyQuery

log = logging.getLogger("pixvault.graph")


@strawberry.type(
    description="Everything that can be read. Fields a viewer may not read answer null with "
    "a FORBIDDEN or UNAUTHENTICATED error; each such field's description says who may."
)
class Query(
    AccountsQuery,
    AssetsQuery,
    AuditQuery,
    BillingQuery,
    ConsentsQuery,
    PoliciesQuery,
    PrivacyQuery,
    RecordsQuery,
    SafetyQuery,
):
    pass


@strawberry.type(
    description="Everything that can be changed. Each mutation answers a payload whose "
    "`errors` list expected failures (bad input, a wrong password, a quota) with their codes."
)
class Mutation(
    AccountsMutation,
    AssetsMutation,
    BillingMutation,
    ConsentsMutation,
    PoliciesMutation,
    PrivacyMutation,
    RecordsMutation,
    SafetyMutation,
):
    pass


def is_unexpected(error: GraphQLError) -> bool:
    """An exception that escaped a resolver, as opposed to a coded or validation error."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class PixvaultSchema(strawberry.Schema):
    #: The guard rails every request of this schema shares (graph/trivial.py reads them too).
    limits: Limits | None = None

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if is_unexpected(error):
                log.error("unexpected error in %s", error.path, exc_info=error.original_error)


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The executable schema. Without settings: the full development schema (for export)."""
    settings = settings or Settings()
    # Factories, so each request gets fresh extension instances.
    limits = Limits.of(settings)
    extensions: list[Callable[[], SchemaExtension]] = [limits.extension()]
    if settings.is_production:
        extensions.append(lambda: MaskErrors(should_mask_error=is_unexpected))
    config = StrawberryConfig(disable_field_suggestions=not settings.introspection_enabled)
    schema = PixvaultSchema(query=Query, mutation=Mutation, extensions=extensions, config=config)
    schema.limits = limits
    call_directly(schema)
    apply_access_rules(schema._schema, ACCESS_TABLE)
    # Outermost, so a token caller lacking a scope hears that rather than a role's FORBIDDEN.
    apply_token_scopes(schema._schema, TOKEN_SCOPES)
    return schema


def export_sdl() -> str:
    return build_schema().as_str() + "\n"
