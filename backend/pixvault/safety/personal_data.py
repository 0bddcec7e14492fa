"""What the contact form holds about a person, for their access export and their erasure.

A person's messages are those sent while signed in to their account and, when the request
proves the address is theirs, those sent from their email address while signed out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from pixvault.safety.models import ContactMessage


@dataclass(frozen=True)
class ContactEntry:
    id: str
    topic: str
    name: str
    email: str
    subject: str
    message: str
    created_at: datetime
    handled_at: datetime | None


def _messages_of(user_id: str | None, email: str | None) -> QuerySet[ContactMessage]:
    if user_id is None and email is None:
        raise ValueError("name the person by user_id, email or both")
    match = Q()
    if user_id is not None:
        match |= Q(user_id=user_id)
    if email is not None:
        match |= Q(email=email.strip().lower())
    return ContactMessage.filter(match)


async def contact_messages_of(
    *, user_id: str | None = None, email: str | None = None
) -> list[ContactEntry]:
    """A person's contact messages, oldest first."""
    rows = await _messages_of(user_id, email).order_by("created_at", "id")
    return [
        ContactEntry(
            id=str(row.id),
            topic=row.topic,
            name=row.name,
            email=row.email,
            subject=row.subject,
            message=row.message,
            created_at=row.created_at,
            handled_at=row.handled_at,
        )
        for row in rows
    ]


async def erase_contact_messages_of(*, user_id: str | None = None, email: str | None = None) -> int:
    """Delete a person's contact messages; returns how many went."""
    return await _messages_of(user_id, email).delete()
