"""Activity events: what a person did, from where and with what (the policy's usage data)."""

from __future__ import annotations

from enum import StrEnum

from tortoise.functions import Count

from pixvault.accounts.client_details import country_of, parse_user_agent
from pixvault.accounts.models import ActivityEvent
from pixvault.core import described
from pixvault.core.clock import now
from pixvault.core.first_rows import first_of_each
from pixvault.core.viewer import ClientInfo


@described.enum(
    "What an activity event records.",
    {
        "SIGN_UP": "The account was created.",
        "LOG_IN": "A log-in succeeded.",
        "LOG_OUT": "A session was logged out.",
        "LOG_IN_FAILED": "A log-in to this account was refused (wrong password or code).",
        "UPLOAD": "An image was uploaded or imported; target is the asset.",
        "DOWNLOAD": "An image was downloaded; target is the asset.",
        "VIEW": "An image was viewed; target is the asset.",
        "PAGE_VIEW": "A page of the web app was viewed (with analytics consent); target is "
        "its path.",
        "PROFILE_UPDATE": "Name, company or email was changed.",
        "CONSENT_CHANGE": "Consent decisions were recorded.",
        "POLICY_DECISION": "A policy version was accepted or rejected.",
        "PAYMENT": "A payment was made or changed state.",
        "DSAR": "A GDPR data subject request was submitted or changed state.",
        "PASSWORD_RESET_REQUESTED": "A password reset link was asked for.",
        "PASSWORD_RESET": "The password was set through a reset link.",
        "TWO_FACTOR_ENABLED": "Two-factor log-in was turned on.",
        "TWO_FACTOR_DISABLED": "Two-factor log-in was turned off.",
    },
)
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


#: A person's activity, newest first: the order of User.activity and of its cursors.
ACTIVITY_ORDER = ("-at", "-id")


async def first_activity(
    user_ids: list[str], size: int
) -> tuple[dict[str, list[ActivityEvent]], dict[str, int]]:
    """Each person's newest ``size`` events, and how many they have in all, in two statements
    whatever the number of people (absent: none)."""
    pages = await first_of_each(ActivityEvent, "user_id", user_ids, ACTIVITY_ORDER, size)
    counts = (
        await ActivityEvent.filter(user_id__in=user_ids)
        .annotate(events=Count("id"))
        .group_by("user_id")
        .values_list("user_id", "events")
    )
    return pages, {str(user_id): events for user_id, events in counts}
