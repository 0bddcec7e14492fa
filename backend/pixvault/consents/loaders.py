"""Per-request batch loading of people's consent ledgers, so a page of users costs the same
statements for two rows as for fifty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from strawberry.dataloader import DataLoader

from pixvault.consents import services
from pixvault.consents.models import ConsentRecord

if TYPE_CHECKING:
    from pixvault.graphkit.context import Context


async def _load_ledgers(user_ids: list[str]) -> list[list[ConsentRecord]]:
    ledgers = await services.ledgers_of(user_ids)
    return [ledgers.get(i, []) for i in user_ids]


def ledger_loader(context: Context) -> DataLoader[str, list[ConsentRecord]]:
    """Each user's consent ledger (by user id), newest first."""
    return context.loader("consent_ledgers", _load_ledgers)


async def _load_privacy_version(keys: list[None]) -> list[str]:
    version = await services.privacy_version()
    return [version for _ in keys]


async def consent_state_for(context: Context, user_id: str) -> services.ConsentState:
    """A user's decisions from their ledger alone (a reader's request headers are not theirs),
    the privacy policy version read once per request."""
    ledger = await ledger_loader(context).load(user_id)
    version_loader: DataLoader[None, str] = context.loader("privacy_version", _load_privacy_version)
    version = await version_loader.load(None)
    return services.state_of(services.latest_of(ledger), version)
