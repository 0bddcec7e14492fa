"""The rights of people without an account: someone who wrote through the contact form,
reported an image, or only browsed (the visitor id in their ``pv_visitor`` cookie).

Their ACCESS, ERASURE or RECTIFICATION request (RESTRICTION and OBJECTION: guest_rights.py) is
verified by the emailed link like anyone's; it then runs without a subject, over the records
found by the verified email address and by the visitor id the browser that sent the request
carried. Where those records are is declared by the domains that hold them, as
``GUEST_RECORDS`` beside their ``PERSONAL_DATA`` (e.g. safety/models.py), and collected by
register section name by ``guest_records`` (core/privacy_register.py): this module imports no
other domain's models. Only records tied to no account are touched: an account holder's
records go with their account's own request.
"""

from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from pixvault.core.clock import now
from pixvault.core.privacy_register import Erasure, guest_records
from pixvault.privacy.export_data import plain
from pixvault.privacy.models import DataSubjectRequest, ErasureCertificate

#: Why a guest's email correction is not applied: the records are found by the address the
#: request was verified by, and nothing proves the requester controls the new one (moving the
#: records there could hand them to a stranger, as for an account's unconfirmed address).
EMAIL_NOT_CORRECTED = (
    "Records without an account are found by the address your request was verified from; "
    "to have them under another address, ask again from that address."
)


def _who(request: DataSubjectRequest) -> tuple[str, str | None]:
    return request.requester_email, request.visitor_id


async def count(request: DataSubjectRequest, section: str) -> int:
    """How many of a section's guest records the request covers."""
    records = guest_records()[section]
    match = records.query(*_who(request))
    return await records.model.filter(match).count() if match is not None else 0


async def collect(request: DataSubjectRequest) -> dict[str, dict[str, Any]]:
    """The export's sections for a request without an account."""
    email, visitor = _who(request)
    sections: dict[str, dict[str, Any]] = {}
    for section, records in guest_records().items():
        match = records.query(email, visitor)
        rows = await records.model.filter(match).values(*records.fields) if match else []
        sections[section] = {
            "purpose": records.purpose,
            "on_erasure": records.erasure.value,
            "records": [{k: plain(v) for k, v in row.items()} for row in rows],
        }
    return sections


async def erase(request: DataSubjectRequest) -> ErasureCertificate:
    """Erase what the guest records hold for the request's email and visitor id; safe to run
    again. The certificate names no one."""
    existing = await ErasureCertificate.get_or_none(request_id=request.id)
    if existing is not None:
        return existing
    email, visitor = _who(request)
    summary: dict[str, Any] = {}
    async with in_transaction():
        for section, records in guest_records().items():
            match = records.query(email, visitor)
            if match is None:
                continue
            query = records.model.filter(match)
            if records.keep is not None:
                query = query.exclude(records.keep)
            if records.erasure is Erasure.DELETE:
                count = await query.delete()
            else:
                count = await query.update(**records.anonymise)
            summary[section] = {"action": records.erasure.value, "records": count}
        certificate = await ErasureCertificate.create(
            request_id=request.id, erased_at=now(), summary=summary
        )
    return certificate


async def rectify(request: DataSubjectRequest) -> dict[str, object]:
    """Apply a verified guest's corrections to the records found for their email and visitor
    id; returns the diff recorded on the request (field to what was done, with the count of
    records changed per register section). A field no guest record holds changes nothing."""
    email, visitor = _who(request)
    diff: dict[str, object] = {}
    async with in_transaction():
        for name, value in (request.corrections or {}).items():
            if name == "email":
                diff[name] = {
                    "from": email,
                    "to": value,
                    "applied": False,
                    "why": EMAIL_NOT_CORRECTED,
                }
                continue
            changed: dict[str, int] = {}
            for section, records in guest_records().items():
                attribute = records.correctable.get(name)
                match = records.query(email, visitor)
                if attribute is None or match is None:
                    continue
                changed[section] = await records.model.filter(match).update(**{attribute: value})
            diff[name] = {"to": value, "records": changed}
    return diff
