"""Running verified ACCESS and ERASURE requests as background jobs, exactly once.

A run claims its request by moving it from VERIFIED to IN_PROGRESS and beats a heartbeat while
it works (every PIXVAULT_JOB_HEARTBEAT_SECONDS); a run whose heartbeat is four beats old was left
behind by a crash or a killed worker, and ``resume`` hands it back. A run may thus be cut off at
any point and done again, so each step is safe to repeat: the export goes to the same storage
key, erasure is idempotent, and the completion email is queued in the same transaction as the
state that says it was sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from pixvault import db
from pixvault.billing.erasure import ProviderUnavailable, close_customer
from pixvault.core.clock import now
from pixvault.core.settings import Settings
from pixvault.jobs.queue import JobQueue, handler
from pixvault.privacy import guests, notices
from pixvault.privacy.erasure import erase_user, touched_tables
from pixvault.privacy.exports import EXPORT_LIFETIME, build_export
from pixvault.privacy.models import DataSubjectRequest
from pixvault.privacy.recipients import notify_recipients
from pixvault.records import breach_notices
from pixvault.records.holds import active_holds
from pixvault.runtime import Runtime

log = logging.getLogger("pixvault.privacy")
JOB = "run_data_subject_request"
RUNNABLE = ("ACCESS", "ERASURE")
#: A run is presumed dead after this many missed heartbeats.
STALE_BEATS = 4
#: The progress an erasure records, with its completion email, before it erases anything: a
#: run done again after a crash sees it and does not email twice.
NOTICE_QUEUED = 0.5
#: Where an erasure keeps what it did at the payment provider, between attempts (``result``).
PROVIDER_KEY = "payment_provider"


def provider_retry_delay(attempts: int) -> timedelta:
    """How long an erasure waits for Stripe after its ``attempts``-th failure: a minute,
    doubling, at most an hour; the worker's resume sweep runs it again once that has passed."""
    return timedelta(seconds=min(60 * 2 ** max(0, attempts - 1), 3600))


def stale_after(settings: Settings) -> timedelta:
    return timedelta(seconds=settings.job_heartbeat_seconds * STALE_BEATS)


async def schedule(queue: JobQueue, request: DataSubjectRequest) -> None:
    if request.kind in RUNNABLE and request.status == "VERIFIED":
        await queue.enqueue(JOB, str(request.id))


async def resume(queue: JobQueue, settings: Settings) -> int:
    """Hand unfinished work back to the queue: verified requests (those waiting on a legal
    hold included, which wait again if it still stands), and runs gone stale."""
    stale = now() - stale_after(settings)
    abandoned = await DataSubjectRequest.filter(
        status="IN_PROGRESS", heartbeat_at__lt=stale
    ).values_list("id", "heartbeat_at")
    retried: set[str] = set()
    for request_id, heartbeat_at in abandoned:
        handed_back = await DataSubjectRequest.filter(
            id=request_id, status="IN_PROGRESS", heartbeat_at=heartbeat_at
        ).update(status="VERIFIED")
        if handed_back:
            log.warning(
                "data subject request %s: its run stopped beating; running it again", request_id
            )
            # The dead run's job may still be marked running in Redis: queue a new attempt.
            await queue.enqueue(JOB, str(request_id), again=heartbeat_at.isoformat())
            retried.add(str(request_id))
    pending = await DataSubjectRequest.filter(
        Q(status="VERIFIED") & Q(kind__in=RUNNABLE) & _due_now()
    ).values_list("id", flat=True)
    for request_id in pending:
        if str(request_id) not in retried:
            await queue.enqueue(JOB, str(request_id))
    await breach_notices.resume(queue)  # breaches whose affected people are not all told
    return len(pending)


def _due_now() -> Q:
    return Q(not_before=None) | Q(not_before__lte=now())


async def _claim(request_id: str) -> DataSubjectRequest | None:
    """Take the request for this run; its progress is kept from an earlier, cut-off run."""
    claimed = await DataSubjectRequest.filter(
        Q(id=request_id) & Q(status="VERIFIED") & _due_now()
    ).update(status="IN_PROGRESS", heartbeat_at=now())
    return await DataSubjectRequest.get(id=request_id) if claimed else None


async def _keep_beating(request_id: str, interval: float) -> None:
    """Beat until cancelled; a beat the database missed (a restart) is tried again next time."""
    while True:
        await asyncio.sleep(interval)
        try:
            await DataSubjectRequest.filter(id=request_id, status="IN_PROGRESS").update(
                heartbeat_at=now()
            )
        except Exception:
            log.warning("data subject request %s: a heartbeat failed", request_id, exc_info=True)


async def _beat(request: DataSubjectRequest, progress: float) -> None:
    request.progress = progress
    request.heartbeat_at = now()
    await DataSubjectRequest.filter(id=request.id).update(
        progress=progress, heartbeat_at=request.heartbeat_at
    )


