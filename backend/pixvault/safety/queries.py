"""Queries of the safety domain."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.core.errors import forbidden
from pixvault.graphkit.context import Context
from pixvault.graphkit.pagination import (
    After,
    Before,
    Connection,
    First,
    Last,
    check_first,
    paginate,
)
from pixvault.safety import abuse, queue
from pixvault.safety.abuse import ReportStatus
from pixvault.safety.contact import Topic
from pixvault.safety.types import AbuseReport, ContactMessage


@strawberry.type
class SafetyQuery:
    @strawberry.field(
        description="Contact messages, newest first: up to `first` of them "
        "(contactMessagesConnection pages them). PRIVACY messages only for PRIVACY_OFFICER and "
        "ADMIN."
    )
    async def contact_messages(
        self,
        info: Info[Context, None],
        topic: Annotated[
            Topic | None,
            strawberry.argument(description="Only messages on this topic; null: every topic."),
        ] = None,
        first: First = 50,
        handled: Annotated[
            bool | None,
            strawberry.argument(
                description="true: only handled messages; false: only waiting ones; null: both."
            ),
        ] = None,
    ) -> list[ContactMessage] | None:
        context = info.context
        try:
            rows = await queue.queue(context.viewer, topic, handled, check_first(first))
        except PermissionError:
            raise forbidden("Only PRIVACY_OFFICER and ADMIN read PRIVACY messages.") from None
        messages = [ContactMessage.from_model(row) for row in rows]
        for message in messages:
            if message.user_id is not None and not context.viewer.is_self(message.user_id):
                context.audit_read("Query.contactMessages", message.user_id)
        return messages

    @strawberry.field(description="contactMessages, a page at a time")
    async def contact_messages_connection(
        self,
        info: Info[Context, None],
        topic: Annotated[
            Topic | None,
            strawberry.argument(description="Only messages on this topic; null: every topic."),
        ] = None,
        handled: Annotated[
            bool | None,
            strawberry.argument(
                description="true: only handled messages; false: only waiting ones; null: both."
            ),
        ] = None,
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ContactMessage] | None:
        context = info.context
        try:
            query = queue.queue_query(context.viewer, topic, handled)
        except PermissionError:
            raise forbidden("Only PRIVACY_OFFICER and ADMIN read PRIVACY messages.") from None
        page = await paginate(
            query, first, after, ContactMessage.from_model, last=last, before=before
        )
        for edge in page.edges:
            user_id = edge.node.user_id
            if user_id is not None and not context.viewer.is_self(user_id):
                context.audit_read("Query.contactMessagesConnection", user_id)
        return page

    @strawberry.field(description="Abuse reports, newest first, a page at a time.")
    async def abuse_reports(
        self,
        status: Annotated[
            ReportStatus | None,
            strawberry.argument(description="Only reports with this status; null: any."),
        ] = None,
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[AbuseReport] | None:
        return await paginate(
            abuse.reports(status), first, after, AbuseReport.from_model, last=last, before=before
        )
