"""Ids as the API receives them: strings that may or may not be UUIDs."""

from __future__ import annotations

import uuid


def parse_uuid(value: str) -> uuid.UUID | None:
    """The UUID ``value`` spells, or None when it is not one (an unknown id, not an error)."""
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