@handler(JOB)
async def run(runtime: Runtime, request_id: str) -> None:
    request = await _claim(request_id)
    if request is None:
        return  # another run has it, or it is finished
    beating = asyncio.create_task(
        _keep_beating(str(request.id), runtime.settings.job_heartbeat_seconds)
    )
    try:
        if request.kind == "ACCESS":
            await _run_access(runtime, request)
        else:
            await _run_erasure(runtime, request)
    finally:
        beating.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await beating


async def _run_access(runtime: Runtime, request: DataSubjectRequest) -> None:
    await _beat(request, max(request.progress or 0.0, 0.1))
    # The same key every time: a run done again replaces a cut-off run's file.
    export_key = await build_export(runtime, request)
    request.export_key = export_key
    request.export_expires_at = now() + EXPORT_LIFETIME
    request.status = "COMPLETED"
    request.completed_at = now()
    request.progress = 1.0
    async with in_transaction():
        completed = await DataSubjectRequest.filter(id=request.id, status="IN_PROGRESS").update(
            status="COMPLETED",
            export_key=export_key,
            export_expires_at=request.export_expires_at,
            completed_at=request.completed_at,
            progress=1.0,
        )
        if completed:
            await notices.completed(runtime, request)
    await runtime.mailer.notifier.notify()  # again, now that the email is committed


async def _run_erasure(runtime: Runtime, request: DataSubjectRequest) -> None:
    if request.subject_id is None:  # type: ignore[attr-defined]
        await _run_guest_erasure(runtime, request)
        return
    user_id = str(request.subject_id)  # type: ignore[attr-defined]
    holds = await active_holds(user_id)
    if holds:
        # Erasure waits; releasing the last hold hands the request back (see resume). The
        # requester reads the waiting reason, so it names no hold reference (tipping-off);
        # officers find the holds themselves.
        await DataSubjectRequest.filter(id=request.id).update(
            status="VERIFIED",
            progress=None,
            waiting_reason="Erasure waits: your data is retained for a legal reason.",
        )
        return
    if (request.progress or 0.0) < NOTICE_QUEUED:
        await _beat(request, 0.1)
        if not await _close_at_payment_provider(runtime, request, user_id):
            return
        await notify_recipients(runtime.settings, request)  # Art. 19, before the erasure
        # Tell the requester before the address is erased from the request itself; the email
        # and the mark that it was queued commit together, so a run done again sends none.
        request.status = "COMPLETED"
        async with in_transaction():
            await notices.completed(runtime, request)
            await _beat(request, NOTICE_QUEUED)
        await runtime.mailer.notifier.notify()  # again, now that the email is committed
    provider = (request.result or {}).get(PROVIDER_KEY)  # what _close_at_payment_provider did
    certificate = await erase_user(
        runtime.settings, user_id, str(request.id), {PROVIDER_KEY: provider} if provider else {}
    )
    await DataSubjectRequest.filter(id=request.id).update(
        status="COMPLETED", completed_at=now(), progress=1.0, waiting_reason=None
    )
    # Last, once the request row itself has its final version: no byte of the old rows stays
    # in the SQLite WAL or in PostgreSQL's dead tuples.
    await db.scrub(touched_tables(certificate))


async def _run_guest_erasure(runtime: Runtime, request: DataSubjectRequest) -> None:
    """Someone without an account: no holds or payments can be theirs (both need one)."""
    if (request.progress or 0.0) < NOTICE_QUEUED:
        await _beat(request, 0.1)
        request.status = "COMPLETED"
        async with in_transaction():
            await notices.completed(runtime, request)
            await _beat(request, NOTICE_QUEUED)
        await runtime.mailer.notifier.notify()
    await guests.erase(request)
    await DataSubjectRequest.filter(id=request.id).update(
        status="COMPLETED", completed_at=now(), progress=1.0, waiting_reason=None
    )


async def _close_at_payment_provider(
    runtime: Runtime, request: DataSubjectRequest, user_id: str
) -> bool:
    """End the subscription and delete the customer at Stripe before anything is erased, or,
    Stripe being away, hand the request back to wait for a retry (False). Nothing is erased
    and no completion email goes before Stripe has confirmed."""
    result: dict[str, object] = dict(request.result or {})
    stored = result.get(PROVIDER_KEY)
    record: dict[str, Any] = dict(stored) if isinstance(stored, dict) else {}
    try:
        record = await close_customer(runtime.settings, user_id, str(request.id), record)
    except ProviderUnavailable as error:
        record["attempts"] = int(record.get("attempts", 0)) + 1
        result[PROVIDER_KEY] = record
        await DataSubjectRequest.filter(id=request.id).update(
            status="VERIFIED",
            progress=None,
            result=result,
            not_before=now() + provider_retry_delay(record["attempts"]),
            waiting_reason=(
                "Erasure waits for the payment provider to cancel your subscription and "
                f"delete your customer record; it is tried again automatically ({error})."
            ),
        )
        return False
    result[PROVIDER_KEY] = record
    request.result = result
    await DataSubjectRequest.filter(id=request.id).update(result=result)
    return True
