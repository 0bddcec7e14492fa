"""Open accounts as mail recipients, for other domains' notices and newsletters."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from pixvault.accounts.models import User

CHUNK = 500


@dataclass(frozen=True)
class Recipient:
    user_id: str
    name: str
    email: str


def _recipients(rows: list[tuple[object, ...]]) -> list[Recipient]:
    return [Recipient(str(i), str(name), str(email)) for i, name, email in rows]


async def open_accounts(user_ids: Sequence[str] | None = None) -> AsyncIterator[list[Recipient]]:
    """Accounts that are not closed (every one, or those of ``user_ids``), CHUNK at a time."""
    fields = ("id", "name", "email")
    if user_ids is not None:
        for start in range(0, len(user_ids), CHUNK):
            chunk = user_ids[start : start + CHUNK]
            rows = await User.filter(closed_at=None, id__in=chunk).values_list(*fields)
            if rows:
                yield _recipients(rows)
        return
    after = None
    while True:
        query = User.filter(closed_at=None).order_by("id").limit(CHUNK)
        if after is not None:
            query = query.filter(id__gt=after)
        rows = await query.values_list(*fields)
        if not rows:
            return
        yield _recipients(rows)
        after = rows[-1][0]


async def open_account(user_id: str) -> Recipient | None:
    async for chunk in open_accounts([user_id]):
        return chunk[0]
    return None
