"""Recording disclosures of people's data to third parties, and listing a person's.

PRIVACY_OFFICER and ADMIN record them (the access table guards the mutation), for example
after answering a court order or a request from law enforcement. Each recording is written to
the audit trail in the same transaction. The access export calls :func:`disclosures_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from tortoise.transactions import in_transaction

from pixvault.accounts.models import User
from pixvault.audit.service import AuditEvent, record
from pixvault.core import described
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.ids import parse_uuid
from pixvault.core.text import line, optional_line
from pixvault.core.viewer import Viewer
from pixvault.records.models import Disclosure

MAX_CATEGORIES = 20


@described.enum(
    "The lawful bases of GDPR Article 6(1)",
    {
        "CONSENT": "(a) The person consented.",
        "CONTRACT": "(b) Needed for a contract with the person.",
        "LEGAL_OBLIGATION": "(c) Needed to meet a legal obligation, e.g. a court order.",
        "VITAL_INTERESTS": "(d) Needed to protect someone's life.",
        "PUBLIC_TASK": "(e) Needed for a task in the public interest or official authority.",
        "LEGITIMATE_INTERESTS": "(f) Needed for legitimate interests that the person's rights "
        "do not override.",
    },
)
class LegalBasis(StrEnum):
    CONSENT = "CONSENT"
    CONTRACT = "CONTRACT"
    LEGAL_OBLIGATION = "LEGAL_OBLIGATION"
    VITAL_INTERESTS = "VITAL_INTERESTS"
    PUBLIC_TASK = "PUBLIC_TASK"
    LEGITIMATE_INTERESTS = "LEGITIMATE_INTERESTS"


@dataclass(frozen=True)
class DisclosureEntry:
    """A disclosure as other domains (the access export) see it."""

    id: str
    recipient: str
    legal_basis: str
    data_categories: tuple[str, ...]
    reference: str | None
    disclosed_at: datetime


@dataclass(frozen=True)
class DisclosureForm:
    user_id: str
    recipient: str
    legal_basis: LegalBasis
    data_categories: list[str]
    reference: str | None = None
    #: When the data went out; now when not given.
    disclosed_at: datetime | None = None


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


async def record_disclosure(viewer: Viewer, form: DisclosureForm) -> Disclosure:
    key = parse_uuid(form.user_id)
    user = await User.get_or_none(id=key) if key else None
    if user is None:
        raise UserFacingError("NOT_FOUND", "No such user.", "userId")
    recipient = line(form.recipient, "recipient")
    categories = _categories(form.data_categories)
    reference = optional_line(form.reference, "reference")
    at = now()
    disclosed_at = form.disclosed_at or at
    if disclosed_at.tzinfo is None:
        raise UserFacingError("INVALID_DATE", "Give a time zone with the date.", "disclosedAt")
    if disclosed_at > at:
        raise UserFacingError(
            "FUTURE_DATE", "Record a disclosure once it has happened.", "disclosedAt"
        )
    async with in_transaction():
        disclosure = await Disclosure.create(
            user=user,
            recipient=recipient,
            legal_basis=form.legal_basis.value,
            data_categories=categories,
            reference=reference,
            disclosed_at=disclosed_at,
            recorded_at=at,
            recorded_by_id=viewer.user_id,
        )
        await record(
            [
                AuditEvent(
                    actor_id=viewer.user_id,
                    actor_roles=",".join(sorted(viewer.roles)),
                    action="RECORD_DISCLOSURE",
                    subject_id=str(user.id),
                    target=f"disclosure {disclosure.id} to {recipient}"[:200],
                    ip_address=viewer.client.ip_address,
                )
            ]
        )
    return disclosure


async def disclosures_for(user_id: str) -> list[DisclosureEntry]:
    """Every disclosure of a person's data, oldest first (for their access export)."""
    rows = await Disclosure.filter(user_id=user_id).order_by("disclosed_at", "id")
    return [
        DisclosureEntry(
            id=str(row.id),
            recipient=row.recipient,
            legal_basis=row.legal_basis,
            data_categories=tuple(row.data_categories),
            reference=row.reference,
            disclosed_at=row.disclosed_at,
        )
        for row in rows
    ]
