"""Activity events: what a person did, from where and with what (the policy's usage data)."""

from __future__ import annotations

from enum import StrEnum

import strawberry

from pixvault.accounts.client_details import country_of, parse_user_agent
from pixvault.accounts.models import ActivityEvent
from pixvault.clock import now
from pixvault.graph.viewer import ClientInfo


@strawberry.enum
class ActivityKind(StrEnum):
    SIGN_UP = "SIGN_UP"
    LOG_IN = "LOG_IN"
    LOG_OUT = "LOG_OUT"
    LOG_IN_FAILED = "LOG_IN_FAILED"
    UPLOAD = "UPLOAD"
    DOWNLOAD = "DOWNLOAD"
    VIEW = "VIEW"
    PAGE_VIEW = "PAGE_VIEW"
    PROFILE_UPDATE = "PROFILE_UPDATE"
    CONSENT_CHANGE = "CONSENT_CHANGE"
    POLICY_DECISION = "POLICY_DECISION"
    PAYMENT = "PAYMENT"
    DSAR = "DSAR"
    PASSWORD_RESET_REQUESTED = "PASSWORD_RESET_REQUESTED"
    PASSWORD_RESET = "PASSWORD_RESET"
    TWO_FACTOR_ENABLED = "TWO_FACTOR_ENABLED"
    TWO_FACTOR_DISABLED = "TWO_FACTOR_DISABLED"


async def record_activity(
    user_id: str, kind: ActivityKind, client: ClientInfo, target: str | None = None
) -> ActivityEvent:
    details = parse_user_agent(client.user_agent)
    return await ActivityEvent.create(
        user_id=user_id,
        kind=kind.value,
        at=now(),
        ip_address=client.ip_address,
        country=country_of(client.ip_address),
        browser=details.browser,
        browser_version=details.browser_version,
        os=details.os,
        platform=details.platform,
        timezone=(client.timezone or None) and client.timezone[:64],
        target=target[:500] if target else None,
    )
