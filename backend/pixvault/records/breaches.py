"""The breach register (GDPR Art. 33 and 34).

PRIVACY_OFFICER and ADMIN record an incident: what happened, when it was discovered, the kinds
of data, and the people it touched, chosen by a query (everyone who signed in within a window,
or the owners of given assets) and fixed when recorded. The authority must be told within 72
hours of discovery (AUTHORITY_DEADLINE); the register shows that clock and marks it overdue.
Telling the affected people is a background job (records/breach_notices.py) that emails each
exactly once. Every step is written to the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.functions import Count
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from pixvault.accounts.models import ActivityEvent, Session
from pixvault.assets.owners import owners_of
from pixvault.audit.service import AuditEvent, record
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.ids import parse_uuid
from pixvault.core.text import line, optional_line, paragraphs
from pixvault.core.viewer import Viewer
from pixvault.jobs.queue import JobQueue
from pixvault.records.breach_models import BreachIncident, BreachSubject

#: Art. 33(1): the supervisory authority is told within 72 hours of discovery.
AUTHORITY_DEADLINE = timedelta(hours=72)
NOTIFY_JOB = "notify_breach_subjects"
MAX_ASSETS = 1000
MAX_CATEGORIES = 20


@dataclass(frozen=True)
class BreachForm:
    description: str
    discovered_at: datetime
    data_categories: list[str]
    signed_in_from: datetime | None = None
    signed_in_to: datetime | None = None
    asset_ids: list[str] | None = None


def authority_due(incident: BreachIncident) -> datetime:
    return incident.discovered_at + AUTHORITY_DEADLINE


def authority_overdue(incident: BreachIncident) -> bool:
    return incident.authority_notified_at is None and authority_due(incident) < now()


def _audit(viewer: Viewer, action: str, target: str, subject_id: str | None = None) -> AuditEvent:
    return AuditEvent(
        actor_id=viewer.user_id,
        actor_roles=",".join(sorted(viewer.roles)),
        action=action,
        subject_id=subject_id,
        target=target[:200],
        ip_address=viewer.client.ip_address,
    )


def _aware(value: datetime, field: str) -> datetime:
    if value.tzinfo is None:
        raise UserFacingError("INVALID_DATE", "Give a time zone with the date.", field)
    if value > now():
        raise UserFacingError("FUTURE_DATE", "This cannot be in the future.", field)
    return value


def _categories(raw: list[str]) -> list[str]:
    names: list[str] = []
    for value in raw:
        name = line(value, "dataCategories", limit=100)
        if name not in names:
            names.append(name)
    if not names:
        raise UserFacingError("REQUIRED", "Name at least one kind of data.", "dataCategories")
    if len(names) > MAX_CATEGORIES:
        raise UserFacingError(
            "TOO_MANY", f"Name at most {MAX_CATEGORIES} kinds of data.", "dataCategories"
        )
    return names


async def _affected(form: BreachForm) -> tuple[dict[str, object], set[str]]:
    """The selection as recorded, and the ids of the people it chooses."""
    window = form.signed_in_from is not None or form.signed_in_to is not None
    if window == (form.asset_ids is not None):
        raise UserFacingError(
            "SELECTION_REQUIRED",
            "Choose the people either by a sign-in window (signedInFrom and signedInTo) or by "
            "assetIds.",
            "assetIds",
        )
    if form.asset_ids is not None:
        if not form.asset_ids or len(form.asset_ids) > MAX_ASSETS:
            raise UserFacingError(
                "INVALID_SELECTION", f"Give 1 to {MAX_ASSETS} asset ids.", "assetIds"
            )
        keys = [parse_uuid(a) for a in form.asset_ids]
        if any(k is None for k in keys):
            raise UserFacingError("NOT_FOUND", "No such asset.", "assetIds")
        found = await owners_of([str(k) for k in keys])
        if len(found) != len(set(keys)):
            raise UserFacingError("NOT_FOUND", "No such asset.", "assetIds")
        return {"asset_ids": sorted(found)}, set(found.values())
    if form.signed_in_from is None or form.signed_in_to is None:
        raise UserFacingError(
            "INVALID_SELECTION", "Give both ends of the sign-in window.", "signedInTo"
        )
    start = _aware(form.signed_in_from, "signedInFrom")
    end = form.signed_in_to
    if end.tzinfo is None:
        raise UserFacingError("INVALID_DATE", "Give a time zone with the date.", "signedInTo")
    if end <= start:
        raise UserFacingError(
            "INVALID_SELECTION", "The window must end after it starts.", "signedInTo"
        )
    logins = await ActivityEvent.filter(kind="LOG_IN", at__gte=start, at__lte=end).values_list(
        "user_id", flat=True
    )
    sessions = await Session.filter(created_at__gte=start, created_at__lte=end).values_list(
        "user_id", flat=True
    )
    selection: dict[str, object] = {
        "signed_in_from": start.isoformat(),
        "signed_in_to": end.isoformat(),
    }
    return selection, {str(u) for u in (*logins, *sessions)}


async def record_breach(viewer: Viewer, form: BreachForm) -> BreachIncident:
    description = paragraphs(form.description, "description", limit=5000)
    discovered_at = _aware(form.discovered_at, "discoveredAt")
    categories = _categories(form.data_categories)
    selection, people = await _affected(form)
    async with in_transaction():
        incident = await BreachIncident.create(
            description=description,
            discovered_at=discovered_at,
            data_categories=categories,
            selection=selection,
            recorded_at=now(),
            recorded_by_id=viewer.user_id,
        )
        await BreachSubject.bulk_create(
            [BreachSubject(incident_id=incident.id, user_id=u) for u in sorted(people)],
            batch_size=500,
        )
        await record(
            [_audit(viewer, "RECORD_BREACH", f"breach {incident.id}: {len(people)} people")]
        )
    return incident


async def get_incident(incident_id: str) -> BreachIncident:
    key = parse_uuid(incident_id)
    incident = await BreachIncident.get_or_none(id=key) if key else None
    if incident is None:
        raise UserFacingError("NOT_FOUND", "No such breach.", "id")
    return incident


async def record_authority_notification(
    viewer: Viewer, incident_id: str, reference: str | None, notified_at: datetime | None
) -> BreachIncident:
    incident = await get_incident(incident_id)
    if incident.authority_notified_at is not None:
        raise UserFacingError("ALREADY_NOTIFIED", "The authority was already notified.", "id")
    at = _aware(notified_at, "notifiedAt") if notified_at else now()
    incident.authority_notified_at = at
    incident.authority_reference = optional_line(reference, "reference")
    async with in_transaction():
        await incident.save(update_fields=["authority_notified_at", "authority_reference"])
        late = " (late)" if at > authority_due(incident) else ""
        await record([_audit(viewer, "NOTIFY_AUTHORITY", f"breach {incident.id}{late}")])
    return incident


async def request_people_notice(
    queue: JobQueue, viewer: Viewer, incident_id: str, notice: str
) -> BreachIncident:
    """Record what the affected people are told and queue the job that emails them."""
    incident = await get_incident(incident_id)
    if incident.people_notice_requested_at is not None:
        raise UserFacingError("ALREADY_NOTIFIED", "The affected people are being told.", "id")
    incident.people_notice = paragraphs(notice, "notice", limit=5000)
    incident.people_notice_requested_at = now()
    async with in_transaction():
        await incident.save(update_fields=["people_notice", "people_notice_requested_at"])
        await record([_audit(viewer, "NOTIFY_BREACH_SUBJECTS", f"breach {incident.id}")])
    await queue.enqueue(NOTIFY_JOB, str(incident.id))
    return incident


async def counts(incident_id: str) -> tuple[int, int]:
    """How many people the breach touched, and how many were emailed."""
    return (await counts_of([incident_id]))[incident_id]


async def counts_of(incident_ids: list[str]) -> dict[str, tuple[int, int]]:
    """:func:`counts` for many breaches, in two statements."""
    subjects = BreachSubject.filter(incident_id__in=incident_ids)
    affected = await _per_incident(subjects)
    told = await _per_incident(subjects.filter(notified_at__not_isnull=True))
    return {i: (affected.get(i, 0), told.get(i, 0)) for i in incident_ids}


async def _per_incident(query: QuerySet[BreachSubject]) -> dict[str, int]:
    rows = (
        await query.annotate(n=Count("id")).group_by("incident_id").values_list("incident_id", "n")
    )
    return {str(incident): int(n) for incident, n in rows}
