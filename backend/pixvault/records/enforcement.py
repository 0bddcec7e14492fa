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
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.expressions import Q

from pixvault.audit.service import prune_before
from pixvault.billing.models import Payment
from pixvault.consents.models import ConsentRecord
from pixvault.core.clock import now
from pixvault.core.installed import Installed
from pixvault.core.settings import Settings
from pixvault.records.breach_models import BreachSubject
from pixvault.records.holds import held_user_ids
from pixvault.records.models import Disclosure, LegalHold
from pixvault.records.retention import months_before
from pixvault.safety.models import AbuseReport, ContactMessage

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


def not_held(run: Run, field: str) -> Q:
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
    return await Payment.filter(paid_before & not_held(run, "user_id")).delete()


async def _access_log(run: Run) -> int:
    return await prune_before(run.years_ago(6), run.held)


async def _legal_holds(run: Run) -> int:
    return await LegalHold.filter(
        Q(released_at__lt=run.years_ago(6)) & not_held(run, "user_id")
    ).delete()


async def _disclosures(run: Run) -> int:
    return await Disclosure.filter(
        Q(disclosed_at__lt=run.years_ago(6)) & not_held(run, "user_id")
    ).delete()


async def _breach_subjects(run: Run) -> int:
    return await BreachSubject.filter(
        Q(incident__discovered_at__lt=run.years_ago(5)) & not_held(run, "user_id")
    ).delete()


async def _contact_messages(run: Run) -> int:
    cutoff = months_before(run.at, CONTACT_MONTHS)
    return await ContactMessage.filter(Q(created_at__lt=cutoff) & not_held(run, "user_id")).delete()


async def _abuse_reports(run: Run) -> int:
    cutoff = run.years_ago(ABUSE_REPORT_YEARS)
    return await AbuseReport.filter(
        Q(resolved_at__lt=cutoff) & not_held(run, "owner_id") & not_held(run, "reporter_id")
    ).delete()


async def _visitor_consents(run: Run) -> int:
    cutoff = months_before(run.at, VISITOR_CONSENT_MONTHS)
    return await ConsentRecord.filter(user_id=None, recorded_at__lt=cutoff).delete()


CONTACT_MONTHS = 12
ABUSE_REPORT_YEARS = 2
VISITOR_CONSENT_MONTHS = 13

RULES: dict[str, Rule] = {
    "payments": Rule("10 years after the end of the year of payment", _payments),
    # The oldest entries are cut off the start of the hash chain, which records where it
    # now starts (audit/service.py prune_before).
    "access_log": Rule("6 years after the entry", _access_log),
    "legal_holds": Rule("6 years after the hold is released", _legal_holds),
    "disclosures": Rule("6 years after the disclosure", _disclosures),
    "breaches": Rule("5 years after the breach was discovered", _breach_subjects),
    "contact_messages": Rule(f"{CONTACT_MONTHS} months after the message", _contact_messages),
    "abuse_reports": Rule(
        f"{ABUSE_REPORT_YEARS} years after the report is resolved (open ones are kept)",
        _abuse_reports,
    ),
    "visitor_consents": Rule(
        f"{VISITOR_CONSENT_MONTHS} months after the choice (the visitor cookie lasts 180 days)",
        _visitor_consents,
    ),
}


#: The rules of privacy's records (privacy/retention_rules.py): privacy sits above records (its
#: erasure asks for legal holds), so the runtime installs them.
privacy_rules = Installed[Mapping[str, Rule]]("Privacy's retention rules")


def rules() -> dict[str, Rule]:
    """Every rule: records' own and those of its neighbours above, then privacy's."""
    return {**RULES, **privacy_rules()}


async def enforce_retention(settings: Settings) -> dict[str, int]:
    """Run every rule once; returns how many records each removed. A failing rule is logged
    and the others still run."""
    run = Run(at=now(), settings=settings, held=frozenset(await held_user_ids()))
    report: dict[str, int] = {}
    for name, rule in rules().items():
        try:
            report[name] = await rule.enforce(run)
        except Exception:
            log.exception("retention rule %s failed", name)
    if any(report.values()):
        log.info("retention enforced: %s", report)
    return report
