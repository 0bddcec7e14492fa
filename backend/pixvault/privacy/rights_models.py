"""Restrictions of processing (GDPR Art. 18) and notices to recipients (Art. 19)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from pixvault.accounts.models import User
from pixvault.core.privacy_register import Erasure, PersonalData


class ProcessingRestriction(Model):
    """A restriction of the processing of a person's data, placed when their RESTRICTION
    request is verified. It stands until ``lifts_at``: staff lifting it set that date a notice
    period ahead, so the person is told before it ends (Art. 18(3))."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="processing_restrictions", on_delete=fields.CASCADE
    )
    request_id = fields.UUIDField(unique=True)
    #: The person's grounds, as they gave them with the request.
    grounds = fields.TextField(null=True)
    placed_at = fields.DatetimeField()
    #: Unset while it stands with no end, else the moment it ends (staff lifted it).
    lifts_at = fields.DatetimeField(null=True, db_index=True)
    lift_reason = fields.TextField(null=True)
    lifted_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "pixvault.User",
        related_name="processing_restrictions_lifted",
        null=True,
        on_delete=fields.SET_NULL,
    )

    class Meta:
        table = "processing_restrictions"


class RecipientNotice(Model):
    """A notice to a processor or recipient of a person's data that a rectification or an
    erasure was carried out (Art. 19)."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="recipient_notices", on_delete=fields.CASCADE
    )
    request_id = fields.UUIDField(db_index=True)
    #: PROCESSOR (the processors register) or DISCLOSURE (the disclosures log).
    source = fields.CharField(max_length=16)
    recipient = fields.CharField(max_length=200)
    #: RECTIFICATION or ERASURE.
    action = fields.CharField(max_length=16)
    created_at = fields.DatetimeField()

    class Meta:
        table = "recipient_notices"
        unique_together = (("request_id", "source", "recipient"),)


PERSONAL_DATA = (
    PersonalData(
        model=ProcessingRestriction,
        subject_field="user_id",
        fields=("grounds", "placed_at", "lifts_at", "lift_reason", "request_id"),
        # Which staff member lifted it is that person's data.
        redacted=("lifted_by_id",),
        erasure=Erasure.RETAIN,
        purpose=(
            "Restrictions of processing you asked for: while one stands your data is kept "
            "but not used. The record is evidence that we honoured it."
        ),
        retention="3 years after the restriction is lifted",
        anonymise={"grounds": None},
        section="processing_restrictions",
    ),
    PersonalData(
        model=RecipientNotice,
        subject_field="user_id",
        fields=("request_id", "source", "recipient", "action", "created_at"),
        erasure=Erasure.RETAIN,
        purpose=(
            "Which processors and recipients of your data were told of a correction or an "
            "erasure of it (GDPR Art. 19)."
        ),
        retention="3 years after the notice",
        section="recipient_notices",
    ),
)
