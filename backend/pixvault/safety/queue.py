"""The staff queues of contact messages, and marking messages handled.

Who sees which topic: SUPPORT the GENERAL, SUPPORT and BILLING messages; PRIVACY messages form
the privacy officer's queue, seen only by PRIVACY_OFFICER and ADMIN, who also see every other
topic. Messages of a topic you may not see do not exist for you (NOT_FOUND when you name one).
"""

from __future__ import annotations

from tortoise.queryset import QuerySet

from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.ids import parse_uuid
from pixvault.core.roles import Role
from pixvault.core.viewer import Viewer
from pixvault.safety.contact import Topic
from pixvault.safety.models import ContactMessage

_ALL = frozenset(Topic)
_SEE_ALL = frozenset({Role.PRIVACY_OFFICER, Role.ADMIN})


def visible_topics(viewer: Viewer) -> frozenset[Topic]:
    if viewer.has_any(_SEE_ALL):
        return _ALL
    if Role.SUPPORT in viewer.roles:
        return _ALL - {Topic.PRIVACY}
    return frozenset()


async def queue(
    viewer: Viewer, topic: Topic | None, handled: bool | None, limit: int
) -> list[ContactMessage]:
    """Newest first. Raises PermissionError when ``topic`` is one the viewer may not see."""
    return await queue_query(viewer, topic, handled).limit(limit)


def queue_query(
    viewer: Viewer, topic: Topic | None, handled: bool | None
) -> QuerySet[ContactMessage]:
    """The messages ``queue`` lists, newest first, as a query to page through."""
    topics = visible_topics(viewer)
    if topic is not None:
        if topic not in topics:
            raise PermissionError(topic)
        topics = frozenset({topic})
    query = ContactMessage.filter(topic__in=[t.value for t in topics])
    if handled is not None:
        query = query.filter(handled_at__isnull=not handled)
    return query.order_by("-created_at", "id")


async def set_handled(viewer: Viewer, message_id: str, handled: bool) -> ContactMessage:
    """Mark a message handled by the viewer (or open again); handling twice keeps the first."""
    key = parse_uuid(message_id)
    topics = [t.value for t in visible_topics(viewer)]
    message = await ContactMessage.get_or_none(id=key, topic__in=topics) if key else None
    if message is None:
        raise UserFacingError("NOT_FOUND", "No such message.", "id")
    if handled and message.handled_at is None:
        message.handled_at = now()
        message.handled_by_id = viewer.user_id
    elif not handled:
        message.handled_at = None
        message.handled_by_id = None
    await message.save(update_fields=["handled_at", "handled_by_id"])
    return message
