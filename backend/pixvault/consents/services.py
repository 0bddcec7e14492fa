"""The consent ledger: appending decisions, and deriving each person's current ones from it.

No decision is ever edited or deleted: a person's current decision on a purpose is their latest
row for it. The one change a row sees is gaining its owner, when the anonymous visitor who made
it signs up or logs in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.consents.models import ConsentRecord
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.restriction_gate import RESTRICTED_PURPOSES, restrictions
from pixvault.core.viewer import ClientInfo
from pixvault.policies.services import effective_version

NECESSARY = "NECESSARY"
MARKETING_EMAIL = "MARKETING_EMAIL"
PURPOSES = ("NECESSARY", "PREFERENCES", "ANALYTICS", "MARKETING_EMAIL")
#: What the cookie banner asks about. NECESSARY needs no consent, and marketing email is asked
#: on the sign-up form and in the settings, not by the banner.
BANNER_PURPOSES = ("PREFERENCES", "ANALYTICS")
#: A Sec-GPC: 1 request header refuses these for anyone who has not decided on them.
GPC_REFUSES = ("ANALYTICS", "MARKETING_EMAIL")


@dataclass(frozen=True)
class Decision:
    purpose: str
    granted: bool
    #: None while nothing is recorded (the default, or a refusal by Global Privacy Control).
    decided_at: datetime | None
    policy_version: str | None
    by_global_privacy_control: bool = False


@dataclass(frozen=True)
class ConsentState:
    decisions: list[Decision]
    banner_required: bool


async def privacy_version() -> str:
    """The version of the privacy policy in effect, as the ledger records it."""
    policy = await effective_version("PRIVACY")
    return policy.version if policy else "none"


async def record_decisions(
    decisions: dict[str, bool],
    source: str,
    client: ClientInfo,
    *,
    user_id: str | None = None,
    visitor_id: str | None = None,
) -> list[ConsentRecord]:
    version = await privacy_version()
    at = now()
    return [
        await ConsentRecord.create(
            user_id=user_id,
            visitor_id=visitor_id,
            purpose=purpose,
            granted=granted,
            source=source,
            policy_version=version,
            recorded_at=at,
            ip_address=client.ip_address,
            user_agent=client.user_agent[:500] or None,
        )
        for purpose, granted in decisions.items()
    ]


async def latest_records(
    *, user_id: str | None = None, visitor_id: str | None = None
) -> dict[str, ConsentRecord]:
    """Each purpose's latest row for a user, or else for an anonymous visitor."""
    if user_id is not None:
        query = ConsentRecord.filter(user_id=user_id)
    elif visitor_id is not None:
        query = ConsentRecord.filter(visitor_id=visitor_id, user_id=None)
    else:
        return {}
    return latest_of(await query.order_by("-recorded_at", "-id"))


async def ledgers_of(user_ids: list[str]) -> dict[str, list[ConsentRecord]]:
    """Each user's consent ledger, newest first, in one statement (absent: no rows)."""
    rows = await ConsentRecord.filter(user_id__in=user_ids).order_by("-recorded_at", "-id")
    ledgers: dict[str, list[ConsentRecord]] = {}
    for row in rows:
        ledgers.setdefault(str(row.user_id), []).append(row)  # type: ignore[attr-defined]
    return ledgers


def latest_of(ledger: list[ConsentRecord]) -> dict[str, ConsentRecord]:
    """Each purpose's latest row of a ledger given newest first."""
    latest: dict[str, ConsentRecord] = {}
    for row in ledger:
        latest.setdefault(row.purpose, row)
    return latest


async def consent_state(
    *, user_id: str | None = None, visitor_id: str | None = None, gpc: bool = False
) -> ConsentState:
    """Current decisions (refusal by default) and whether the banner must ask.

    ``gpc``: the request carried Sec-GPC: 1, which refuses GPC_REFUSES for anyone undecided.
    """
    latest = await latest_records(user_id=user_id, visitor_id=visitor_id)
    # A visitor who restricted processing (privacy/guest_rights.py) gets no analytics or
    # marketing, whatever their choices say.
    restricted = (
        user_id is None
        and visitor_id is not None
        and await restrictions().visitor_restricted(visitor_id)
    )
    return state_of(latest, await privacy_version(), gpc, restricted)


