"""Objection to processing (GDPR Art. 21).

An OBJECTION request names a purpose. One to direct marketing (MARKETING_EMAIL) takes effect as
soon as it is verified, without review (Art. 21(3)): the marketing consent is recorded as
refused, so queued marketing mail is cancelled at delivery, and the request completes. One to
ANALYTICS, or on another ground (OTHER, the ground given as details), waits in the privacy
officer's queue with the usual deadlines; upholding an ANALYTICS objection records the
ANALYTICS consent as refused.
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from pixvault.audit.service import AuditEvent, record
from pixvault.consents.services import refuse
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.viewer import ClientInfo, Viewer
from pixvault.privacy import notices
from pixvault.privacy.models import DataSubjectRequest
from pixvault.runtime import Runtime

PURPOSES = ("ANALYTICS", "MARKETING_EMAIL", "OTHER")
#: Purposes whose objection is a consent refusal.
CONSENT_PURPOSES = ("ANALYTICS", "MARKETING_EMAIL")


def check_purpose(kind: str, purpose: str | None, details: str | None) -> str | None:
    """The purpose to store with a request of ``kind``, or a clear error."""
    if kind != "OBJECTION":
        if purpose is not None:
            raise UserFacingError(
                "PURPOSE_NOT_APPLICABLE", "Only an objection names a purpose.", "purpose"
            )
        return None
    if purpose is None:
        raise UserFacingError(
            "PURPOSE_REQUIRED",
            "Say what you object to: ANALYTICS, MARKETING_EMAIL, or OTHER with your ground.",
            "purpose",
        )
    if purpose == "OTHER" and not (details or "").strip():
        raise UserFacingError(
            "GROUND_REQUIRED", "Give the ground of your objection in details.", "details"
        )
    return purpose


async def _complete(runtime: Runtime, request: DataSubjectRequest, client: ClientInfo) -> None:
    user_id = str(request.subject_id)  # type: ignore[attr-defined]
    if request.purpose in CONSENT_PURPOSES:
        assert request.purpose is not None
        await refuse(user_id, request.purpose, "OBJECTION", client)
    async with in_transaction():
        request.status = "COMPLETED"
        request.completed_at = now()
        await request.save(update_fields=["status", "completed_at", "internal_notes"])
        await notices.completed(runtime, request)


async def take_effect(runtime: Runtime, request: DataSubjectRequest, client: ClientInfo) -> None:
    """On verification: an objection to direct marketing is honoured at once."""
    if request.purpose == "MARKETING_EMAIL" and request.status == "VERIFIED":
        await _complete(runtime, request, client)


async def uphold(
    runtime: Runtime, viewer: Viewer, request: DataSubjectRequest, note: str | None
) -> DataSubjectRequest:
    """The privacy officer upholds an objection from the queue."""
    if request.status != "VERIFIED" or request.subject_id is None:  # type: ignore[attr-defined]
        raise UserFacingError(
            "NOT_RUNNABLE", f"A request that is {request.status} cannot be upheld now.", "id"
        )
    if note:
        request.internal_notes = note.strip()[:5000]
    await _complete(runtime, request, viewer.client)
    await record(
        [
            AuditEvent(
                actor_id=viewer.user_id,
                actor_roles=",".join(sorted(viewer.roles)),
                action="UPHOLD_OBJECTION",
                subject_id=str(request.subject_id),  # type: ignore[attr-defined]
                target=f"objection {request.id} to {request.purpose}",
                ip_address=viewer.client.ip_address,
            )
        ]
    )
    return request
