"""GraphQL types of the consents domain."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import strawberry

from pixvault.consents import models, services
from pixvault.consents.loaders import consent_state_for, ledger_loader
from pixvault.core import described
from pixvault.core.cookies import Cookie, CookieCategory
from pixvault.core.errors import UserError
from pixvault.graphkit.context import Context


@described.enum(
    "What a consent decision is about.",
    {
        "NECESSARY": "What the service needs to work; always granted, cannot be refused.",
        "PREFERENCES": "Preference cookies (remembered choices).",
        "ANALYTICS": "Usage analytics, such as recording page views.",
        "MARKETING_EMAIL": "Marketing emails; each one carries a one-click unsubscribe link.",
    },
)
class ConsentPurpose(StrEnum):
    NECESSARY = "NECESSARY"
    PREFERENCES = "PREFERENCES"
    ANALYTICS = "ANALYTICS"
    MARKETING_EMAIL = "MARKETING_EMAIL"


@described.enum(
    "Where a consent decision was made.",
    {
        "BANNER": "The cookie banner.",
        "SETTINGS": "The privacy settings page.",
        "SIGN_UP": "The sign-up form.",
        "EMAIL_LINK": "The unsubscribe link of an email.",
        "API": "A client of the API, on the person's behalf.",
        "OBJECTION": "An upheld GDPR objection (Article 21) withdrew it.",
    },
)
class ConsentSource(StrEnum):
    BANNER = "BANNER"
    SETTINGS = "SETTINGS"
    SIGN_UP = "SIGN_UP"
    EMAIL_LINK = "EMAIL_LINK"
    API = "API"
    OBJECTION = "OBJECTION"


@strawberry.type(
    description="One entry of the append-only consent ledger: a decision as it was recorded, "
    "kept as proof of consent."
)
class ConsentRecord:
    id: strawberry.ID = strawberry.field(description="The entry's id.")
    purpose: ConsentPurpose = strawberry.field(description="What the decision is about.")
    granted: bool = strawberry.field(
        description="true: consent given; false: refused or withdrawn."
    )
    source: ConsentSource = strawberry.field(description="Where the decision was made.")
    policy_version: str = strawberry.field(
        description="The privacy policy version in force when it was made (PolicyVersion.version)."
    )
    recorded_at: datetime = strawberry.field(description="When it was recorded.")
    ip_address: str | None = strawberry.field(
        description="The IPv4 or IPv6 address it came from; null when unknown."
    )
    user_agent: str | None = strawberry.field(
        description="The browser's User-Agent header when it was made; null when not sent."
    )

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


async def consent_history(context: Context, user_id: str) -> list[ConsentRecord]:
    """User.consentHistory, through the request's ledger loader."""
    rows = await ledger_loader(context).load(user_id)
    return [ConsentRecord.from_model(row) for row in rows]


@strawberry.type(description="A cookie this installation may set, for the cookie policy.")
class CookieDeclaration:
    name: str = strawberry.field(description="The cookie's name, e.g. pv_session.")
    category: CookieCategory = strawberry.field(
        description="What it is for, which decides whether it needs consent."
    )
    purpose: str = strawberry.field(description="What it does, in a sentence for people.")
    persistent: bool = strawberry.field(
        description="false for a session cookie, removed when the browser session ends"
    )
    max_age_seconds: int | None = strawberry.field(
        description="how long a persistent cookie lives, in seconds; null for a session cookie"
    )
    provider: str = strawberry.field(
        description="Who sets it: this installation (first party) or a named third party."
    )
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


@strawberry.type(description="The decision in force for one purpose.")
class ConsentDecision:
    purpose: ConsentPurpose = strawberry.field(description="What the decision is about.")
    granted: bool = strawberry.field(
        description="Whether consent is given now; false when refused or never asked."
    )
    decided_at: datetime | None = strawberry.field(
        description="When it was decided; null when no decision is recorded (a default)."
    )
    policy_version: str | None = strawberry.field(
        description="The privacy policy version it was made under; null with no decision."
    )
    global_privacy_control: bool = strawberry.field(
        description=(
            "true when this refusal comes from the browser's Global Privacy Control signal "
            "(Sec-GPC: 1), not from a recorded decision"
        )
    )


@strawberry.type(description="Someone's consent decisions as they stand, one per purpose.")
class ConsentState:
    decisions: list[ConsentDecision] = strawberry.field(
        description="One decision per purpose, NECESSARY included."
    )
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


async def user_consents(context: Context, user_id: str) -> ConsentState:
    """User.consents: a user's decisions from the ledger alone (the reader's request headers
    are not theirs), through the request's loaders."""
    return ConsentState.from_state(await consent_state_for(context, user_id))


@strawberry.input(description="A decision on one purpose.")
class ConsentInput:
    purpose: ConsentPurpose = strawberry.field(description="What the decision is about.")
    granted: bool = strawberry.field(description="true: give consent; false: refuse or withdraw.")


@strawberry.type(description="The answer to setConsents.")
class ConsentPayload:
    consent_state: ConsentState | None = strawberry.field(
        description="The decisions as they stand after the change; null when errors says why "
        "nothing was recorded."
    )
    errors: list[UserError] = UserError.payload_field()
