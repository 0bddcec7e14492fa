"""Running verified ACCESS and ERASURE requests as background jobs, exactly once.

A run claims its request by moving it from VERIFIED to IN_PROGRESS; a heartbeat tells a live
run from one that a crash or a killed worker left behind, which ``resume`` hands back.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from tortoise.expressions import Q

from pixvault.clock import now
from pixvault.jobs.queue import JobQueue, handler
from pixvault.privacy import notices
from pixvault.privacy.erasure import erase_user
from pixvault.privacy.exports import EXPORT_LIFETIME, build_export
from pixvault.privacy.models import DataSubjectRequest
from pixvault.records.holds import active_holds
from pixvault.runtime import Runtime

log = logging.getLogger("pixvault.privacy")
JOB = "run_data_subject_request"
STALE_AFTER = timedelta(minutes=5)
RUNNABLE = ("ACCESS", "ERASURE")


async def schedule(queue: JobQueue, request: DataSubjectRequest) -> None:
    if request.kind in RUNNABLE and request.status == "VERIFIED":
        await queue.enqueue(JOB, str(request.id))


async def resume(queue: JobQueue) -> int:
    """Hand unfinished work back to the queue: verified requests (those waiting on a legal
    hold included, which wait again if it still stands), and runs gone stale."""
    stale = now() - STALE_AFTER
    await DataSubjectRequest.filter(status="IN_PROGRESS", heartbeat_at__lt=stale).update(
        status="VERIFIED"
    )
    pending = await DataSubjectRequest.filter(
        Q(status="VERIFIED") & Q(kind__in=RUNNABLE) & _due_now()
    ).values_list("id", flat=True)
    for request_id in pending:
        await queue.enqueue(JOB, str(request_id))
    return len(pending)


def _due_now() -> Q:
    return Q(not_before=None) | Q(not_before__lte=now())


async def _claim(request_id: str) -> DataSubjectRequest | None:
    claimed = await DataSubjectRequest.filter(
        Q(id=request_id) & Q(status="VERIFIED") & _due_now()
    ).update(status="IN_PROGRESS", heartbeat_at=now(), progress=0.0)
    return await DataSubjectRequest.get(id=request_id) if claimed else None


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
    if request.kind == "ACCESS":
        await _run_access(runtime, request)
    else:
        await _run_erasure(runtime, request)


async def _run_access(runtime: Runtime, request: DataSubjectRequest) -> None:
    await _beat(request, 0.1)
    request.export_key = await build_export(runtime, request)
    request.export_expires_at = now() + EXPORT_LIFETIME
    request.status = "COMPLETED"
    request.completed_at = now()
    request.progress = 1.0
    await request.save()
    await notices.completed(runtime, request)


async def _run_erasure(runtime: Runtime, request: DataSubjectRequest) -> None:
    user_id = str(request.subject_id)  # type: ignore[attr-defined]
    holds = await active_holds(user_id)
    if holds:
        # Erasure waits; releasing the last hold hands the request back (see resume).
        references = ", ".join(h.reference or "no reference" for h in holds)
        await DataSubjectRequest.filter(id=request.id).update(
            status="VERIFIED",
            progress=None,
            waiting_reason=f"Erasure waits while a legal hold stands ({references}).",
        )
        return
    await _beat(request, 0.1)
    # Tell the requester before the address is erased from the request itself.
    request.status = "COMPLETED"
    await notices.completed(runtime, request)
    await erase_user(runtime.settings, user_id, str(request.id))
    await DataSubjectRequest.filter(id=request.id).update(
        status="COMPLETED", completed_at=now(), progress=1.0, waiting_reason=None
    )
