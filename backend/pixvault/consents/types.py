"""GraphQL types of the consents domain."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import strawberry

from pixvault.consents import models, services
from pixvault.consents.cookies import Cookie, CookieCategory
from pixvault.graph.errors import UserError


@strawberry.enum
class ConsentPurpose(StrEnum):
    NECESSARY = "NECESSARY"
    PREFERENCES = "PREFERENCES"
    ANALYTICS = "ANALYTICS"
    MARKETING_EMAIL = "MARKETING_EMAIL"


@strawberry.enum
class ConsentSource(StrEnum):
    BANNER = "BANNER"
    SETTINGS = "SETTINGS"
    SIGN_UP = "SIGN_UP"
    EMAIL_LINK = "EMAIL_LINK"
    API = "API"
    OBJECTION = "OBJECTION"


@strawberry.type
class ConsentRecord:
    id: strawberry.ID
    purpose: ConsentPurpose
    granted: bool
    source: ConsentSource
    policy_version: str
    recorded_at: datetime
    ip_address: str | None
    user_agent: str | None

    @classmethod
    def from_model(cls, row: models.ConsentRecord) -> ConsentRecord:
        return cls(
            id=strawberry.ID(str(row.id)),
            purpose=ConsentPurpose(row.purpose),
            granted=row.granted,
            source=ConsentSource(row.source),
            policy_version=row.policy_version,
            recorded_at=row.recorded_at,
            ip_address=row.ip_address,
            user_agent=row.user_agent,
        )


async def consent_history(user_id: str) -> list[ConsentRecord]:
    rows = await models.ConsentRecord.filter(user_id=user_id).order_by("-recorded_at", "-id")
    return [ConsentRecord.from_model(row) for row in rows]


@strawberry.type
class CookieDeclaration:
    name: str
    category: CookieCategory
    purpose: str
    persistent: bool = strawberry.field(
        description="false for a session cookie, removed when the browser session ends"
    )
    max_age_seconds: int | None = strawberry.field(
        description="how long a persistent cookie lives, in seconds; null for a session cookie"
    )
    provider: str
    session_unless_remembered: bool = strawberry.field(
        description=(
            "true when the cookie is a browser-session cookie (no expiry) unless the person "
            "chooses to be remembered; maxAgeSeconds is then the remembered lifetime"
        )
    )

    @classmethod
    def from_cookie(cls, cookie: Cookie) -> CookieDeclaration:
        return cls(
            name=cookie.name,
            category=cookie.category,
            purpose=cookie.purpose,
            persistent=cookie.persistent,
            max_age_seconds=cookie.max_age_seconds,
            provider=cookie.provider,
            session_unless_remembered=cookie.session_unless_remembered,
        )


@strawberry.type
class ConsentDecision:
    purpose: ConsentPurpose
    granted: bool
    decided_at: datetime | None
    policy_version: str | None
    global_privacy_control: bool = strawberry.field(
        description=(
            "true when this refusal comes from the browser's Global Privacy Control signal "
            "(Sec-GPC: 1), not from a recorded decision"
        )
    )


@strawberry.type
class ConsentState:
    decisions: list[ConsentDecision]
    banner_required: bool = strawberry.field(
        description="no decision yet, or the privacy policy changed since the last one"
    )

    @classmethod
    def from_state(cls, state: services.ConsentState) -> ConsentState:
        return cls(
            decisions=[
                ConsentDecision(
                    purpose=ConsentPurpose(d.purpose),
                    granted=d.granted,
                    decided_at=d.decided_at,
                    policy_version=d.policy_version,
                    global_privacy_control=d.by_global_privacy_control,
                )
                for d in state.decisions
            ],
            banner_required=state.banner_required,
        )


async def user_consents(user_id: str) -> ConsentState:
    """A user's decisions from the ledger alone (the reader's request headers are not theirs)."""
    return ConsentState.from_state(await services.consent_state(user_id=user_id))


@strawberry.input
class ConsentInput:
    purpose: ConsentPurpose
    granted: bool


@strawberry.type
class ConsentPayload:
    consent_state: ConsentState | None
    errors: list[UserError] = UserError.payload_field()
