"""Per-request batch loading of users and of their per-person account fields, so lists that
name users cost the same statements for two rows as for a page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from strawberry.dataloader import DataLoader

from pixvault.accounts import models
from pixvault.accounts.activity import first_activity
from pixvault.accounts.two_factor import enabled_among, recovery_codes_left_of

if TYPE_CHECKING:
    from pixvault.graphkit.context import Context


async def _load_users(ids: list[str]) -> list[models.User | None]:
    rows = {str(row.id): row for row in await models.User.filter(id__in=ids)}
    return [rows.get(i) for i in ids]


def user_loader(context: Context) -> DataLoader[str, models.User | None]:
    """Users by id: the one way a resolver turns a user id into a user."""
    return context.loader("users", _load_users)


async def _load_two_factor(user_ids: list[str]) -> list[bool]:
    enabled = await enabled_among(user_ids)
    return [i in enabled for i in user_ids]


def two_factor_loader(context: Context) -> DataLoader[str, bool]:
    """Whether each person (by user id) has a confirmed second factor."""
    return context.loader("two_factor", _load_two_factor)


async def _load_recovery_codes_left(user_ids: list[str]) -> list[int]:
    counts = await recovery_codes_left_of(user_ids)
    return [counts.get(i, 0) for i in user_ids]


def recovery_codes_left_loader(context: Context) -> DataLoader[str, int]:
    return context.loader("recovery_codes_left", _load_recovery_codes_left)


def activity_first_page_loader(
    context: Context, size: int
) -> DataLoader[str, tuple[list[models.ActivityEvent], int]]:
    """Per user id: the person's newest ``size`` events and how many they have in all (the
    first page of User.activity, asked for with ``size`` one more than the page)."""

    async def load(user_ids: list[str]) -> list[tuple[list[models.ActivityEvent], int]]:
        pages, totals = await first_activity(user_ids, size)
        return [(pages.get(i, []), totals.get(i, 0)) for i in user_ids]

    return context.loader(f"activity_first_{size}", load)
