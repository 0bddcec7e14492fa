"""The transactional outbox: each email is a row written with the change that causes it, and
delivered afterwards by the sender (mail/sender.py), with retries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import Tortoise, fields
from tortoise.expressions import Q
from tortoise.models import Model

from pixvault.core.privacy_register import Erasure, GuestRecords, PersonalData
from pixvault.core.settings import Settings

if TYPE_CHECKING:
    from pixvault.accounts.models import User


class OutboxMessage(Model):
    id = fields.UUIDField(primary_key=True)
    #: The account the message is for, if any. Erasing the account erases its mail.
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="outbox_messages", null=True, on_delete=fields.CASCADE
    )
    to_address = fields.CharField(max_length=320)
    subject = fields.CharField(max_length=300)
    text_body = fields.TextField()
    html_body = fields.TextField(null=True)
    #: Extra headers, such as List-Unsubscribe on marketing mail.
    headers: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    #: A consent purpose the recipient must still grant when the message goes out.
    requires_consent = fields.CharField(max_length=32, null=True)
    #: The RFC 5322 Message-ID, fixed at queueing so that a retried message keeps it.
    message_id = fields.CharField(max_length=255)
    #: PENDING, SENDING, SENT, FAILED or CANCELLED
    status = fields.CharField(max_length=16, default="PENDING")
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    claimed_at = fields.DatetimeField(null=True)
    last_error = fields.CharField(max_length=500, null=True)
    created_at = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "outbox_messages"
        indexes = (("status", "next_attempt_at"),)


#: The statuses of mail that has not reached its recipient yet and may still be sent.
WAITING = ("PENDING", "SENDING")


async def _erase_delivered_mail_to_the_address(settings: Settings, user_id: str) -> None:
    """Mail to the person's address that is no longer waiting to go. Mail still waiting
    (PENDING, or SENDING: claimed by a sender whose attempt may yet fail and be retried) stays:
    the erasure's own confirmation must still reach them, and delivered mail is purged after 30
    days; marketing still pending is cancelled at delivery, its consent being gone."""
    # The account model by name from tortoise's registry, as the foreign key names it: accounts
    # sends its mail through this package, so this package does not import accounts.
    user_model = Tortoise.apps["pixvault"]["User"]
    email = await user_model.filter(id=user_id).values_list("email", flat=True)
    if email:
        await OutboxMessage.filter(to_address=email[0]).exclude(status__in=WAITING).delete()


PERSONAL_DATA = (
    PersonalData(
        model=OutboxMessage,
        subject_field="user_id",
        fields=(
            "to_address",
            "subject",
            "text_body",
            "html_body",
            "headers",
            "requires_consent",
            "status",
            "created_at",
            "sent_at",
            "last_error",
        ),
        not_personal={
            "message_id": "A random identifier of the message.",
            "attempts": "Delivery bookkeeping: how many tries.",
            "next_attempt_at": "Delivery bookkeeping: when to try again.",
            "claimed_at": "Delivery bookkeeping: when a sender took it.",
        },
        erasure=Erasure.DELETE,
        purpose="Emails to you waiting to be sent, or sent in the last 30 days.",
        section="emails",
        on_erase=_erase_delivered_mail_to_the_address,
    ),
)

GUEST_RECORDS = (
    GuestRecords(
        model=OutboxMessage,
        section="emails",
        account_field="user_id",
        email_field="to_address",
        fields=("to_address", "subject", "status", "created_at", "sent_at"),
        erasure=Erasure.DELETE,
        keep=Q(status__in=WAITING),
        purpose="Emails we sent you, kept 30 days after sending.",
        order=40,
    ),
)
