"""Per-request batch loading of users, so lists that name users cost one query."""

from __future__ import annotations

from typing import TYPE_CHECKING

from strawberry.dataloader import DataLoader

from pixvault.accounts import models

if TYPE_CHECKING:
    from pixvault.graphkit.context import Context


async def _load_users(ids: list[str]) -> list[models.User | None]:
    rows = {str(row.id): row for row in await models.User.filter(id__in=ids)}
    return [rows.get(i) for i in ids]


def user_loader(context: Context) -> DataLoader[str, models.User | None]:
    return context.loader("users", _load_users)
