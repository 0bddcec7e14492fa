"""Per-request batch loading of assets by id, so a list that names assets costs the same
queries for one row as for a page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from strawberry.dataloader import DataLoader

from pixvault.assets import library
from pixvault.assets.models import Asset

if TYPE_CHECKING:
    from pixvault.graphkit.context import Context


async def _load_assets(ids: list[str]) -> list[Asset | None]:
    rows = await library.assets_by_id(ids)
    return [rows.get(i) for i in ids]


def asset_loader(context: Context) -> DataLoader[str, Asset | None]:
    """Assets by id whoever asks: callers check ``library.may_see`` for their viewer."""
    return context.loader("assets", _load_assets)
