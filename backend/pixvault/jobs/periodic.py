"""Housekeeping run every few minutes: by the arq worker with Redis, in-process without it."""

from __future__ import annotations

import asyncio
import logging

from pixvault.accounts.models import Session
from pixvault.clock import now
from pixvault.mail.sender import purge_old_mail

log = logging.getLogger("pixvault.jobs")
INTERVAL_SECONDS = 300


async def end_expired_sessions() -> int:
    """Mark sessions past their expiry as ended, so their durations are final."""
    return await Session.filter(ended_at=None, expires_at__lte=now()).update(
        ended_at=now(), token_hash=None
    )


async def housekeeping() -> None:
    await end_expired_sessions()
    await purge_old_mail()


async def run_in_process(stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await housekeeping()
        except Exception:  # a failed round must not end the loop
            log.exception("periodic housekeeping failed")
        try:
            await asyncio.wait_for(stop.wait(), INTERVAL_SECONDS)
        except TimeoutError:
            continue