def state_of(
    latest: dict[str, ConsentRecord], version: str, gpc: bool = False, restricted: bool = False
) -> ConsentState:
    """The decisions that each purpose's latest row (``latest``) makes under the privacy
    policy ``version`` in effect; ``restricted`` refuses RESTRICTED_PURPOSES whatever the rows
    say."""
    decisions = []
    for purpose in PURPOSES:
        row = latest.get(purpose)
        if row is not None:
            granted = row.granted or purpose == NECESSARY
            granted = granted and not (restricted and purpose in RESTRICTED_PURPOSES)
            decisions.append(Decision(purpose, granted, row.recorded_at, row.policy_version))
        else:
            by_gpc = gpc and purpose in GPC_REFUSES
            decisions.append(Decision(purpose, purpose == NECESSARY, None, None, by_gpc))
    banner_required = any(
        (purpose not in latest and not (gpc and purpose in GPC_REFUSES))
        or (purpose in latest and latest[purpose].policy_version != version)
        for purpose in BANNER_PURPOSES
    )
    return ConsentState(decisions, banner_required)


async def has_granted(user_id: str, purpose: str) -> bool:
    """Whether a user's latest decision on ``purpose`` grants it (no request, so no GPC).

    While processing of their data is restricted, analytics and marketing count as refused."""
    if purpose in RESTRICTED_PURPOSES and await restrictions().is_restricted(user_id):
        return False
    row = (
        await ConsentRecord.filter(user_id=user_id, purpose=purpose)
        .order_by("-recorded_at", "-id")
        .first()
    )
    return row is not None and row.granted


def _changes(before: dict[str, ConsentRecord], after: dict[str, bool]) -> list[str]:
    return [
        f"{purpose}={'granted' if granted else 'refused'}"
        for purpose, granted in after.items()
        if purpose not in before or before[purpose].granted != granted
    ]


async def set_consents(
    decisions: dict[str, bool],
    source: str,
    client: ClientInfo,
    *,
    user_id: str | None = None,
    visitor_id: str | None = None,
) -> None:
    """Append decisions. Each is recorded (a repeat confirms it under the current policy); a
    user's decisions that change something are also a CONSENT_CHANGE activity."""
    if decisions.get(NECESSARY) is False:
        raise UserFacingError(
            "NECESSARY_REQUIRED",
            "Strictly necessary cookies keep Pixvault working and cannot be refused.",
            "decisions",
        )
    before = await latest_records(user_id=user_id, visitor_id=visitor_id)
    async with in_transaction():
        await record_decisions(decisions, source, client, user_id=user_id, visitor_id=visitor_id)
        changes = _changes(before, decisions)
        if user_id is not None and changes:
            await record_activity(user_id, ActivityKind.CONSENT_CHANGE, client, ",".join(changes))


async def refuse(
    user_id: str | None,
    purpose: str,
    source: str,
    client: ClientInfo,
    *,
    visitor_id: str | None = None,
) -> None:
    """Record a refusal for a user (or else a visitor id) unless the latest decision already
    refuses.

    Repeated one-click unsubscribe posts (mail providers retry them) add nothing.
    """
    current = (await latest_records(user_id=user_id, visitor_id=visitor_id)).get(purpose)
    if current is None or current.granted:
        await set_consents({purpose: False}, source, client, user_id=user_id, visitor_id=visitor_id)


async def adopt_visitor(visitor_id: str, user_id: str, client: ClientInfo) -> None:
    """Give an anonymous visitor's decisions to the user who just signed up or logged in.

    The rows keep their time, source and policy version, so the latest decision, whether made
    anonymously or signed in, stays the one in force.
    """
    before = await latest_records(user_id=user_id)
    async with in_transaction():
        adopted = await ConsentRecord.filter(visitor_id=visitor_id, user_id=None).update(
            user_id=user_id
        )
        if adopted:
            after = await latest_records(user_id=user_id)
            changes = _changes(before, {p: row.granted for p, row in after.items()})
            if changes:
                await record_activity(
                    user_id, ActivityKind.CONSENT_CHANGE, client, ",".join(changes)
                )
