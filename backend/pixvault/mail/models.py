"""The transactional outbox: each email is a row written with the change that causes it, and
delivered afterwards by the sender (mail/sender.py), with retries."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

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
