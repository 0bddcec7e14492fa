"""Data subject requests (access, rectification, erasure) and erasure certificates."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from pixvault.accounts.models import User
from pixvault.core.privacy_register import (
    ERASED,
    TOKEN_HASH_REASON,
    Erasure,
    GuestRecords,
    NotPersonal,
    PersonalData,
)
from pixvault.core.settings import Settings


class DataSubjectRequest(Model):
    id = fields.UUIDField(primary_key=True)
    kind = fields.CharField(max_length=16)
    status = fields.CharField(max_length=24, db_index=True)
    subject: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "pixvault.User",
        related_name="data_subject_requests",
        null=True,
        on_delete=fields.SET_NULL,
    )
    requester_email = fields.CharField(max_length=320)
    #: The visitor id (``pv_visitor`` cookie) of the browser an anonymous request came from:
    #: a person without an account's records are found by it too (privacy/guests.py).
    visitor_id = fields.CharField(max_length=64, null=True)
    details = fields.TextField(null=True)
    #: For OBJECTION: ANALYTICS, MARKETING_EMAIL or OTHER (the ground is in details).
    purpose = fields.CharField(max_length=32, null=True)
    #: For RECTIFICATION: field name to corrected value.
    corrections: fields.Field[dict[str, str] | None] = fields.JSONField(null=True)
    received_at = fields.DatetimeField()
    verified_at = fields.DatetimeField(null=True)
    due_at = fields.DatetimeField(db_index=True)
    extended_days = fields.IntField(default=0)
    extension_reason = fields.TextField(null=True)
    completed_at = fields.DatetimeField(null=True)
    rejection_reason = fields.TextField(null=True)
    progress = fields.FloatField(null=True)
    #: Why a verified request waits, e.g. a legal hold.
    waiting_reason = fields.TextField(null=True)
    #: The request does not run before this (an erasure that leaves time to download an export).
    not_before = fields.DatetimeField(null=True)
    #: Set while a worker runs the request, to tell a live run from one a crash left behind.
    heartbeat_at = fields.DatetimeField(null=True)
    export_key = fields.CharField(max_length=200, null=True)
    export_expires_at = fields.DatetimeField(null=True)
    internal_notes = fields.TextField(null=True)
    #: RECTIFICATION: the applied changes as field to old and new value.
    result: fields.Field[dict[str, object] | None] = fields.JSONField(null=True)
    verification_token_hash = fields.CharField(max_length=64, null=True, unique=True)
    verification_expires_at = fields.DatetimeField(null=True)

    class Meta:
        table = "data_subject_requests"


class ErasureCertificate(Model):
    """What an erasure removed and when. It names no person: only the request and counts."""

    id = fields.UUIDField(primary_key=True)
    request_id = fields.UUIDField(unique=True)
    erased_at = fields.DatetimeField()
    #: Export section to what happened and how many records it touched.
    summary: fields.Field[dict[str, object]] = fields.JSONField()

    class Meta:
        table = "erasure_certificates"


def _erased(row: Model) -> str:
    return ERASED


async def _delete_exports(settings: Settings, user_id: str) -> None:
    """Export archives hold a copy of everything, originals included: they go too."""
    from pixvault.storage import make_storage

    storage = make_storage(settings)
    rows = await DataSubjectRequest.filter(subject_id=user_id).exclude(export_key=None)
    for row in rows:
        if row.export_key:
            await storage.delete(row.export_key)
    await DataSubjectRequest.filter(subject_id=user_id).update(
        export_key=None, export_expires_at=None
    )


PERSONAL_DATA = (
    PersonalData(
        model=DataSubjectRequest,
        subject_field="subject_id",
        fields=(
            "kind",
            "purpose",
            "status",
            "requester_email",
            "details",
            "corrections",
            "received_at",
            "verified_at",
            "due_at",
            "extension_reason",
            "completed_at",
            "rejection_reason",
            "result",
            "extended_days",
            "waiting_reason",
            "not_before",
            "export_expires_at",
            "verification_expires_at",
            "internal_notes",
            "visitor_id",
        ),
        not_personal={
            "progress": "How far a run of the request got.",
            "heartbeat_at": "When the worker running the request last said it was alive.",
            "export_key": "Where the export is stored; the export itself is yours to download.",
            "verification_token_hash": TOKEN_HASH_REASON,
        },
        erasure=Erasure.RETAIN,
        purpose=(
            "Evidence that your requests were answered lawfully and in time. Kept without "
            "your email, details or corrections once your account is erased."
        ),
        retention="3 years after the request is completed",
        anonymise={
            "requester_email": _erased,
            "visitor_id": None,
            "details": None,
            "corrections": None,
            "result": None,
            "internal_notes": None,
        },
        section="data_subject_requests",
        on_erase=_delete_exports,
        order=900,
    ),
    NotPersonal(ErasureCertificate, "It records counts and dates, never who was erased."),
)

GUEST_RECORDS = (
    GuestRecords(
        model=DataSubjectRequest,
        section="data_subject_requests",
        account_field="subject_id",
        email_field="requester_email",
        fields=("kind", "status", "received_at", "verified_at", "due_at", "completed_at"),
        erasure=Erasure.ANONYMISE,
        anonymise={"requester_email": ERASED, "details": None, "visitor_id": None},
        purpose=(
            "Evidence that your requests were answered lawfully and in time (kept 3 years, "
            "without your email address once erased)."
        ),
        # Last, as in an account holder's export and erasure.
        order=900,
    ),
)
