"""Who owns given assets (for the breach register, which chooses people by their assets)."""

from __future__ import annotations

from pixvault.assets.models import Asset


async def owners_of(asset_ids: list[str]) -> dict[str, str]:
    """Asset id to owner id, for the ids that name an asset."""
    rows = await Asset.filter(id__in=asset_ids).values_list("id", "owner_id")
    return {str(asset_id): str(owner_id) for asset_id, owner_id in rows}
