"""Restriction (GDPR Art. 18) and objection (Art. 21) for people without an account.

A verified RESTRICTION or OBJECTION from someone no account uses covers the records found by
the verified email address and the visitor id of the browser that asked, where the domains
holding them declare them (``GUEST_RECORDS``, collected by core/privacy_register.py; see
privacy/guests.py).
What each does is decided per record kind from its lawful basis (privacy/categories.py):

- contact_messages (legitimate interests): a restriction, or an upheld objection on another
  ground (OTHER), marks them ``restricted_at``: they are kept, but leave the staff queues and
  are no longer worked on (safety/queue.py).
- abuse_reports_filed (legitimate interests): a restriction marks them; the report is still
  reviewed, which Art. 18(2) allows for the rights of another person (the image is someone
  else's), but staff no longer see the reporter's address to contact them. An objection does
  not stop that review: reviewing a report about another person's image is a compelling
  legitimate ground (Art. 21(1)).
- consents (the visitor id's cookie choices; kept as proof, a legal obligation): while the
  completed RESTRICTION request stands, the visitor's ANALYTICS and MARKETING_EMAIL count as
  refused (restriction.visitor_restricted); an objection to ANALYTICS or MARKETING_EMAIL records
  that purpose refused for the visitor id.
- emails and data_subject_requests (contract, legal obligation): unchanged.

The request's result holds the count of records covered per register section; a guest with no
records at all is told so in the completion email.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise.transactions import in_transaction

from pixvault.audit.service import AuditEvent, record
from pixvault.consents.services import refuse
from pixvault.core.clock import now
from pixvault.core.privacy_register import guest_records
from pixvault.core.viewer import ClientInfo
from pixvault.privacy import guests, notices
from pixvault.privacy.models import DataSubjectRequest

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

#: The register sections a guest's restriction marks.
RESTRICTED_SECTIONS = ("contact_messages", "abuse_reports_filed")
#: The sections an upheld objection on another ground (OTHER) stops.
OBJECTED_SECTIONS = ("contact_messages",)
#: The objection purposes that are a consent refusal for the visitor id.
VISITOR_PURPOSES = ("ANALYTICS", "MARKETING_EMAIL")


async def _mark(request: DataSubjectRequest, sections: tuple[str, ...]) -> dict[str, int]:
    marked: dict[str, int] = {}
    declared = guest_records()
    for section in sections:
        records = declared[section]
        match = records.query(request.requester_email, request.visitor_id)
        if match is None:
            continue
        query = records.model.filter(match)
        marked[section] = await query.count()
        await query.filter(restricted_at=None).update(restricted_at=now())
    return marked


async def _complete(runtime: Runtime, request: DataSubjectRequest, found: dict[str, int]) -> None:
    request.result = {"records": found}
    request.status = "COMPLETED"
    request.completed_at = now()
    await request.save(update_fields=["status", "completed_at", "result", "internal_notes"])
    await notices.completed(runtime, request)


async def restrict(runtime: Runtime, request: DataSubjectRequest) -> None:
    """Place a verified guest's restriction and complete the request; safe to run again."""
    if request.status != "VERIFIED":
        return
    async with in_transaction():
        found = await _mark(request, RESTRICTED_SECTIONS)
        found["consents"] = await guests.count(request, "consents")
        await _complete(runtime, request, found)
        await record(
            [
                AuditEvent(
                    actor_id=None,
                    actor_roles="",
                    action="PLACE_RESTRICTION",
                    subject_id=None,
                    target=f"guest records by request {request.id}: {found}",
                    ip_address=None,
                )
            ]
        )


async def uphold_objection(
    runtime: Runtime, request: DataSubjectRequest, client: ClientInfo
) -> None:
    """Stop the processing a guest's objection names, and complete the request."""
    found: dict[str, int] = {}
    if request.purpose in VISITOR_PURPOSES:
        assert request.purpose is not None
        found["consents"] = await guests.count(request, "consents")
        if request.visitor_id:
            await refuse(None, request.purpose, "OBJECTION", client, visitor_id=request.visitor_id)
    async with in_transaction():
        if request.purpose not in VISITOR_PURPOSES:
            found.update(await _mark(request, OBJECTED_SECTIONS))
        await _complete(runtime, request, found)
