"""Per-request batch loading for the records domain, so a page of breaches, or of people with
their legal holds, costs the same statements for two rows as for fifty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from strawberry.dataloader import DataLoader

from pixvault.records.breaches import counts_of
from pixvault.records.holds import holds_of
from pixvault.records.models import LegalHold

if TYPE_CHECKING:
    from pixvault.graphkit.context import Context


async def _load_breach_counts(incident_ids: list[str]) -> list[tuple[int, int]]:
    counts = await counts_of(incident_ids)
    return [counts[i] for i in incident_ids]


def breach_counts_loader(context: Context) -> DataLoader[str, tuple[int, int]]:
    """Per breach id: how many people it touched, and how many were emailed."""
    return context.loader("breach_counts", _load_breach_counts)


async def _load_holds(user_ids: list[str]) -> list[list[LegalHold]]:
    holds = await holds_of(user_ids)
    return [holds.get(i, []) for i in user_ids]


def legal_holds_loader(context: Context) -> DataLoader[str, list[LegalHold]]:
    """Per user id: every hold on the person, standing and released, newest first."""
    return context.loader("legal_holds", _load_holds)
