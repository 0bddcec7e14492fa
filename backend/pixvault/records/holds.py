"""Placing and releasing legal holds, and asking whether a person's data is held.

Only PRIVACY_OFFICER and ADMIN place or release holds (the access table guards the
mutations). Each placement and release is written to the audit trail in the same transaction,
naming the hold and its reference but not the free-text reason, which stays with the hold.
The erasure of a person's data calls :func:`active_holds` and waits while any stands.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from tortoise.transactions import in_transaction

from pixvault.accounts.models import User
from pixvault.audit.service import AuditEvent, record
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.ids import parse_uuid
from pixvault.core.installed import Installed
from pixvault.core.text import optional_line, paragraphs
from pixvault.core.viewer import Viewer
from pixvault.records.models import LegalHold

if TYPE_CHECKING:
    from pixvault.core.settings import Settings
    from pixvault.jobs.queue import JobQueue

#: Hands waiting work back to the queue once a hold is released: erasure requests that waited
#: on it run (privacy/runner.py ``resume``). Privacy sits above records (its exports and
#: erasure read the holds), so the runtime installs it.
resume_after_release: Installed[Callable[[JobQueue, Settings], Awaitable[object]]] = Installed(
    "What a released legal hold resumes"
)

MAX_REASON = 2000


@dataclass(frozen=True)
class Hold:
    """A hold as other domains see it."""

    id: str
    user_id: str
    reason: str
    reference: str | None
    placed_at: datetime


def _audit(viewer: Viewer, action: str, hold: LegalHold) -> AuditEvent:
    # The entry names the hold, not its reference: the person's access export lists the audit
    # entries about them, and the reference could tip them off about the case.
    return AuditEvent(
        actor_id=viewer.user_id,
        actor_roles=",".join(sorted(viewer.roles)),
        action=action,
        subject_id=str(hold.user_id),  # type: ignore[attr-defined]
        target=f"legal hold {hold.id}",
        ip_address=viewer.client.ip_address,
    )


async def place_hold(viewer: Viewer, user_id: str, reason: str, reference: str | None) -> LegalHold:
    key = parse_uuid(user_id)
    user = await User.get_or_none(id=key) if key else None
    if user is None:
        raise UserFacingError("NOT_FOUND", "No such user.", "userId")
    reason = paragraphs(reason, "reason", limit=MAX_REASON)
    reference = optional_line(reference, "reference")
    async with in_transaction():
        hold = await LegalHold.create(
            user=user,
            reason=reason,
            reference=reference,
            placed_at=now(),
            placed_by_id=viewer.user_id,
        )
        await record([_audit(viewer, "PLACE_LEGAL_HOLD", hold)])
    return hold


async def release_hold(viewer: Viewer, hold_id: str) -> LegalHold:
    key = parse_uuid(hold_id)
    hold = await LegalHold.get_or_none(id=key) if key else None
    if hold is None:
        raise UserFacingError("NOT_FOUND", "No such legal hold.", "id")
    async with in_transaction():
        released = await LegalHold.filter(id=hold.id, released_at=None).update(
            released_at=now(), released_by_id=viewer.user_id
        )
        if not released:
            raise UserFacingError("ALREADY_RELEASED", "This hold was already released.", "id")
        await record([_audit(viewer, "RELEASE_LEGAL_HOLD", hold)])
    await hold.refresh_from_db()
    return hold


async def holds_of(user_ids: list[str]) -> dict[str, list[LegalHold]]:
    """Every hold on each person, standing and released, newest first, in one statement
    (absent: no holds)."""
    holds: dict[str, list[LegalHold]] = {}
    for row in await LegalHold.filter(user_id__in=user_ids).order_by("-placed_at", "id"):
        holds.setdefault(str(row.user_id), []).append(row)  # type: ignore[attr-defined]
    return holds


async def active_holds(user_id: str) -> list[Hold]:
    """The holds standing on a person's data; erasure waits while this is not empty."""
    rows = await LegalHold.filter(user_id=user_id, released_at=None).order_by("placed_at", "id")
    return [
        Hold(
            id=str(row.id),
            user_id=user_id,
            reason=row.reason,
            reference=row.reference,
            placed_at=row.placed_at,
        )
        for row in rows
    ]


async def held_user_ids() -> set[str]:
    """Everyone with a hold standing (for jobs that would otherwise delete their data)."""
    ids = await LegalHold.filter(released_at=None).distinct().values_list("user_id", flat=True)
    return {str(i) for i in ids}
