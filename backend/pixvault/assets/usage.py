"""Usage metering hooks: where the billing domain plugs in.

Assets report what each owner consumes (bytes delivered, renditions made) and ask how much
storage each owner may use. For now deliveries and renditions are only counted in-process
and the quota is the PIXVAULT_STORAGE_QUOTA_BYTES setting; the billing issue replaces these
bodies with its own metering and per-plan quotas, keeping the signatures.
"""

from __future__ import annotations

from collections import Counter

from pixvault.settings import Settings

delivered_bytes: Counter[str] = Counter()
transformations: Counter[str] = Counter()


async def record_delivery(owner_id: str, nbytes: int) -> None:
    """An asset of ``owner_id`` was delivered: ``nbytes`` of body sent (0 for a 304)."""
    delivered_bytes[owner_id] += nbytes


async def record_transformation(owner_id: str) -> None:
    """A new rendition of an asset of ``owner_id`` was made (cached ones are not counted)."""
    transformations[owner_id] += 1


async def storage_quota_bytes(owner_id: str, settings: Settings) -> int:
    """How many bytes of originals ``owner_id`` may keep."""
    return settings.storage_quota_bytes
