"""Housekeeping run every few minutes: by the arq worker with Redis, in-process without it."""

from __future__ import annotations

import asyncio
import logging

from pixvault.accounts.models import Session
from pixvault.clock import now
from pixvault.records.retention import apply_telemetry_retention
from pixvault.settings import Settings

log = logging.getLogger("pixvault.jobs")
INTERVAL_SECONDS = 300
#: Telemetry retention runs every this many rounds (hourly).
RETENTION_EVERY = 12


async def end_expired_sessions() -> int:
    """Mark sessions past their expiry as ended, so their durations are final."""
    return await Session.filter(ended_at=None, expires_at__lte=now()).update(
        ended_at=now(), token_hash=None
    )


async def run_in_process(settings: Settings, stop: asyncio.Event) -> None:
    rounds = 0
    while not stop.is_set():
        try:
            await end_expired_sessions()
            if rounds % RETENTION_EVERY == 0:
                await apply_telemetry_retention(settings)
        except Exception:  # a failed round must not end the loop
            log.exception("periodic housekeeping failed")
        rounds += 1
        try:
            await asyncio.wait_for(stop.wait(), INTERVAL_SECONDS)
        except TimeoutError:
            continue
