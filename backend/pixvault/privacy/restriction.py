"""Restriction of processing (GDPR Art. 18).

A verified RESTRICTION request places a restriction at once and completes. While it stands the
person's data is kept but not used: their images are not delivered through public URLs (451,
the owner still sees them) nor listed among public assets, they get no analytics or marketing
processing (consents count as refused for ANALYTICS and MARKETING_EMAIL), and staff cannot
change their profile (a RECTIFICATION waits). They can still sign in, read and export.
PRIVACY_OFFICER or ADMIN lift it with a reason; the person is emailed at once and the
restriction ends LIFT_NOTICE later, so they are told before it is lifted (Art. 18(3)). Placing
and lifting are audited.

The read side (standing restrictions) is what other domains ask, through
core/restriction_gate.py: this module is the gate the runtime installs there.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import TYPE_CHECKING

from tortoise.expressions import Q, Subquery
from tortoise.transactions import in_transaction

from pixvault.accounts.models import User
from pixvault.audit.service import AuditEvent, record
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.ids import parse_uuid
from pixvault.core.text import paragraphs
from pixvault.core.viewer import Viewer
from pixvault.privacy import notices
from pixvault.privacy.models import DataSubjectRequest
from pixvault.privacy.rights_models import ProcessingRestriction

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

#: How long after staff lift a restriction it ends: the person is told first.
LIFT_NOTICE = timedelta(days=3)
#: Public delivery asks per image; the answer is kept this long in-process.
CACHE_SECONDS = 2.0
_cache: dict[str, tuple[float, bool]] = {}


def standing() -> Q:
    return Q(lifts_at=None) | Q(lifts_at__gt=now())


def restricted_user_ids() -> Subquery:
    """The people whose restriction stands, for excluding them in another query."""
    return Subquery(ProcessingRestriction.filter(standing()).values("user_id"))


async def is_restricted(user_id: str) -> bool:
    return await ProcessingRestriction.filter(Q(user_id=user_id) & standing()).exists()


async def visitor_restricted(visitor_id: str) -> bool:
    """Whether someone without an account restricted processing for this visitor id: their
    completed RESTRICTION request is the mark (privacy/guest_rights.py)."""
    return await DataSubjectRequest.filter(
        kind="RESTRICTION", status="COMPLETED", subject_id=None, visitor_id=visitor_id
    ).exists()


async def is_restricted_cached(user_id: str) -> bool:
    """For public image delivery, which would otherwise query on every request."""
    entry = _cache.get(user_id)
    if entry is not None and entry[0] > time.monotonic():
        return entry[1]
    answer = await is_restricted(user_id)
    if len(_cache) > 10_000:
        _cache.clear()
    _cache[user_id] = (time.monotonic() + CACHE_SECONDS, answer)
    return answer


async def restricted_among(user_ids: list[str]) -> set[str]:
    rows = await ProcessingRestriction.filter(Q(user_id__in=user_ids) & standing()).values_list(
        "user_id", flat=True
    )
    return {str(r) for r in rows}


async def require_unrestricted(user_id: str) -> None:
    if await is_restricted(user_id):
        raise UserFacingError(
            "RESTRICTED",
            "Processing of this person's data is restricted: their profile cannot be changed "
            "until the restriction is lifted.",
            "id",
        )


async def place(runtime: Runtime, request: DataSubjectRequest) -> ProcessingRestriction:
    """Place the restriction a verified RESTRICTION request asks for, and complete it; safe
    to run again for the same request. A second request while one stands places no other."""
    user_id = str(request.subject_id)  # type: ignore[attr-defined]
    # One that stands with no end already covers a second request: that one just completes.
    already = await ProcessingRestriction.filter(
        Q(user_id=user_id) & Q(lifts_at=None) & ~Q(request_id=request.id)
    ).first()
    async with in_transaction():
        if already is not None:
            request.status = "COMPLETED"
            request.completed_at = now()
            await request.save(update_fields=["status", "completed_at"])
            await notices.completed(runtime, request)
            return already
        restriction, created = await ProcessingRestriction.get_or_create(
            request_id=request.id,
            defaults={"user_id": user_id, "grounds": request.details, "placed_at": now()},
        )
        if created:
            request.status = "COMPLETED"
            request.completed_at = now()
            await request.save(update_fields=["status", "completed_at"])
            await notices.completed(runtime, request)
            await record(
                [
                    AuditEvent(
                        actor_id=user_id,
                        actor_roles="",
                        action="PLACE_RESTRICTION",
                        subject_id=user_id,
                        target=f"restriction {restriction.id} by request {request.id}",
                        ip_address=None,
                    )
                ]
            )
    _cache.pop(user_id, None)
    return restriction


async def lift(
    runtime: Runtime, viewer: Viewer, restriction_id: str, reason: str
) -> ProcessingRestriction:
    key = parse_uuid(restriction_id)
    restriction = await ProcessingRestriction.get_or_none(id=key) if key else None
    if restriction is None:
        raise UserFacingError("NOT_FOUND", "No such restriction.", "id")
    if restriction.lifts_at is not None:
        raise UserFacingError("ALREADY_LIFTED", "This restriction is already lifted.", "id")
    reason = paragraphs(reason, "reason", limit=2000)
    user = await User.get(id=restriction.user_id)  # type: ignore[attr-defined]
    restriction.lifts_at = now() + LIFT_NOTICE
    restriction.lift_reason = reason
    restriction.lifted_by_id = viewer.user_id
    async with in_transaction():
        await restriction.save(update_fields=["lifts_at", "lift_reason", "lifted_by_id"])
        await notices.restriction_lifting(runtime, user.email, restriction.lifts_at, reason)
        await record(
            [
                AuditEvent(
                    actor_id=viewer.user_id,
                    actor_roles=",".join(sorted(viewer.roles)),
                    action="LIFT_RESTRICTION",
                    subject_id=str(user.id),
                    target=f"restriction {restriction.id} ends {restriction.lifts_at.isoformat()}",
                    ip_address=viewer.client.ip_address,
                )
            ]
        )
    return restriction
