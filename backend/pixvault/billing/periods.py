"""Billing periods: calendar months in UTC.

Checkout anchors every subscription's billing cycle to the first of a month, so Stripe's
invoices and Pixvault's usage periods cover the same days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime

    @property
    def key(self) -> str:
        """A short stable name, e.g. ``2026-05``."""
        return f"{self.start.year:04d}-{self.start.month:02d}"


def _month_start(year: int, month: int) -> datetime:
    return datetime(year + (month - 1) // 12, (month - 1) % 12 + 1, 1, tzinfo=UTC)


def period_at(at: datetime) -> Period:
    at = at.astimezone(UTC)
    return Period(_month_start(at.year, at.month), _month_start(at.year, at.month + 1))


def period_of_key(key: str) -> Period:
    year, month = key.split("-")
    return period_at(_month_start(int(year), int(month)))
