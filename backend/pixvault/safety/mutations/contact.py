"""sendContactMessage and markContactMessageHandled."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import returns_errors
from pixvault.safety import queue
from pixvault.safety.contact import ContactForm, Topic, send_contact_message
from pixvault.safety.types import ContactMessage, ContactPayload


@strawberry.input(description="The contact form.")
class ContactInput:
    topic: Topic = strawberry.field(description="What it is about.")
    name: str = strawberry.field(description="The sender's name.")
    email: str = strawberry.field(
        description="The address to reply to; an acknowledgement is sent there."
    )
    subject: str = strawberry.field(description="A subject line.")
    message: str = strawberry.field(description="The text, up to 5000 characters.")
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
        self,
        info: Info[Context, None],
        input: Annotated[ContactInput, strawberry.argument(description="The message.")],
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

    @strawberry.mutation(description="Mark a contact message handled (or waiting again).")
    @returns_errors(ContactPayload)
    async def mark_contact_message_handled(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The message's id.")],
        handled: Annotated[
            bool, strawberry.argument(description="true: handled; false: waiting again.")
        ] = True,
    ) -> ContactPayload:
        row = await queue.set_handled(info.context.viewer, id, handled)
        return ContactPayload(message=ContactMessage.from_model(row), errors=[])
