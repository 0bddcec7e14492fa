"""The audit trail: append-only, each entry chained to the one before by its hash."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from pixvault.core.privacy_register import Erasure, NotPersonal, PersonalData


class AuditEntry(Model):
    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField()
    #: Plain ids, not foreign keys, so erasing a person never rewrites the chain.
    actor_id = fields.CharField(max_length=36, null=True)
    actor_roles = fields.CharField(max_length=100, default="")
    action = fields.CharField(max_length=100)
    subject_id = fields.CharField(max_length=36, null=True, db_index=True)
    target = fields.CharField(max_length=200, null=True)
    ip_address = fields.CharField(max_length=45, null=True)
    #: Unique, so two writers racing for the same predecessor cannot both append.
    prev_hash = fields.CharField(max_length=64, unique=True)
    hash = fields.CharField(max_length=64, unique=True)

    class Meta:
        table = "audit_entries"


class AuditAnchor(Model):
    """Where the chain starts after its oldest entries passed their retention period and were
    cut off: the hash of the last entry cut, which the first remaining entry links to."""

    id = fields.BigIntField(primary_key=True)
    pruned_at = fields.DatetimeField()
    #: The highest entry id cut off, and its hash.
    last_id = fields.BigIntField()
    last_hash = fields.CharField(max_length=64)
    count = fields.IntField()

    class Meta:
        table = "audit_anchors"


PERSONAL_DATA = (
    PersonalData(
        model=AuditEntry,
        subject_field="subject_id",
        # Who read your data is exported by role only: a staff member's identity is theirs.
        fields=("at", "action", "target", "actor_roles"),
        redacted=("actor_id", "ip_address"),
        not_personal={
            "prev_hash": "The hash chain's link to the entry before.",
            "hash": "The hash chain's seal of this entry.",
        },
        erasure=Erasure.RETAIN,
        purpose=(
            "Accountability for every access to and change of personal data (GDPR Art. 5(2)). "
            "Entries hold ids and addresses, never names or emails, and cannot be altered "
            "without breaking the hash chain, so they are kept as they are."
        ),
        retention="6 years after the entry",
        section="access_log",
    ),
    NotPersonal(AuditAnchor, "It holds an entry id and a hash, never about a person."),
)
