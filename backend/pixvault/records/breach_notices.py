"""Emailing the people a breach touched (GDPR Art. 34), each exactly once.

The job takes the people not yet told, one at a time: marking a person told and queueing their
email commit together, and the mark is taken only where it was not already set, so a run cut
off anywhere (a killed worker) and done again, or two runs at once, email nobody twice. The
worker's resume sweep queues the job again while someone is left.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from tortoise.transactions import in_transaction

from pixvault.accounts.models import User
from pixvault.audit.service import AuditEvent, record
from pixvault.core.authority import complaint_line
from pixvault.core.clock import now
from pixvault.jobs.queue import JobQueue, handler
from pixvault.mail.outbox import Draft
from pixvault.records.breach_models import BreachIncident, BreachSubject
from pixvault.records.breaches import NOTIFY_JOB

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

log = logging.getLogger("pixvault.records")
SUBJECT = "A personal data breach affected your data"


def _text(runtime: Runtime, incident: BreachIncident, name: str) -> str:
    categories = ", ".join(incident.data_categories)
    authority = complaint_line(runtime.settings)
    site = runtime.settings.public_url
    return (
        f"Hello {name},\n\nWe are writing to tell you about a personal data breach that "
        f"affected your data. We found it on {incident.discovered_at.strftime('%d %B %Y')}.\n\n"
        f"The data concerned: {categories}.\n\n{incident.people_notice}\n\n"
        f"To change your password or end sessions you do not recognise: "
        f"{site}/privacy/password and {site}/privacy/sessions\n\n"
        f"{authority}\n\nBreach reference: {incident.id}\n\nThe Pixvault privacy team\n"
    )


@handler(NOTIFY_JOB)
async def notify_subjects(runtime: Runtime, incident_id: str) -> None:
    incident = await BreachIncident.get_or_none(id=incident_id)
    if incident is None or incident.people_notice_requested_at is None:
        return
    pending = await BreachSubject.filter(incident_id=incident.id, notified_at=None).values_list(
        "id", "user_id"
    )
    for subject_id, user_id in pending:
        user = await User.get_or_none(id=user_id)
        async with in_transaction():
            claimed = await BreachSubject.filter(id=subject_id, notified_at=None).update(
                notified_at=now()
            )
            if claimed and user is not None:
                await runtime.mailer.queue(
                    [
                        Draft(
                            to=user.email,
                            subject=SUBJECT,
                            text=_text(runtime, incident, user.name),
                            user_id=str(user.id),
                        )
                    ]
                )
        if claimed:
            await runtime.mailer.notifier.notify()  # again, now that the email is committed
            await record(
                [
                    AuditEvent(
                        actor_id=None,
                        actor_roles="",
                        action="BREACH_NOTICE_SENT",
                        subject_id=str(user_id),
                        target=f"breach {incident.id}",
                        ip_address=None,
                    )
                ]
            )


async def resume(queue: JobQueue) -> int:
    """Queue the job again for every breach whose affected people are not all told."""
    incident_ids = await BreachSubject.filter(
        notified_at=None, incident__people_notice_requested_at__not_isnull=True
    ).values_list("incident_id", flat=True)
    pending: dict[str, int] = {}
    for found in incident_ids:
        pending[str(found)] = pending.get(str(found), 0) + 1
    for incident_id, left in pending.items():
        # A new job id while people are left: a dead run's id may still look busy in Redis.
        await queue.enqueue(NOTIFY_JOB, incident_id, again=f"{left}-left")
    return len(pending)
