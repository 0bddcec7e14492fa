"""The rights of people without an account: someone who wrote through the contact form,
reported an image, or only browsed (the visitor id in their ``pv_visitor`` cookie).

Their ACCESS, ERASURE or RECTIFICATION request is verified by the emailed link like anyone's;
it then runs without a subject, over the records found by the verified email address and by the
visitor id the browser that sent the request carried. ``GUEST_RECORDS`` is keyed by the
personal-data register's section names. Only records tied to no account are touched: an account
holder's records go with their account's own request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.transactions import in_transaction

from pixvault.consents.models import ConsentRecord
from pixvault.core.clock import now
from pixvault.core.privacy_register import Erasure
from pixvault.mail.models import OutboxMessage
from pixvault.privacy.export_data import plain
from pixvault.privacy.models import DataSubjectRequest, ErasureCertificate
from pixvault.safety.models import AbuseReport, ContactMessage

ERASED = "erased"


@dataclass(frozen=True)
class GuestRecords:
    """Where one register section holds records of people without an account."""

    model: type[Model]
    #: The field tying a row to an account: only rows where it is null are a guest's.
    account_field: str
    fields: tuple[str, ...]
    erasure: Erasure
    purpose: str
    email_field: str | None = None
    visitor_field: str | None = None
    #: For ANONYMISE: field to replacement.
    anonymise: Mapping[str, object] = field(default_factory=dict)
    #: Rows erasure leaves (e.g. the email confirming the erasure itself, still to be sent).
    keep: Q | None = None
    #: What a RECTIFICATION may correct here: the graph's field name to the model's field.
    correctable: Mapping[str, str] = field(default_factory=dict)

    def query(self, email: str, visitor: str | None) -> Q | None:
        match: Q | None = None
        if self.email_field is not None:
            match = Q(**{self.email_field: email})
        if self.visitor_field is not None and visitor:
            by_visitor = Q(**{self.visitor_field: visitor})
            match = by_visitor if match is None else match | by_visitor
        if match is None:
            return None
        unlinked: dict[str, Any] = {self.account_field: None}
        return match & Q(**unlinked)


GUEST_RECORDS: dict[str, GuestRecords] = {
    "contact_messages": GuestRecords(
        model=ContactMessage,
        account_field="user_id",
        email_field="email",
        fields=("topic", "name", "email", "subject", "message", "created_at", "handled_at"),
        erasure=Erasure.DELETE,
        purpose="What you wrote to us through the contact form, to answer it.",
        correctable={"name": "name"},
    ),
    "abuse_reports_filed": GuestRecords(
        model=AbuseReport,
        account_field="reporter_id",
        email_field="reporter_email",
        fields=("asset_id", "reason", "details", "status", "created_at", "resolved_at"),
        erasure=Erasure.ANONYMISE,
        anonymise={"reporter_email": ERASED},
        purpose=(
            "Reports you made about images. They are evidence about another person's image: "
            "erasure keeps them without your email address."
        ),
    ),
    "consents": GuestRecords(
        model=ConsentRecord,
        account_field="user_id",
        visitor_field="visitor_id",
        fields=(
            "purpose",
            "granted",
            "source",
            "policy_version",
            "recorded_at",
            "ip_address",
            "user_agent",
        ),
        erasure=Erasure.DELETE,
        purpose="Proof of the cookie choices made in your browser (its visitor id).",
    ),
    "emails": GuestRecords(
        model=OutboxMessage,
        account_field="user_id",
        email_field="to_address",
        fields=("to_address", "subject", "status", "created_at", "sent_at"),
        erasure=Erasure.DELETE,
        keep=Q(status="PENDING"),
        purpose="Emails we sent you, kept 30 days after sending.",
    ),
    "data_subject_requests": GuestRecords(
        model=DataSubjectRequest,
        account_field="subject_id",
        email_field="requester_email",
        fields=("kind", "status", "received_at", "verified_at", "due_at", "completed_at"),
        erasure=Erasure.ANONYMISE,
        anonymise={"requester_email": ERASED, "details": None, "visitor_id": None},
        purpose=(
            "Evidence that your requests were answered lawfully and in time (kept 3 years, "
            "without your email address once erased)."
        ),
    ),
}


#: Why a guest's email correction is not applied: the records are found by the address the
#: request was verified by, and nothing proves the requester controls the new one (moving the
#: records there could hand them to a stranger, as for an account's unconfirmed address).
EMAIL_NOT_CORRECTED = (
    "Records without an account are found by the address your request was verified from; "
    "to have them under another address, ask again from that address."
)


def _who(request: DataSubjectRequest) -> tuple[str, str | None]:
    return request.requester_email, request.visitor_id


async def collect(request: DataSubjectRequest) -> dict[str, dict[str, Any]]:
    """The export's sections for a request without an account."""
    email, visitor = _who(request)
    sections: dict[str, dict[str, Any]] = {}
    for section, records in GUEST_RECORDS.items():
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
        for section, records in GUEST_RECORDS.items():
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
            for section, records in GUEST_RECORDS.items():
                attribute = records.correctable.get(name)
                match = records.query(email, visitor)
                if attribute is None or match is None:
                    continue
                changed[section] = await records.model.filter(match).update(**{attribute: value})
            diff[name] = {"to": value, "records": changed}
    return diff
