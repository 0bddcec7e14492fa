"""Usage metering for assets, through the billing domain's service functions.

Deliveries and new renditions are metered without a database write per request (billing's
meter aggregates and flushes them); storage is checked against the owner's plan and reported
after every change.
"""

from __future__ import annotations

from tortoise.functions import Sum

from pixvault.assets.models import Asset
from pixvault.billing import usage as billing


def seconds_to_next_period() -> int:
    """Seconds until monthly quotas (transformations) start again."""
    return billing.seconds_to_next_period()


async def storage_used(owner_id: str) -> int:
    """Bytes of originals the owner keeps."""
    rows = await Asset.filter(owner_id=owner_id).annotate(total=Sum("byte_size")).values("total")
    return int(rows[0]["total"] or 0) if rows else 0


async def record_delivery(owner_id: str, nbytes: int) -> None:
    """An asset of ``owner_id`` was delivered: ``nbytes`` of body sent (0 for a 304)."""
    billing.record_bandwidth(owner_id, nbytes)


async def record_transformation(owner_id: str) -> None:
    """A new rendition of an asset of ``owner_id`` was made (cached ones are not counted)."""
    billing.record_transformation(owner_id)


async def transformation_allowed(owner_id: str, percent: int = 100) -> bool:
    """Whether one more new rendition stays within ``percent`` of the owner's monthly
    transformations."""
    return await billing.transformation_allowed(owner_id, percent)


async def check_storage_quota(owner_id: str, stored_bytes: int, extra_bytes: int) -> None:
    """Raise QUOTA_EXCEEDED when ``extra_bytes`` more would pass the owner's plan."""
    await billing.set_storage_bytes(owner_id, stored_bytes)
    await billing.check_storage_quota(owner_id, extra_bytes)


async def report_storage(owner_id: str, stored_bytes: int) -> None:
    """The owner's stored total after an upload or a deletion."""
    await billing.set_storage_bytes(owner_id, stored_bytes)
