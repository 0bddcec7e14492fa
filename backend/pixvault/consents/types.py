"""GraphQL types of the consents domain."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import strawberry

from pixvault.consents import models


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
