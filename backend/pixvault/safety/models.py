"""Messages sent through the contact form."""

from __future__ import annotations

from tortoise import fields
from tortoise.expressions import Q
from tortoise.models import Model

from pixvault.accounts.models import User
from pixvault.assets.models import Asset
from pixvault.core.privacy_register import ERASED, Erasure, GuestRecords, PersonalData
from pixvault.core.settings import Settings


class AbuseReport(Model):
    """A report that a public asset breaks the rules, and the staff decision on it.

    personal data: reporter (the reporting account, when signed in) and reporter_email (the
    address a decision could be sent to, the account's address when signed in), about the
    reporter, and owner, whose asset it is. The register names the owner as the subject: the
    access export lists the reports about their assets with reporter_email redacted, since it
    is somebody else's, and erasing the owner deletes the reports with the assets. Erasing a
    reporter keeps the reports they filed, which are evidence about another person's asset,
    but anonymises them (reporter_email becomes "erased" and reporter is cleared) in on_erase.
    The reporter's IP address is not stored, only counted by the rate limit.
    """

    id = fields.UUIDField(primary_key=True)
    #: Cleared when the asset is deleted; the report and its decision stay on record.
    asset: fields.ForeignKeyNullableRelation[Asset] = fields.ForeignKeyField(
        "pixvault.Asset", related_name="abuse_reports", null=True, on_delete=fields.SET_NULL
    )
    #: The reported image's content digest, which outlives the asset.
    asset_sha256 = fields.CharField(max_length=64, null=True)
    #: The asset's owner when the report was made.
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="abuse_reports_received", on_delete=fields.CASCADE
    )
    #: The reporting account, when signed in.
    reporter: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="abuse_reports_filed", null=True, on_delete=fields.SET_NULL
    )
    reporter_email = fields.CharField(max_length=320)
    reason = fields.CharField(max_length=32)
    details = fields.TextField(null=True)
    status = fields.CharField(max_length=16, db_index=True, default="OPEN")
    created_at = fields.DatetimeField(db_index=True)
    resolved_at = fields.DatetimeField(null=True)
    resolved_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "pixvault.User",
        related_name="resolved_abuse_reports",
        null=True,
        on_delete=fields.SET_NULL,
    )
    resolution_note = fields.TextField(null=True)
    #: Set when a reporter without an account restricted processing of their data (Art. 18):
    #: the report is still reviewed, for the rights of others (Art. 18(2)), but staff no longer
    #: see the reporter's address to contact them.
    restricted_at = fields.DatetimeField(
        null=True, description="When the reporter restricted processing of their data."
    )

    class Meta:
        table = "abuse_reports"


class ContactMessage(Model):
    """A message sent through the contact form, and whether staff have handled it.

    personal data: name, email, subject and message as the sender wrote them, and user (the
    sender's account when they were signed in). The access export lists a user's messages and
    erasure deletes them. The sender's IP address is not stored.
    """

    id = fields.UUIDField(primary_key=True)
    #: The account of the sender, when signed in.
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="contact_messages", null=True, on_delete=fields.CASCADE
    )
    topic = fields.CharField(max_length=16, db_index=True)
    name = fields.CharField(max_length=200)
    email = fields.CharField(max_length=320)
    subject = fields.CharField(max_length=200)
    message = fields.TextField()
    created_at = fields.DatetimeField(db_index=True)
    handled_at = fields.DatetimeField(null=True)
    handled_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "pixvault.User",
        related_name="handled_contact_messages",
        null=True,
        on_delete=fields.SET_NULL,
    )
    #: Set when a sender without an account restricted processing of their data (Art. 18) or
    #: had their objection upheld (Art. 21): the message is kept but leaves the staff queues.
    restricted_at = fields.DatetimeField(
        null=True, description="When the sender restricted or objected to its processing."
    )

    class Meta:
        table = "contact_messages"


async def _anonymise_reports_filed(settings: Settings, user_id: str) -> None:
    """The reports a person filed stay as evidence, without their address or account."""
    email = await User.filter(id=user_id).values_list("email", flat=True)
    filed = AbuseReport.filter(reporter_id=user_id)
    if email:
        filed = AbuseReport.filter(Q(reporter_id=user_id) | Q(reporter_email=email[0]))
    await filed.update(reporter_email=ERASED, reporter_id=None)


#: What a contact message holds of its writer, account holder or guest alike.
CONTACT_MESSAGE_FIELDS = (
    "topic",
    "name",
    "email",
    "subject",
    "message",
    "created_at",
    "handled_at",
    "restricted_at",
)

PERSONAL_DATA = (
    PersonalData(
        model=AbuseReport,
        subject_field="owner_id",
        fields=(
            "asset_id",
            "asset_sha256",
            "reason",
            "details",
            "status",
            "created_at",
            "resolved_at",
            "resolution_note",
        ),
        erasure=Erasure.DELETE,
        purpose="Reports that one of your public images breaks the rules, and our decision.",
        section="abuse_reports",
        # The reporter and the staff member who decided are other people.
        redacted=("reporter_email", "reporter_id", "resolved_by_id", "restricted_at"),
        on_erase=_anonymise_reports_filed,
    ),
    PersonalData(
        model=ContactMessage,
        subject_field="user_id",
        fields=CONTACT_MESSAGE_FIELDS,
        redacted=("handled_by_id",),
        erasure=Erasure.DELETE,
        purpose="What you wrote to us through the contact form, to answer it.",
        section="contact_messages",
        email_field="email",
    ),
)

GUEST_RECORDS = (
    GuestRecords(
        model=ContactMessage,
        section="contact_messages",
        account_field="user_id",
        email_field="email",
        fields=CONTACT_MESSAGE_FIELDS,
        erasure=Erasure.DELETE,
        purpose="What you wrote to us through the contact form, to answer it.",
        correctable={"name": "name"},
        order=10,
    ),
    GuestRecords(
        model=AbuseReport,
        section="abuse_reports_filed",
        account_field="reporter_id",
        email_field="reporter_email",
        fields=(
            "asset_id",
            "reason",
            "details",
            "status",
            "created_at",
            "resolved_at",
            "restricted_at",
        ),
        erasure=Erasure.ANONYMISE,
        anonymise={"reporter_email": ERASED},
        purpose=(
            "Reports you made about images. They are evidence about another person's image: "
            "erasure keeps them without your email address."
        ),
        order=20,
    ),
)
