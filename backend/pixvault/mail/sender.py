"""Delivering the outbox: claim due messages, send them, retry failures with backoff.

Several senders may run at once (app processes, workers): each claims a message by moving it
from PENDING to SENDING in one conditional update, so only one of them sends it. A sender that
is stopped mid-send hands its unsent claims back; one that dies leaves them SENDING, and after
STALE_CLAIM they are pending again, which makes delivery at-least-once (a file delivery then
rewrites the same file).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from pixvault import db
from pixvault.core.clock import now
from pixvault.core.installed import Installed
from pixvault.core.settings import Settings
from pixvault.mail.delivered import remove_delivered
from pixvault.mail.models import OutboxMessage
from pixvault.mail.notify import LocalNotifier
from pixvault.mail.transports import DeliveryError, Transport, compose, make_transport

log = logging.getLogger("pixvault.mail")

BATCH = 50
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)
MAX_RETRY = timedelta(hours=6)
STALE_CLAIM = timedelta(minutes=10)
#: Delivered, failed and cancelled mail is kept this long (to answer "did you send it?") and
#: then deleted: it holds addresses and personal content.
RETENTION = timedelta(days=30)
#: How often the in-process sender looks for due retries when nothing wakes it.
POLL_SECONDS = 5.0
#: Whether a user's latest decision grants a purpose (consents/services.py ``has_granted``),
#: asked just before sending mail that requires consent. Consents sits above mail (its campaigns
#: send through the outbox), so the runtime installs it.
consent_granted = Installed[Callable[[str, str], Awaitable[bool]]]("Mail's consent check")


def retry_delay(attempts: int) -> timedelta:
    """30 s, 2 min, 8 min, 32 min, about 2 h, then 6 h: eight attempts span about 15 hours."""
    return min(FIRST_RETRY * int(4 ** (attempts - 1)), MAX_RETRY)


class OutboxSender:
    def __init__(self, settings: Settings, transport: Transport | None = None) -> None:
        self.sender = settings.mail_from
        self.transport = transport or make_transport(settings)

    async def deliver_due(self) -> int:
        """Send every message that is due; returns how many were delivered."""
        await OutboxMessage.filter(status="SENDING", claimed_at__lte=now() - STALE_CLAIM).update(
            status="PENDING", claimed_at=None
        )
        delivered = 0
        while batch := await self._claim():
            try:
                delivered += await self._deliver(batch)
            except asyncio.CancelledError:
                await self._release(batch)
                raise
        return delivered

    @staticmethod
    async def _release(batch: list[OutboxMessage]) -> None:
        """Hand back the claims a stopping process (a deploy's SIGTERM cancels the worker's jobs)
        has not sent, so the next sender takes them at once rather than after STALE_CLAIM, and the
        mail purge, which leaves SENDING rows alone, is not held up either."""
        await OutboxMessage.filter(id__in=[row.id for row in batch], status="SENDING").update(
            status="PENDING", claimed_at=None
        )

    async def _claim(self) -> list[OutboxMessage]:
        due = (
            await OutboxMessage.filter(status="PENDING", next_attempt_at__lte=now())
            .order_by("next_attempt_at")
            .limit(BATCH)
            .values_list("id", flat=True)
        )
        mine: list[Any] = []
        for message_id in due:
            claimed = await OutboxMessage.filter(id=message_id, status="PENDING").update(
                status="SENDING", claimed_at=now()
            )
            if claimed:
                mine.append(message_id)
        return list(await OutboxMessage.filter(id__in=mine).order_by("next_attempt_at"))

    async def _deliver(self, batch: list[OutboxMessage]) -> int:
        delivered = 0
        try:
            async with self.transport.connect() as connection:
                for row in batch:
                    if row.requires_consent and not await self._still_consented(row):
                        await self._cancel(row, "consent withdrawn before delivery")
                        continue
                    try:
                        await connection.send(compose(row, self.sender))
                    except DeliveryError as error:
                        await self._failed(row, error)
                    else:
                        await self._sent(row)
                        delivered += 1
        except DeliveryError as error:  # no connection: every unsent claim is retried
            for row in batch:
                if row.status == "SENDING":
                    await self._failed(row, error)
        return delivered

    @staticmethod
    async def _still_consented(row: OutboxMessage) -> bool:
        user_id = row.user_id  # type: ignore[attr-defined]
        assert row.requires_consent is not None
        return user_id is not None and await consent_granted()(str(user_id), row.requires_consent)

    @staticmethod
    async def _sent(row: OutboxMessage) -> None:
        row.status, row.sent_at, row.last_error = "SENT", now(), None
        row.attempts += 1
        await row.save(update_fields=["status", "attempts", "sent_at", "last_error"])

    @staticmethod
    async def _cancel(row: OutboxMessage, reason: str) -> None:
        row.status, row.last_error = "CANCELLED", reason
        await row.save(update_fields=["status", "last_error"])

    @staticmethod
    async def _failed(row: OutboxMessage, error: DeliveryError) -> None:
        row.attempts += 1
        row.last_error = str(error)[:500]
        if error.permanent or row.attempts >= MAX_ATTEMPTS:
            row.status = "FAILED"
            log.error("mail %s failed for good: %s", row.id, row.last_error)
        else:
            row.status = "PENDING"
            row.next_attempt_at = now() + retry_delay(row.attempts)
            log.warning("mail %s failed, attempt %d: %s", row.id, row.attempts, row.last_error)
        row.claimed_at = None
        await row.save(
            update_fields=["status", "attempts", "last_error", "next_attempt_at", "claimed_at"]
        )


async def purge_old_mail(settings: Settings) -> int:
    """Delete finished mail older than RETENTION, with its delivered .eml file, and scrub the
    deleted rows out of the database's files (db.scrub)."""
    cutoff = now() - RETENTION
    old = OutboxMessage.filter(status__in=("SENT", "FAILED", "CANCELLED"), created_at__lte=cutoff)
    sent = await old.values_list("message_id", flat=True)
    await remove_delivered(settings, [str(m) for m in sent], written_before=cutoff)
    purged = await old.delete()
    if purged:
        await db.scrub([OutboxMessage._meta.db_table])
    return purged


async def run_in_process(
    sender: OutboxSender, notifier: LocalNotifier, stop: asyncio.Event
) -> None:
    """The sender of an app without Redis: on every wake-up, and every POLL_SECONDS for retries."""
    while not stop.is_set():
        notifier.queued.clear()
        try:
            await sender.deliver_due()
        except Exception:  # a failed round must not end the loop
            log.exception("delivering mail failed")
        waits = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(notifier.queued.wait())]
        await asyncio.wait(waits, timeout=POLL_SECONDS, return_when=asyncio.FIRST_COMPLETED)
        for waiting in waits:
            waiting.cancel()
