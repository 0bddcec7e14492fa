"""What the webhook hands each event handler, and what a handler asks to be told afterwards."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class Incoming:
    """A verified Stripe event."""

    id: str
    type: str
    created: datetime
    #: ``data.object``: the invoice, charge, subscription or checkout session.
    obj: dict[str, Any]
    #: For charge.refunded: the invoice the charge paid, looked up at Stripe beforehand.
    invoice_id: str | None = None


@dataclass(frozen=True)
class Notice:
    """An email to send the customer once the change that prompted it is committed."""

    user_id: str
    subject: str
    text: str


Handler = Callable[[Incoming], Awaitable[list[Notice]]]


def from_timestamp(value: object) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if isinstance(value, int) else None
