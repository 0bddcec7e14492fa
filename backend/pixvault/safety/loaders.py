"""Per-request batch loading of moderation notes, so a page of assets costs one query."""

from __future__ import annotations

from typing import TYPE_CHECKING

from strawberry.dataloader import DataLoader

from pixvault.safety.abuse import moderation_notes

if TYPE_CHECKING:
    from pixvault.graphkit.context import Context


async def _load_notes(asset_ids: list[str]) -> list[str | None]:
    notes = await moderation_notes(asset_ids)
    return [notes.get(i) for i in asset_ids]


def moderation_note_loader(context: Context) -> DataLoader[str, str | None]:
    return context.loader("moderation_notes", _load_notes)
