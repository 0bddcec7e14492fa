"""Where an asset's cached renditions live in storage: delivery writes them there, and deleting
or erasing an asset removes the whole prefix (library.py), so neither needs the other."""

from __future__ import annotations


def renditions_prefix(owner_id: str, asset_id: str) -> str:
    return f"users/{owner_id}/renditions/{asset_id}/"
