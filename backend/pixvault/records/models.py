"""Legal holds on people's data, and disclosures of it to third parties."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from pixvault.accounts.models import User
from pixvault.core.privacy_register import Erasure, PersonalData


class LegalHold(Model):
    """A legal hold on the data of a person. While one stands, their erasure waits.

    Placed for a legal claim, a court order or an investigation.

    personal data: reason and reference describe the person's legal matter (the person reads
    them as User.legalHolds and in the access export). Released holds are kept as the record
    of what stopped an erasure and when.
    """

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="legal_holds", on_delete=fields.CASCADE
    )
    reason = fields.TextField()
    #: A case, court order or ticket number.
    reference = fields.CharField(max_length=200, null=True)
    placed_at = fields.DatetimeField()
    placed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="legal_holds_placed", null=True, on_delete=fields.SET_NULL
    )
    released_at = fields.DatetimeField(null=True, db_index=True)
    released_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="legal_holds_released", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "legal_holds"


class Disclosure(Model):
    """A disclosure of the data of a person to a third party, such as an answer to a court order.

    personal data: the whole record is about the person (user). Their access export lists it.
    """

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="disclosures", on_delete=fields.CASCADE
    )
    recipient = fields.CharField(max_length=200)
    #: One of records.disclosures.LegalBasis, the GDPR Article 6(1) bases.
    legal_basis = fields.CharField(max_length=32)
    #: The kinds of personal data disclosed, as staff named them.
    data_categories: fields.Field[list[str]] = fields.JSONField(default=list)
    #: A case, court order or ticket number.
    reference = fields.CharField(max_length=200, null=True)
    disclosed_at = fields.DatetimeField()
    recorded_at = fields.DatetimeField(db_index=True)
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="disclosures_recorded", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "disclosures"


PERSONAL_DATA = (
    PersonalData(
        model=LegalHold,
        subject_field="user_id",
        fields=("placed_at", "released_at"),
        # The reason and reference are shown to the person only as "[redacted]": telling them
        # could tip off an investigation (a non-disclosure order). Which staff member placed
        # or released the hold is that person's data.
        redacted=("reason", "reference", "placed_by_id", "released_by_id"),
        erasure=Erasure.RETAIN,
        purpose=(
            "Holds placed on your data for a legal reason. While one stands, erasure waits. "
            "The record of the hold is evidence of that obligation. Its reason and reference "
            "are withheld, as the law may forbid telling you about the case."
        ),
        retention="6 years after the hold is released",
        section="legal_holds",
    ),
    PersonalData(
        model=Disclosure,
        subject_field="user_id",
        fields=(
            "recipient",
            "legal_basis",
            "data_categories",
            "reference",
            "disclosed_at",
            "recorded_at",
        ),
        redacted=("recorded_by_id",),
        erasure=Erasure.RETAIN,
        purpose=(
            "Who your data was disclosed to, on what legal basis. Kept as the record of "
            "processing the law requires (GDPR Art. 30)."
        ),
        retention="6 years after the disclosure",
        section="disclosures",
    ),
)
