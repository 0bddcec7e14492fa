"""Notifying recipients of a rectification or an erasure (GDPR Art. 19).

When a RECTIFICATION or an ERASURE completes, each processor of the processors register and
each third party in the person's disclosures log gets a notice entry, once per request (a run
done again adds none). Staff read them on the request; the person reads them on their request
and, being in the personal-data register, in their next ACCESS export.
"""

from __future__ import annotations

from pixvault.core.clock import now
from pixvault.core.settings import Settings
from pixvault.privacy.models import DataSubjectRequest
from pixvault.privacy.rights_models import RecipientNotice
from pixvault.records.disclosures import disclosures_for
from pixvault.records.processors import processor_register


async def notify_recipients(settings: Settings, request: DataSubjectRequest) -> int:
    """Record a notice to every recipient of the subject's data; returns how many are new."""
    user_id = str(request.subject_id)  # type: ignore[attr-defined]
    wanted: list[tuple[str, str]] = [
        ("PROCESSOR", p.name) for p in processor_register(settings).processors
    ]
    for disclosure in await disclosures_for(user_id):
        if ("DISCLOSURE", disclosure.recipient) not in wanted:
            wanted.append(("DISCLOSURE", disclosure.recipient))
    existing = set(
        await RecipientNotice.filter(request_id=request.id).values_list("source", "recipient")
    )
    at = now()
    rows = [
        RecipientNotice(
            user_id=user_id,
            request_id=request.id,
            source=source,
            recipient=recipient[:200],
            action=request.kind,
            created_at=at,
        )
        for source, recipient in wanted
        if (source, recipient[:200]) not in existing
    ]
    if rows:
        await RecipientNotice.bulk_create(rows)
    return len(rows)


async def notices_of(request_ids: list[str]) -> dict[str, list[RecipientNotice]]:
    """Each request's notices by source and recipient, in one statement (absent: none)."""
    notices: dict[str, list[RecipientNotice]] = {}
    rows = await RecipientNotice.filter(request_id__in=request_ids).order_by("source", "recipient")
    for row in rows:
        notices.setdefault(str(row.request_id), []).append(row)
    return notices
