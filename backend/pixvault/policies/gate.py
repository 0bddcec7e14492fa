"""Continued use: each authenticated request accepts (CONTINUED_USE) the versions in effect that
its user has not decided on, except those that materially reduce protection.

This runs on every authenticated request, so its steady state costs no query. The versions in
effect change only when one is published or reaches its effective date: they are cached until
the next effective date, for at most CACHE_TTL (another process's LEGAL_REQUIREMENT publication
shows within that), and dropped at once when this process publishes. Users already settled
against the current versions are remembered, which is safe because decisions are never undone.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta
from uuid import UUID

from pixvault.core.clock import now
from pixvault.core.viewer import ClientInfo
from pixvault.policies.models import PolicyVersion
from pixvault.policies.services import effective_versions, record_continued_use

CACHE_TTL = timedelta(seconds=60)
MAX_SETTLED = 10_000


class PolicyGate:
    def __init__(self) -> None:
        self._versions: list[PolicyVersion] = []
        self._valid_until: datetime | None = None
        self._settled: OrderedDict[tuple[str, frozenset[UUID]], None] = OrderedDict()

    def invalidate(self) -> None:
        self._valid_until = None

    async def in_effect(self) -> list[PolicyVersion]:
        at = now()
        if self._valid_until is None or at >= self._valid_until:
            self._versions = await effective_versions()
            upcoming = (
                await PolicyVersion.filter(effective_at__gt=at).order_by("effective_at").first()
            )
            until = at + CACHE_TTL
            self._valid_until = min(until, upcoming.effective_at) if upcoming else until
        return self._versions

    async def settle(self, user_id: str, client: ClientInfo) -> None:
        versions = await self.in_effect()
        key = (user_id, frozenset(v.id for v in versions))
        if key in self._settled:
            self._settled.move_to_end(key)
            return
        await record_continued_use(user_id, versions, client)
        self._settled[key] = None
        if len(self._settled) > MAX_SETTLED:
            self._settled.popitem(last=False)
