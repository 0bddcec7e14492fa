"""Metered usage and quotas: the service other domains call.

Delivery calls :func:`record_bandwidth` for every response it serves and rendering calls
:func:`record_transformation` for every new rendition. Both only bump an in-memory counter
(see metering.py), so they are safe on the hottest path. Uploads and deletions report the
customer's new stored total with :func:`set_storage_bytes`.

Quotas are checked before the work: :func:`check_storage_quota` before storing an upload (it
raises QUOTA_EXCEEDED), :func:`transformation_allowed` before rendering a variant that is not
cached yet (answer 429 when it is False; cached renditions keep serving). Counts from other
processes reach these checks within seconds, so a burst spread over many processes can pass a
quota by that much.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from pixvault.billing.metering import BANDWIDTH, TRANSFORMATIONS, meter
from pixvault.billing.models import Plan, UsagePeriod
from pixvault.billing.periods import Period, period_at
from pixvault.billing.plans import plan_of
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError

GB = 1000**3


def record_bandwidth(user_id: str, nbytes: int) -> None:
    """Count bytes delivered for the customer (no I/O: a dict increment)."""
    if nbytes > 0:
        meter.add(str(user_id), BANDWIDTH, nbytes)


def record_transformation(user_id: str) -> None:
    """Count one rendition made for the customer (no I/O: a dict increment)."""
    meter.add(str(user_id), TRANSFORMATIONS, 1)


async def set_storage_bytes(user_id: str, nbytes: int) -> None:
    """Record the customer's stored total after an upload or deletion changed it."""
    start = period_at(now()).start
    await UsagePeriod.bulk_create(
        [UsagePeriod(user_id=user_id, period_start=start)], ignore_conflicts=True
    )
    await UsagePeriod.filter(user_id=user_id, period_start=start).update(storage_bytes=nbytes)


async def storage_bytes(user_id: str) -> int:
    """The customer's stored total as last reported, in whichever period that was."""
    return (await storage_bytes_of([user_id]))[user_id]


async def storage_bytes_of(user_ids: list[str]) -> dict[str, int]:
    """:func:`storage_bytes` for many customers in one statement (their reported periods)."""
    rows = await UsagePeriod.filter(user_id__in=user_ids, storage_bytes__not_isnull=True).order_by(
        "-period_start"
    )
    latest: dict[str, int] = {}
    for row in rows:
        latest.setdefault(str(row.user_id), row.storage_bytes or 0)  # type: ignore[attr-defined]
    return {user_id: latest.get(str(user_id), 0) for user_id in user_ids}


async def _counted(user_id: str, period: Period) -> tuple[int, int]:
    """Bandwidth bytes and transformations in the period: flushed plus still pending."""
    return (await _counted_of([user_id], period))[user_id]


async def _counted_of(user_ids: list[str], period: Period) -> dict[str, tuple[int, int]]:
    """:func:`_counted` for many customers, with one statement for the flushed counts."""
    rows = await UsagePeriod.filter(user_id__in=user_ids, period_start=period.start)
    flushed = {str(row.user_id): row for row in rows}  # type: ignore[attr-defined]
    pending = await meter.pending_of(user_ids, period)
    counted = {}
    for user_id in user_ids:
        bandwidth, transformations = pending[user_id]
        row = flushed.get(str(user_id))
        if row is not None:
            bandwidth += row.bandwidth_bytes
            transformations += row.transformations
        counted[user_id] = (bandwidth, transformations)
    return counted


def _format_bytes(nbytes: int) -> str:
    size = float(nbytes)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} TiB"


async def check_storage_quota(user_id: str, extra_bytes: int) -> None:
    """Raise QUOTA_EXCEEDED when storing ``extra_bytes`` more would pass the plan's quota."""
    plan = await plan_of(user_id)
    if await storage_bytes(user_id) + extra_bytes > plan.storage_quota_bytes:
        raise UserFacingError(
            "QUOTA_EXCEEDED",
            f"This upload would take you past the {_format_bytes(plan.storage_quota_bytes)} of "
            f"storage in your {plan.name} plan. Delete some images or choose a larger plan.",
            "file",
        )


async def transformation_allowed(user_id: str, percent: int = 100) -> bool:
    """Whether the customer may have one more new rendition made this month, within
    ``percent`` of the plan's transformations (delivery keeps a share for the owner's own use).
    """
    plan = await plan_of(user_id)
    _, transformations = await _counted(user_id, period_at(now()))
    return transformations < plan.monthly_transformations * percent // 100


def seconds_to_next_period() -> int:
    """Whole seconds until the next billing period, when monthly quotas start again."""
    at = now()
    return max(1, math.ceil((period_at(at).end - at).total_seconds()))


def period_price_cents(plan: Plan) -> int:
    """The plan's price for one monthly billing period."""
    return round(plan.price_cents / 12) if plan.interval == "year" else plan.price_cents


def estimated_cost_cents(plan: Plan, bandwidth_bytes: int) -> int:
    """The period's price plus bandwidth beyond what the plan includes, at its rate per GB."""
    extra = max(0, bandwidth_bytes - int(plan.included_bandwidth_bytes))
    overage: int = -(-extra * plan.bandwidth_cents_per_gb // GB)  # rounded up to a cent
    return period_price_cents(plan) + overage


@dataclass(frozen=True)
class UsageReport:
    period_start: datetime
    period_end: datetime
    storage_bytes: int
    bandwidth_bytes: int
    transformations: int
    estimated_cost_cents: int


async def current_usage(user_id: str) -> UsageReport:
    return (await usage_reports({user_id: await plan_of(user_id)}))[user_id]


async def usage_reports(plans: dict[str, Plan]) -> dict[str, UsageReport]:
    """The current period's usage of each customer (user id to the plan they are on), in two
    statements however many there are."""
    period = period_at(now())
    user_ids = list(plans)
    counted = await _counted_of(user_ids, period)
    stored = await storage_bytes_of(user_ids)
    reports = {}
    for user_id, plan in plans.items():
        bandwidth, transformations = counted[user_id]
        reports[user_id] = UsageReport(
            period_start=period.start,
            period_end=period.end,
            storage_bytes=stored[user_id],
            bandwidth_bytes=bandwidth,
            transformations=transformations,
            estimated_cost_cents=estimated_cost_cents(plan, bandwidth),
        )
    return reports
