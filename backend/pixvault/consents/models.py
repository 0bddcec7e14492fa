"""The consent ledger: append-only proof of each decision, for users and anonymous visitors."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from pixvault.accounts.models import User
from pixvault.core.privacy_register import Erasure, GuestRecords, PersonalData


class ConsentRecord(Model):
    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="consent_records", null=True, on_delete=fields.CASCADE
    )
    #: The random id in an anonymous visitor's NECESSARY cookie.
    visitor_id = fields.CharField(max_length=64, null=True, db_index=True)
    purpose = fields.CharField(max_length=32)
    granted = fields.BooleanField()
    source = fields.CharField(max_length=32)
    policy_version = fields.CharField(max_length=32)
    recorded_at = fields.DatetimeField()
    ip_address = fields.CharField(max_length=45, null=True)
    user_agent = fields.CharField(max_length=500, null=True)

    class Meta:
        table = "consent_records"


PERSONAL_DATA = (
    PersonalData(
        model=ConsentRecord,
        subject_field="user_id",
        fields=(
            "purpose",
            "granted",
            "source",
            "policy_version",
            "recorded_at",
            "ip_address",
            "user_agent",
            "visitor_id",
        ),
        # Deleted, not kept as pseudonymous proof: once the account is erased nothing is
        # processed on the strength of these consents any more, and the erasure certificate
        # records that the ledger existed and was erased.
        erasure=Erasure.DELETE,
        purpose="Proof of the choices you made about cookies, analytics and marketing email.",
        section="consents",
    ),
)

GUEST_RECORDS = (
    GuestRecords(
        model=ConsentRecord,
        section="consents",
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
        order=30,
    ),
)
