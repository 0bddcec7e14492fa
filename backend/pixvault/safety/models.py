"""Messages sent through the contact form."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from pixvault.accounts.models import User
from pixvault.privacy.register import Erasure, PersonalData
from pixvault.settings import Settings


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

    class Meta:
        table = "contact_messages"


async def _erase_messages_sent_from_the_address(settings: Settings, user_id: str) -> None:
    """Messages sent while signed out carry only the email; erase those too."""
    email = await User.filter(id=user_id).values_list("email", flat=True)
    if email:
        await ContactMessage.filter(email=email[0]).delete()


PERSONAL_DATA = (
    PersonalData(
        model=ContactMessage,
        subject_field="user_id",
        fields=("topic", "name", "email", "subject", "message", "created_at", "handled_at"),
        erasure=Erasure.DELETE,
        purpose="What you wrote to us through the contact form, to answer it.",
        section="contact_messages",
        on_erase=_erase_messages_sent_from_the_address,
    ),
)
