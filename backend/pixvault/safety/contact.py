"""Sending a message through the contact form: checks, throttles, a honeypot, and the
acknowledgement email.

Anyone may write, signed in or not. Each client address may send CONTACT_PER_IP messages an
hour. The form has a honeypot field (``website``) that people never see: a message with it
filled is answered exactly like a real one but neither stored nor acknowledged.

The acknowledgement goes to whatever address was typed, so it quotes nothing the sender wrote
(name, subject, message): the form must not become a way to mail chosen text to chosen
people. For the same reason one address gets at most ACKS_PER_ADDRESS acknowledgements a day;
messages beyond that are still stored, just not acknowledged.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from enum import StrEnum

from pixvault.accounts.emails import normalise_email
from pixvault.core import described
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.ratelimit import Limit, allow
from pixvault.core.text import line, paragraphs
from pixvault.core.viewer import Viewer
from pixvault.runtime import Runtime
from pixvault.safety.models import ContactMessage

CONTACT_PER_IP = Limit("contact-ip", 10, 60 * 60)
ACKS_PER_ADDRESS = Limit("contact-ack", 3, 24 * 60 * 60)
MAX_MESSAGE = 5000


@described.enum(
    "What a contact message is about, which decides who handles it.",
    {
        "GENERAL": "Anything else; the team reads it.",
        "SUPPORT": "Help with using Pixvault; support staff handle it.",
        "BILLING": "Plans, invoices and payments; support staff handle it.",
        "PRIVACY": "Personal data and privacy; only the privacy officer and admins read it.",
    },
    name="ContactTopic",
)
class Topic(StrEnum):
    GENERAL = "GENERAL"
    SUPPORT = "SUPPORT"
    BILLING = "BILLING"
    PRIVACY = "PRIVACY"


_HANDLED_BY = {
    Topic.GENERAL: "Our team reads every message.",
    Topic.SUPPORT: "Our support team handles messages on this topic.",
    Topic.BILLING: "Our support team handles billing questions.",
    Topic.PRIVACY: "Our privacy officer handles messages on this topic.",
}


@dataclass(frozen=True)
class ContactForm:
    topic: Topic
    name: str
    email: str
    subject: str
    message: str
    #: The honeypot: people leave it empty.
    website: str | None = None


async def send_contact_message(
    runtime: Runtime, viewer: Viewer, form: ContactForm
) -> ContactMessage:
    """Check, throttle and store a message, then acknowledge it to its sender.

    Returns the stored message, or for a filled honeypot an identical-looking one that was
    never stored.
    """
    message = ContactMessage(
        id=uuid.uuid4(),
        user_id=viewer.user_id,
        topic=form.topic.value,
        name=line(form.name, "name"),
        email=normalise_email(form.email),
        subject=line(form.subject, "subject"),
        message=paragraphs(form.message, "message", limit=MAX_MESSAGE),
        created_at=now(),
    )
    if not await allow(runtime.store, CONTACT_PER_IP, viewer.client.ip_address or "unknown"):
        raise UserFacingError("RATE_LIMITED", "Too many messages. Try again in an hour.")
    if form.website and form.website.strip():
        return message
    await message.save()
    address_key = hashlib.sha256(message.email.encode()).hexdigest()
    if await allow(runtime.store, ACKS_PER_ADDRESS, address_key, disclose=False):
        await runtime.mailer.send(
            message.email, "We received your message", _acknowledgement(message)
        )
    return message


def _acknowledgement(message: ContactMessage) -> str:
    topic = Topic(message.topic)
    return (
        "Hello,\n\n"
        "Pixvault received a message sent from this email address through its contact form.\n\n"
        f"Topic: {topic.value.capitalize()}\n"
        f"Reference: {message.id}\n"
        f"Received: {message.created_at:%Y-%m-%d %H:%M} UTC\n\n"
        f"{_HANDLED_BY[topic]} We will reply to this address.\n\n"
        "If you did not write to us, ignore this email. We use the address only to answer "
        "the message.\n"
    )
