"""Deadlines: one calendar month to answer, extendable by at most two more."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

ANSWER_MONTHS = 1
MAX_EXTENSION_MONTHS = 2


def add_months(moment: datetime, months: int) -> datetime:
    """The same day ``months`` later, or that month's last day when it is shorter."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def first_due(received_at: datetime) -> datetime:
    return add_months(received_at, ANSWER_MONTHS)


def latest_due(received_at: datetime) -> datetime:
    return add_months(received_at, ANSWER_MONTHS + MAX_EXTENSION_MONTHS)


def extended_due(received_at: datetime, due_at: datetime, days: int) -> datetime | None:
    """The new due date, or None when it would pass the two-month limit."""
    proposed = due_at + timedelta(days=days)
    return proposed if proposed <= latest_due(received_at) else None
