"""Retention periods enforced, not only declared: the daily job that deletes what has passed
its period (periodic.py in-process, the arq worker's cron with Redis).

``RULES`` is keyed by the personal-data register's section names: every RETAIN entry of the
register has a rule here (tests/test_retention_enforcement.py fails when one has none), and so
do the records kept outside the register's erasure (export archives, erasure certificates) and
those whose period runs without any erasure request (contact messages, abuse reports, visitors'
consents, unverified requests). People under a legal hold are left out of every rule until the
hold is released: their records are kept exactly as they are.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.expressions import Q

from pixvault.audit.service import prune_before
from pixvault.billing.models import Payment
from pixvault.consents.models import ConsentRecord
from pixvault.core.clock import now
from pixvault.core.settings import Settings
from pixvault.privacy.models import DataSubjectRequest, ErasureCertificate
from pixvault.privacy.rights_models import ProcessingRestriction, RecipientNotice
from pixvault.records.breach_models import BreachSubject
from pixvault.records.holds import held_user_ids
from pixvault.records.models import Disclosure, LegalHold
from pixvault.records.retention import months_before
from pixvault.safety.models import AbuseReport, ContactMessage
from pixvault.storage import make_storage

log = logging.getLogger("pixvault.records")


@dataclass(frozen=True)
class Run:
    """One run of the job: its moment, its settings, and whom holds exempt."""

    at: datetime
    settings: Settings
    held: frozenset[str]

    def years_ago(self, years: int) -> datetime:
        return months_before(self.at, 12 * years)


@dataclass(frozen=True)
class Rule:
    #: How long, as README's retention table says it (a test holds them to the same words).
    period: str
    #: Deletes or anonymises what has passed the period; returns how many records.
    enforce: Callable[[Run], Awaitable[int]]


def _not_held(run: Run, field: str) -> Q:
    """Rows whose ``field`` (a user id, possibly null) names nobody under a legal hold."""
    if not run.held:
        return Q()
    not_held: dict[str, Any] = {f"{field}__in": sorted(run.held)}
    unlinked: dict[str, Any] = {field: None}
    return ~Q(**not_held) | Q(**unlinked)


async def _payments(run: Run) -> int:
    # Kept to the end of the tenth year after the year of payment.
    start_of_year = datetime(run.at.year - 10, 1, 1, tzinfo=UTC)
    paid_before = Q(paid_at__lt=start_of_year) | Q(paid_at=None, created_at__lt=start_of_year)
    return await Payment.filter(paid_before & _not_held(run, "user_id")).delete()


async def _access_log(run: Run) -> int:
    return await prune_before(run.years_ago(6), run.held)


async def _legal_holds(run: Run) -> int:
    return await LegalHold.filter(
        Q(released_at__lt=run.years_ago(6)) & _not_held(run, "user_id")
    ).delete()


async def _disclosures(run: Run) -> int:
    return await Disclosure.filter(
        Q(disclosed_at__lt=run.years_ago(6)) & _not_held(run, "user_id")
    ).delete()


async def _requests(run: Run) -> int:
    old = Q(completed_at__lt=run.years_ago(3)) & Q(status__in=("COMPLETED", "REJECTED"))
    return await DataSubjectRequest.filter(old & _not_held(run, "subject_id")).delete()


async def _restrictions(run: Run) -> int:
    return await ProcessingRestriction.filter(
        Q(lifts_at__lt=run.years_ago(3)) & _not_held(run, "user_id")
    ).delete()


async def _recipient_notices(run: Run) -> int:
    return await RecipientNotice.filter(
        Q(created_at__lt=run.years_ago(3)) & _not_held(run, "user_id")
    ).delete()


async def _breach_subjects(run: Run) -> int:
    return await BreachSubject.filter(
        Q(incident__discovered_at__lt=run.years_ago(5)) & _not_held(run, "user_id")
    ).delete()


async def _certificates(run: Run) -> int:
    return await ErasureCertificate.filter(erased_at__lt=run.years_ago(3)).delete()


async def _export_archives(run: Run) -> int:
    storage = make_storage(run.settings)
    expired = await DataSubjectRequest.filter(
        Q(export_expires_at__lte=run.at) & ~Q(export_key=None) & _not_held(run, "subject_id")
    )
    for request in expired:
        if request.export_key:
            await storage.delete(request.export_key)
        await DataSubjectRequest.filter(id=request.id).update(
            export_key=None, export_expires_at=None
        )
    return len(expired)


async def _contact_messages(run: Run) -> int:
    cutoff = months_before(run.at, CONTACT_MONTHS)
    return await ContactMessage.filter(
        Q(created_at__lt=cutoff) & _not_held(run, "user_id")
    ).delete()


async def _abuse_reports(run: Run) -> int:
    cutoff = run.years_ago(ABUSE_REPORT_YEARS)
    return await AbuseReport.filter(
        Q(resolved_at__lt=cutoff) & _not_held(run, "owner_id") & _not_held(run, "reporter_id")
    ).delete()


async def _visitor_consents(run: Run) -> int:
    cutoff = months_before(run.at, VISITOR_CONSENT_MONTHS)
    return await ConsentRecord.filter(user_id=None, recorded_at__lt=cutoff).delete()


async def _unverified_requests(run: Run) -> int:
    cutoff = run.at - UNVERIFIED_REQUEST_GRACE
    return await DataSubjectRequest.filter(
        status="AWAITING_VERIFICATION", verification_expires_at__lt=cutoff
    ).delete()


CONTACT_MONTHS = 12
ABUSE_REPORT_YEARS = 2
VISITOR_CONSENT_MONTHS = 13
UNVERIFIED_REQUEST_GRACE = timedelta(days=30)

RULES: dict[str, Rule] = {
    "payments": Rule("10 years after the end of the year of payment", _payments),
    # The oldest entries are cut off the start of the hash chain, which records where it
    # now starts (audit/service.py prune_before).
    "access_log": Rule("6 years after the entry", _access_log),
    "legal_holds": Rule("6 years after the hold is released", _legal_holds),
    "disclosures": Rule("6 years after the disclosure", _disclosures),
    "data_subject_requests": Rule("3 years after the request is completed or rejected", _requests),
    "erasure_certificates": Rule("3 years after the erasure", _certificates),
    "processing_restrictions": Rule("3 years after the restriction is lifted", _restrictions),
    "recipient_notices": Rule("3 years after the notice", _recipient_notices),
    "breaches": Rule("5 years after the breach was discovered", _breach_subjects),
    "export_archives": Rule("when the 7-day download link expires", _export_archives),
    "contact_messages": Rule(f"{CONTACT_MONTHS} months after the message", _contact_messages),
    "abuse_reports": Rule(
        f"{ABUSE_REPORT_YEARS} years after the report is resolved (open ones are kept)",
        _abuse_reports,
    ),
    "visitor_consents": Rule(
        f"{VISITOR_CONSENT_MONTHS} months after the choice (the visitor cookie lasts 180 days)",
        _visitor_consents,
    ),
    "unverified_requests": Rule(
        "30 days after the verification link expired", _unverified_requests
    ),
}


async def enforce_retention(settings: Settings) -> dict[str, int]:
    """Run every rule once; returns how many records each removed. A failing rule is logged
    and the others still run."""
    run = Run(at=now(), settings=settings, held=frozenset(await held_user_ids()))
    report: dict[str, int] = {}
    for name, rule in RULES.items():
        try:
            report[name] = await rule.enforce(run)
        except Exception:
            log.exception("retention rule %s failed", name)
    if any(report.values()):
        log.info("retention enforced: %s", report)
    return report
