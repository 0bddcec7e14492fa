"""Housekeeping run every few minutes: by the arq worker with Redis, in-process without it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from pixvault.accounts.models import Session
from pixvault.assets import purge
from pixvault.billing.metering import flush
from pixvault.core.clock import now
from pixvault.core.settings import Settings
from pixvault.core.store import KeyValueStore
from pixvault.mail.sender import purge_old_mail
from pixvault.privacy import runner
from pixvault.privacy.exports import sweep_leftovers as sweep_export_leftovers
from pixvault.records.enforcement import enforce_retention
from pixvault.records.retention import apply_telemetry_retention
from pixvault.runtime import Runtime

log = logging.getLogger("pixvault.jobs")
INTERVAL_SECONDS = 300
#: Telemetry retention runs every this many rounds (hourly).
RETENTION_EVERY = 12
#: Every retention period of the register is enforced every this many rounds (daily).
ENFORCEMENT_EVERY = 288


async def end_expired_sessions() -> int:
    """Mark sessions past their expiry as ended, so their durations are final."""
    return await Session.filter(ended_at=None, expires_at__lte=now()).update(
        ended_at=now(), token_hash=None
    )


async def flush_usage(store: KeyValueStore) -> int:
    """Move metered usage from memory and the shared store into the per-period table."""
    return await flush(store)


async def housekeeping(settings: Settings) -> None:
    await end_expired_sessions()
    await purge_old_mail(settings)
    await asyncio.to_thread(sweep_export_leftovers, settings)


async def run_in_process(runtime: Runtime, stop: asyncio.Event) -> None:
    rounds = 0
    while not stop.is_set():
        tasks: list[Coroutine[Any, Any, object]] = [
            housekeeping(runtime.settings),
            flush_usage(runtime.store),
            # Requests whose "not before" has come (an erasure after its export window).
            runner.resume(runtime.jobs, runtime.settings),
            # Cache purges left over from a stopped process (recalls wake the sender at once).
            purge.send_due(runtime.settings),
        ]
        if rounds % RETENTION_EVERY == 0:
            tasks.append(apply_telemetry_retention(runtime.settings))
        if rounds % ENFORCEMENT_EVERY == 0:
            tasks.append(enforce_retention(runtime.settings))
        for task in tasks:
            try:
                await task
            except Exception:  # a failed task must not end the loop
                log.exception("periodic housekeeping failed")
        rounds += 1
        try:
            await asyncio.wait_for(stop.wait(), INTERVAL_SECONDS)
        except TimeoutError:
            continue
