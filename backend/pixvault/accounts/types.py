"""GraphQL types of the accounts domain. Who may read each field: accounts/permissions.py."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from pixvault.accounts import models
from pixvault.accounts.activity import ActivityKind
from pixvault.accounts.roles import Role
from pixvault.accounts.scopes import ApiScope
from pixvault.clock import now
from pixvault.graph.context import Context
from pixvault.graph.pagination import After, Before, Connection, Edge, First, Last, paginate

if TYPE_CHECKING:
    from pixvault.assets.types import AssetConnection
    from pixvault.billing.types import BillingSubscription, Payment, Plan, Usage
    from pixvault.consents.types import ConsentRecord, ConsentState
    from pixvault.privacy.types import DataSubjectRequest
    from pixvault.records.types import LegalHold


@strawberry.type
class Session:
    id: strawberry.ID
    current: bool
    persistent: bool = strawberry.field(
        description="true for a remember-me (persistent) cookie, false for a browser-session cookie"
    )
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime | None
    ended_at: datetime | None
    ip_address: str | None
    browser: str | None
    os: str | None
    subject_id: strawberry.Private[str]

    @classmethod
    def from_model(cls, row: models.Session, current_id: str | None) -> Session:
        return cls(
            id=strawberry.ID(str(row.id)),
            current=str(row.id) == current_id,
            persistent=row.persistent,
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            expires_at=row.expires_at,
            ended_at=row.ended_at,
            ip_address=row.ip_address,
            browser=row.browser,
            os=row.os,
            subject_id=str(row.user_id),  # type: ignore[attr-defined]
        )


_SCOPE_VALUES = frozenset(s.value for s in ApiScope)


def _expired(row: models.ApiToken) -> bool:
    return row.expires_at is not None and row.expires_at <= now()


@strawberry.type
class ApiToken:
    id: strawberry.ID
    name: str
    scopes: list[ApiScope]
    created_at: datetime
    expires_at: datetime | None = strawberry.field(description="null: the token never expires")
    last_used_at: datetime | None
    subject_id: strawberry.Private[str]

    @classmethod
    def from_model(cls, row: models.ApiToken) -> ApiToken:
        return cls(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            scopes=[ApiScope(s) for s in row.scopes if s in _SCOPE_VALUES],
            created_at=row.created_at,
            expires_at=row.expires_at,
            last_used_at=row.last_used_at,
            subject_id=str(row.user_id),  # type: ignore[attr-defined]
        )


@strawberry.type
class ActivityEvent:
    id: strawberry.ID
    kind: ActivityKind
    at: datetime
    ip_address: str | None
    country: str | None
    browser: str | None
    browser_version: str | None
    os: str | None
    platform: str | None
    timezone: str | None
    target: str | None = strawberry.field(
        description="the asset, page path or other thing acted on"
    )

    @classmethod
    def from_model(cls, row: models.ActivityEvent) -> ActivityEvent:
        return cls(
            id=strawberry.ID(str(row.id)),
            kind=ActivityKind(row.kind),
            at=row.at,
            ip_address=row.ip_address,
            country=row.country,
            browser=row.browser,
            browser_version=row.browser_version,
            os=row.os,
            platform=row.platform,
            timezone=row.timezone,
            target=row.target,
        )


@strawberry.type(name="ActivityEdge")
class ActivityEdge(Edge[ActivityEvent]):
    pass


@strawberry.type(name="ActivityConnection")
class ActivityConnection(Connection[ActivityEvent]):
    edges: list[ActivityEdge]  # type: ignore[assignment]


@strawberry.type
class User:
    id: strawberry.ID
    created_at: datetime
    model: strawberry.Private[models.User]

    @property
    def subject_id(self) -> str:
        return str(self.model.id)

    @classmethod
    def from_model(cls, row: models.User) -> User:
        return cls(id=strawberry.ID(str(row.id)), created_at=row.created_at, model=row)

    @strawberry.field
    def name(self) -> str | None:
        return self.model.name

    @strawberry.field
    def email(self) -> str | None:
        return self.model.email

    @strawberry.field
    def company_name(self) -> str | None:
        return self.model.company_name

    @strawberry.field
    def roles(self) -> list[Role] | None:
        return [Role(r) for r in self.model.roles if r in Role.__members__]

    @strawberry.field
    def last_log_in_at(self) -> datetime | None:
        return self.model.last_log_in_at

    @strawberry.field(description="when an ADMIN disabled the account; null while it is enabled")
    def disabled_at(self) -> datetime | None:
        return self.model.disabled_at

    @strawberry.field(description="whether log-in asks for a code from an authenticator app")
    async def two_factor_enabled(self) -> bool | None:
        from pixvault.accounts.two_factor import is_enabled

        return await is_enabled(str(self.model.id))

    @strawberry.field(description="unused two-factor recovery codes")
    async def recovery_codes_left(self) -> int | None:
        from pixvault.accounts.two_factor import recovery_codes_left

        return await recovery_codes_left(str(self.model.id))

    @strawberry.field
    async def sessions(self, info: Info[Context, None]) -> list[Session] | None:
        rows = await models.Session.filter(user_id=self.model.id).order_by("-created_at")
        current = info.context.viewer.session_id
        return [Session.from_model(row, current) for row in rows]

    @strawberry.field(description="the sessions, newest first, a page at a time")
    async def sessions_connection(
        self,
        info: Info[Context, None],
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Session] | None:
        current = info.context.viewer.session_id
        query = models.Session.filter(user_id=self.model.id).order_by("-created_at", "-id")
        return await paginate(
            query,
            first,
            after,
            lambda row: Session.from_model(row, current),
            last=last,
            before=before,
        )

    @strawberry.field(description="API tokens for scripts and mobile apps, newest first")
    async def api_tokens(self) -> list[ApiToken] | None:
        rows = await models.ApiToken.filter(user_id=self.model.id, revoked_at=None).order_by(
            "-created_at"
        )
        return [ApiToken.from_model(row) for row in rows if not _expired(row)]

    @strawberry.field(description="the live API tokens, newest first, a page at a time")
    async def api_tokens_connection(
        self,
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ApiToken] | None:
        query = models.ApiToken.filter(user_id=self.model.id, revoked_at=None)
        return await paginate(
            query.order_by("-created_at", "-id"),
            first,
            after,
            ApiToken.from_model,
            last=last,
            before=before,
        )

    @strawberry.field
    async def activity(
        self,
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> ActivityConnection | None:
        query = models.ActivityEvent.filter(user_id=self.model.id).order_by("-at", "-id")
        names = (ActivityConnection, ActivityEdge)
        page = await paginate(
            query, first, after, ActivityEvent.from_model, names, last=last, before=before
        )
        assert isinstance(page, ActivityConnection)
        return page

    @strawberry.field(description="the append-only consent ledger, newest first")
    async def consent_history(
        self,
    ) -> list[Annotated[ConsentRecord, strawberry.lazy("pixvault.consents.types")]] | None:
        from pixvault.consents.types import consent_history

        return await consent_history(str(self.model.id))

    @strawberry.field
    async def data_subject_requests(
        self,
    ) -> list[Annotated[DataSubjectRequest, strawberry.lazy("pixvault.privacy.types")]] | None:
        from pixvault.privacy.models import DataSubjectRequest as Row
        from pixvault.privacy.types import DataSubjectRequest

        rows = await Row.filter(subject_id=self.model.id).order_by("-received_at")
        return [DataSubjectRequest.from_model(row) for row in rows]

    @strawberry.field
    async def payments(
        self,
    ) -> list[Annotated[Payment, strawberry.lazy("pixvault.billing.types")]] | None:
        from pixvault.billing.types import payments_of

        return await payments_of(str(self.model.id))

    @strawberry.field
    async def plan(self) -> Annotated[Plan, strawberry.lazy("pixvault.billing.types")] | None:
        from pixvault.billing.plans import plan_of
        from pixvault.billing.types import Plan

        return Plan.from_model(await plan_of(str(self.model.id)))

    @strawberry.field(description="the paid subscription the plan follows, null on the free plan")
    async def subscription(
        self,
    ) -> Annotated[BillingSubscription, strawberry.lazy("pixvault.billing.types")] | None:
        from pixvault.billing.types import subscription_of

        return await subscription_of(str(self.model.id))

    @strawberry.field
    async def usage(self) -> Annotated[Usage, strawberry.lazy("pixvault.billing.types")] | None:
        from pixvault.billing.types import Usage
        from pixvault.billing.usage import current_usage

        return Usage.from_report(await current_usage(str(self.model.id)))

    @strawberry.field(description="standing and released legal holds, newest first")
    async def legal_holds(
        self, info: Info[Context, None]
    ) -> list[Annotated[LegalHold, strawberry.lazy("pixvault.records.types")]] | None:
        from pixvault.records.types import legal_holds_of

        return await legal_holds_of(str(self.model.id), info.context.viewer)

    @strawberry.field(description="current consent decisions, from the ledger")
    async def consents(
        self,
    ) -> Annotated[ConsentState, strawberry.lazy("pixvault.consents.types")] | None:
        from pixvault.consents.types import user_consents

        return await user_consents(str(self.model.id))

    @strawberry.field
    async def assets(
        self,
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Annotated[AssetConnection, strawberry.lazy("pixvault.assets.types")] | None:
        from pixvault.assets.queries import user_assets

        return await user_assets(str(self.model.id), first, after, last, before)
