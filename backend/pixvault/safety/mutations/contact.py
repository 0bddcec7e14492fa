"""sendContactMessage and markContactMessageHandled."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from pixvault.graph.context import Context
from pixvault.graph.payloads import returns_errors
from pixvault.safety import queue
from pixvault.safety.contact import ContactForm, Topic, send_contact_message
from pixvault.safety.types import ContactMessage, ContactPayload


@strawberry.input
class ContactInput:
    topic: Topic
    name: str
    email: str
    subject: str
    message: str
    website: str | None = strawberry.field(
        default=None,
        description="Leave unset. Web forms hide this field from people, and a message with it "
        "filled is taken for spam: answered as sent, but dropped.",
    )


@strawberry.type
class ContactMutations:
    @strawberry.mutation(description="Write to the service. The sender gets an acknowledgement.")
    @returns_errors(ContactPayload)
    async def send_contact_message(
        self, info: Info[Context, None], input: ContactInput
    ) -> ContactPayload:
        context = info.context
        form = ContactForm(
            topic=input.topic,
            name=input.name,
            email=input.email,
            subject=input.subject,
            message=input.message,
            website=input.website,
        )
        row = await send_contact_message(context.runtime, context.viewer, form)
        return ContactPayload(message=ContactMessage.from_model(row), errors=[])

    @strawberry.mutation
    @returns_errors(ContactPayload)
    async def mark_contact_message_handled(
        self, info: Info[Context, None], id: strawberry.ID, handled: bool = True
    ) -> ContactPayload:
        row = await queue.set_handled(info.context.viewer, id, handled)
        return ContactPayload(message=ContactMessage.from_model(row), errors=[])
