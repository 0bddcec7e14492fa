"""Counting bandwidth and transformations without a database write per request.

Counts move through three stages, each cheap where it runs often:

1. ``Meter.add`` bumps this process's in-memory buffer: a dict increment per request.
2. Every few seconds the buffer moves into the shared store (Redis when configured) in one
   pipelined write, so every app process, and the worker, see each other's counts.
3. The periodic job (periodic.py) moves the store's counts into ``usage_periods``.

Reads add all three, so usage is current to the moment. Each move takes its counts atomically and
puts them back when the next stage fails, so an outage delays counts but does not lose or double
them (counts of accounts deleted meanwhile are dropped).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from pixvault.accounts.models import User
from pixvault.billing.models import UsagePeriod
from pixvault.billing.periods import Period, period_at, period_of_key
from pixvault.core.clock import now
from pixvault.core.store import KeyValueStore, StoreUnavailableError

log = logging.getLogger("pixvault.billing.metering")

#: One hash in the store: field ``<period>|<user id>|<kind>`` to a count.
PENDING_KEY = "usage:pending"
#: Counts the worker never drained (it was down for months) eventually expire.
PENDING_TTL_SECONDS = 90 * 86400
PUSH_SECONDS = 5.0
BANDWIDTH = "b"
TRANSFORMATIONS = "t"


def field_name(period: Period, user_id: str, kind: str) -> str:
    return f"{period.key}|{user_id}|{kind}"


class Meter:
    """This process's buffer of counts not yet in the shared store."""

    def __init__(self) -> None:
        #: The app's store, for reads that include other processes' counts.
        self.store: KeyValueStore | None = None
        self._counts: dict[str, int] = {}
        self._period = period_at(now())
        self._prefix = f"{self._period.key}|"

    def attach(self, store: KeyValueStore) -> None:
        self.store = store

    def add(self, user_id: str, kind: str, amount: int) -> None:
        """The hot path: a clock read, a comparison and a dict increment."""
        at = now()
        if not self._period.start <= at < self._period.end:
            self._period = period_at(at)
            self._prefix = f"{self._period.key}|"
        key = f"{self._prefix}{user_id}|{kind}"
        self._counts[key] = self._counts.get(key, 0) + amount

    def buffered(self, key: str) -> int:
        return self._counts.get(key, 0)

    async def push(self, store: KeyValueStore) -> None:
        """Move the buffer into the store; on a store outage it stays buffered."""
        counts, self._counts = self._counts, {}
        if not counts:
            return
        try:
            await store.hincrby(PENDING_KEY, counts, PENDING_TTL_SECONDS)
        except StoreUnavailableError:
            for key, amount in counts.items():
                self._counts[key] = self._counts.get(key, 0) + amount
            raise

    async def pending(self, user_id: str, period: Period) -> tuple[int, int]:
        """Bandwidth bytes and transformations counted but not yet in the database."""
        return (await self.pending_of([user_id], period))[user_id]

    async def pending_of(self, user_ids: list[str], period: Period) -> dict[str, tuple[int, int]]:
        """:meth:`pending` for many customers in one round trip to the store."""
        keys = [
            field_name(period, user_id, counter)
            for user_id in user_ids
            for counter in (BANDWIDTH, TRANSFORMATIONS)
        ]
        stored = [0] * len(keys)
        if self.store is not None and keys:
            try:
                stored = await self.store.hmget(PENDING_KEY, keys)
            except StoreUnavailableError:  # fail open: quotas are soft while Redis is away
                log.warning("the store is unavailable; usage reads leave out other processes")
        totals = [count + self.buffered(key) for count, key in zip(stored, keys, strict=True)]
        return {user_id: (totals[2 * i], totals[2 * i + 1]) for i, user_id in enumerate(user_ids)}


#: The process's meter. The app attaches its store when it is created.
meter = Meter()


@dataclass
class Totals:
    bandwidth: int = 0
    transformations: int = 0


def _parse(counts: dict[str, int]) -> dict[tuple[str, str], Totals]:
    totals: dict[tuple[str, str], Totals] = defaultdict(Totals)
    for key, amount in counts.items():
        try:
            period_key, user_id, kind = key.split("|")
            uuid.UUID(user_id)
            period_of_key(period_key)
        except ValueError:
            log.warning("dropping a malformed usage counter %r", key)
            continue
        if kind == BANDWIDTH:
            totals[(user_id, period_key)].bandwidth += amount
        elif kind == TRANSFORMATIONS:
            totals[(user_id, period_key)].transformations += amount
    return totals


async def _add_to_periods(totals: dict[tuple[str, str], Totals]) -> int:
    ids = list({user_id for user_id, _ in totals})
    known = {str(i) for i in await User.filter(id__in=ids).values_list("id", flat=True)}
    rows = {key: value for key, value in totals.items() if key[0] in known}
    async with in_transaction():
        await UsagePeriod.bulk_create(
            [
                UsagePeriod(user_id=user_id, period_start=period_of_key(period_key).start)
                for user_id, period_key in rows
            ],
            ignore_conflicts=True,
        )
        for (user_id, period_key), value in rows.items():
            await UsagePeriod.filter(
                user_id=user_id, period_start=period_of_key(period_key).start
            ).update(
                bandwidth_bytes=F("bandwidth_bytes") + value.bandwidth,
                transformations=F("transformations") + value.transformations,
            )
    return len(rows)


async def drain(store: KeyValueStore) -> int:
    """Move the store's counts into usage_periods; the number of (user, period) rows touched.

    Counts of users who no longer exist are dropped.
    """
    counts = await store.htake(PENDING_KEY)
    if not counts:
        return 0
    try:
        return await _add_to_periods(_parse(counts))
    except Exception:
        await store.hincrby(PENDING_KEY, counts, PENDING_TTL_SECONDS)
        raise


async def flush(store: KeyValueStore) -> int:
    """Everything this process counted, and everything in the store, into the database."""
    await meter.push(store)
    return await drain(store)


async def run_pusher(store: KeyValueStore, stop: asyncio.Event) -> None:
    """The app's background task: push the buffer every few seconds, flush all on the way out."""
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), PUSH_SECONDS)
        except TimeoutError:
            try:
                await meter.push(store)
            except StoreUnavailableError:  # the counts stay buffered for the next round
                log.warning("the store is unavailable; usage counts stay in memory")
    try:
        await flush(store)
    except Exception:  # shutting down regardless
        log.exception("flushing usage counts on shutdown failed")
