"""The register of personal-data breaches (GDPR Art. 33 and 34)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from pixvault.accounts.models import User
from pixvault.core.privacy_register import Erasure, NotPersonal, PersonalData


class BreachIncident(Model):
    """One breach: what happened, when it was found, and who was told when."""

    id = fields.UUIDField(primary_key=True)
    description = fields.TextField()
    discovered_at = fields.DatetimeField(db_index=True)
    data_categories: fields.Field[list[str]] = fields.JSONField(default=list)
    #: How the affected people were chosen, as staff asked (for the record).
    selection: fields.Field[dict[str, object]] = fields.JSONField(default=dict)
    recorded_at = fields.DatetimeField()
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="breaches_recorded", null=True, on_delete=fields.SET_NULL
    )
    authority_notified_at = fields.DatetimeField(null=True)
    authority_reference = fields.CharField(max_length=200, null=True)
    #: Set when staff asked for the affected people to be told (the job emails each once).
    people_notice_requested_at = fields.DatetimeField(null=True)
    #: The text of the email to the affected people (Art. 34(2)).
    people_notice = fields.TextField(null=True)

    class Meta:
        table = "breach_incidents"


class BreachSubject(Model):
    """A person affected by a breach, and when they were emailed about it."""

    id = fields.UUIDField(primary_key=True)
    incident: fields.ForeignKeyRelation[BreachIncident] = fields.ForeignKeyField(
        "pixvault.BreachIncident", related_name="subjects", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="breaches", on_delete=fields.CASCADE
    )
    notified_at = fields.DatetimeField(null=True, db_index=True)

    class Meta:
        table = "breach_subjects"
        unique_together = (("incident", "user"),)


PERSONAL_DATA = (
    NotPersonal(
        BreachIncident,
        "It describes an incident; the people it touched are in breach_subjects.",
    ),
    PersonalData(
        model=BreachSubject,
        subject_field="user_id",
        fields=("incident_id", "notified_at"),
        erasure=Erasure.RETAIN,
        purpose=(
            "That your data was affected by a personal-data breach, and when you were told. "
            "Kept in the breach register the law requires (GDPR Art. 33(5))."
        ),
        retention="5 years after the breach was discovered",
        section="breaches",
    ),
)
