"""How long telemetry is kept: the scheduled retention job (periodic.py in-process, the
arq worker's cron with Redis).

Activity events are deleted once older than PIXVAULT_ACTIVITY_RETENTION_MONTHS (13 by
default). IP addresses in activity events and sessions are truncated once older than 30 days,
and sessions that ended more than 30 days ago are deleted. People under a legal hold are left
out of all three until it is released: their records are kept exactly as they are.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import astuple, dataclass
from datetime import datetime, timedelta

from pixvault.accounts.retention import (
    delete_activity_before,
    purge_sessions_ended_before,
    truncate_addresses_before,
)
from pixvault.core.clock import now
from pixvault.core.settings import Settings
from pixvault.records.holds import held_user_ids

log = logging.getLogger("pixvault.records")
FULL_ADDRESS_DAYS = 30
ENDED_SESSION_DAYS = 30


@dataclass(frozen=True)
class RetentionReport:
    activity_deleted: int
    addresses_truncated: int
    sessions_purged: int


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (the month's last day when the
    day does not exist in it)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


async def apply_telemetry_retention(settings: Settings) -> RetentionReport:
    at = now()
    held = await held_user_ids()
    report = RetentionReport(
        activity_deleted=await delete_activity_before(
            months_before(at, settings.activity_retention_months), held
        ),
        addresses_truncated=await truncate_addresses_before(
            at - timedelta(days=FULL_ADDRESS_DAYS), held
        ),
        sessions_purged=await purge_sessions_ended_before(
            at - timedelta(days=ENDED_SESSION_DAYS), held
        ),
    )
    if any(astuple(report)):
        log.info("telemetry retention: %s", report)
    return report
