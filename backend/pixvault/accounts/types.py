"""GraphQL types of the accounts domain. Who may read each field: accounts/permissions.py."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from pixvault.accounts import models
from pixvault.accounts.activity import ACTIVITY_ORDER, ActivityKind
from pixvault.accounts.loaders import (
    activity_first_page_loader,
    recovery_codes_left_loader,
    two_factor_loader,
)
from pixvault.accounts.person_fields import person_fields
from pixvault.accounts.scopes import ApiScope
from pixvault.core.clock import now
from pixvault.core.roles import Role
from pixvault.graphkit.context import Context
from pixvault.graphkit.pagination import After, Before, Connection, Edge, First, Last, paginate

if TYPE_CHECKING:  # for mypy only: at run time strawberry.lazy resolves these names
    from pixvault.assets.types import AssetConnection
    from pixvault.billing.types import BillingSubscription, Payment, Plan, Usage
    from pixvault.consents.types import ConsentRecord, ConsentState
    from pixvault.privacy.types import DataSubjectRequest
    from pixvault.records.types import LegalHold


@strawberry.type(description="A signed-in browser (a session cookie), live or ended.")
class Session:
    id: strawberry.ID = strawberry.field(description="The session's id, for `revokeSession`.")
    current: bool = strawberry.field(description="true for the session this request was made with")
    persistent: bool = strawberry.field(
        description="true for a remember-me (persistent) cookie, false for a browser-session cookie"
    )
    created_at: datetime = strawberry.field(description="When the person logged in.")
    last_seen_at: datetime = strawberry.field(description="When the session last made a request.")
    expires_at: datetime | None = strawberry.field(
        description="When the session ends if not used again before then (idle sessions expire; "
        "a remember-me session is capped in days); null when not known."
    )
    ended_at: datetime | None = strawberry.field(
        description="When it was logged out or revoked; null while it is live."
    )
    ip_address: str | None = strawberry.field(
        description="The IPv4 or IPv6 address it logged in from; null when unknown."
    )
    browser: str | None = strawberry.field(
        description="The browser, read from its User-Agent (e.g. Firefox); null when unknown."
    )
    os: str | None = strawberry.field(
        description="The operating system, read from its User-Agent (e.g. Android); null when "
        "unknown."
    )
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


@strawberry.type(
    description="A bearer token for scripts and mobile apps (`Authorization: Bearer ...`). "
    "The secret is shown once, when it is made; this is what is kept about it."
)
class ApiToken:
    id: strawberry.ID = strawberry.field(description="The token's id, for `revokeApiToken`.")
    name: str = strawberry.field(description="The label its maker gave it (up to 100 characters).")
    scopes: list[ApiScope] = strawberry.field(description="What the token may do.")
    created_at: datetime = strawberry.field(description="When it was made.")
    expires_at: datetime | None = strawberry.field(description="null: the token never expires")
    last_used_at: datetime | None = strawberry.field(
        description="When a request last authenticated with it; null if never used."
    )
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


@strawberry.type(
    description="Something a person did (log-in, upload, page view...), with where and what "
    "from: the usage data the privacy policy lists."
)
class ActivityEvent:
    id: strawberry.ID = strawberry.field(description="The event's id.")
    kind: ActivityKind = strawberry.field(description="What was done.")
    at: datetime = strawberry.field(description="When it was done.")
    ip_address: str | None = strawberry.field(
        description="The IPv4 or IPv6 address it came from; null when unknown."
    )
    country: str | None = strawberry.field(
        description="ISO 3166-1 alpha-2 country of that address (e.g. DE); null when unknown."
    )
    browser: str | None = strawberry.field(
        description="The browser, read from the User-Agent; null when unknown."
    )
    browser_version: str | None = strawberry.field(
        description="The browser's version, read from the User-Agent; null when unknown."
    )
    os: str | None = strawberry.field(
        description="The operating system, read from the User-Agent; null when unknown."
    )
    platform: str | None = strawberry.field(
        description="mobile or desktop, read from the User-Agent; null when unknown."
    )
    timezone: str | None = strawberry.field(
        description="The IANA time zone the web app reported (e.g. Europe/Berlin); null when "
        "not sent."
    )
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


@strawberry.type(name="ActivityEdge", description="One activity event, with its cursor.")
class ActivityEdge(Edge[ActivityEvent]):
    pass


@strawberry.type(
    name="ActivityConnection", description="A page of a person's activity, newest first."
)
class ActivityConnection(Connection[ActivityEvent]):
    edges: list[ActivityEdge] = strawberry.field(  # type: ignore[assignment]
        description="The page's events, newest first, each with its cursor."
    )


@strawberry.type(
    description="A Pixvault account: a customer, or staff with roles. Most fields are "
    "readable only by the person themself and by staff."
)
class User:
    id: strawberry.ID = strawberry.field(description="The account's id (a UUID).")
    created_at: datetime = strawberry.field(description="When the account was created.")
    model: strawberry.Private[models.User]

    @property
    def subject_id(self) -> str:
        return str(self.model.id)

    @classmethod
    def from_model(cls, row: models.User) -> User:
        return cls(id=strawberry.ID(str(row.id)), created_at=row.created_at, model=row)

    @strawberry.field(description="The person's name as they gave it; null if they gave none.")
    def name(self) -> str | None:
        return self.model.name

    @strawberry.field(description="The address they log in with and receive mail at.")
    def email(self) -> str | None:
        return self.model.email

    @strawberry.field(description="The company they bill as; null for a private person.")
    def company_name(self) -> str | None:
        return self.model.company_name

    @strawberry.field(description="Every role held: CUSTOMER, plus any staff roles.")
    def roles(self) -> list[Role] | None:
        return [Role(r) for r in self.model.roles if r in Role.__members__]

    @strawberry.field(description="When they last logged in; null if never.")
    def last_log_in_at(self) -> datetime | None:
        return self.model.last_log_in_at

    @strawberry.field(description="when an ADMIN disabled the account; null while it is enabled")
    def disabled_at(self) -> datetime | None:
        return self.model.disabled_at

    @strawberry.field(description="whether log-in asks for a code from an authenticator app")
    async def two_factor_enabled(self, info: Info[Context, None]) -> bool | None:
        return await two_factor_loader(info.context).load(self.subject_id)

    @strawberry.field(
        description="How many two-factor recovery codes are still unused (each works once); "
        "0 when two-factor is off."
    )
    async def recovery_codes_left(self, info: Info[Context, None]) -> int | None:
        return await recovery_codes_left_loader(info.context).load(self.subject_id)

    @strawberry.field(
        description="Every session, live and ended, newest first (sessionsConnection pages them)."
    )
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

    @strawberry.field(description="What they did and from where, newest first, a page at a time.")
    async def activity(
        self,
        info: Info[Context, None],
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> ActivityConnection | None:
        query = models.ActivityEvent.filter(user_id=self.model.id).order_by(*ACTIVITY_ORDER)
        names = (ActivityConnection, ActivityEdge)
        page = await paginate(
            query,
            first,
            after,
            ActivityEvent.from_model,
            names,
            last=last,
            before=before,
            first_page=lambda size: activity_first_page_loader(info.context, size).load(
                self.subject_id
            ),
        )
        assert isinstance(page, ActivityConnection)
        return page

    @strawberry.field(description="the append-only consent ledger, newest first")
    async def consent_history(
        self, info: Info[Context, None]
    ) -> list[Annotated[ConsentRecord, strawberry.lazy("pixvault.consents.types")]] | None:
        return await person_fields().consent_history(info.context, self.subject_id)

    @strawberry.field(description="Their GDPR requests (access, erasure...), newest first.")
    async def data_subject_requests(
        self, info: Info[Context, None]
    ) -> list[Annotated[DataSubjectRequest, strawberry.lazy("pixvault.privacy.types")]] | None:
        return await person_fields().data_subject_requests(info.context, self.subject_id)

    @strawberry.field(description="Their payments, newest first.")
    async def payments(
        self, info: Info[Context, None]
    ) -> list[Annotated[Payment, strawberry.lazy("pixvault.billing.types")]] | None:
        return await person_fields().payments(info.context, self.subject_id)

    @strawberry.field(
        description="The plan their quotas come from (the free plan without a subscription)."
    )
    async def plan(
        self, info: Info[Context, None]
    ) -> Annotated[Plan, strawberry.lazy("pixvault.billing.types")] | None:
        return await person_fields().plan(info.context, self.subject_id)

    @strawberry.field(description="the paid subscription the plan follows, null on the free plan")
    async def subscription(
        self, info: Info[Context, None]
    ) -> Annotated[BillingSubscription, strawberry.lazy("pixvault.billing.types")] | None:
        return await person_fields().subscription(info.context, self.subject_id)

    @strawberry.field(
        description="What they used in the current billing period, against the plan's quotas."
    )
    async def usage(
        self, info: Info[Context, None]
    ) -> Annotated[Usage, strawberry.lazy("pixvault.billing.types")] | None:
        return await person_fields().usage(info.context, self.subject_id)

    @strawberry.field(description="standing and released legal holds, newest first")
    async def legal_holds(
        self, info: Info[Context, None]
    ) -> list[Annotated[LegalHold, strawberry.lazy("pixvault.records.types")]] | None:
        return await person_fields().legal_holds(info.context, self.subject_id)

    @strawberry.field(description="current consent decisions, from the ledger")
    async def consents(
        self, info: Info[Context, None]
    ) -> Annotated[ConsentState, strawberry.lazy("pixvault.consents.types")] | None:
        return await person_fields().consents(info.context, self.subject_id)

    @strawberry.field(description="Their images, newest first, a page at a time.")
    async def assets(
        self,
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Annotated[AssetConnection, strawberry.lazy("pixvault.assets.types")] | None:
        return await person_fields().assets(str(self.model.id), first, after, last, before)
