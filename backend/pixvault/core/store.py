"""Short-lived shared state (sessions, rate limits): Redis when configured, else in-process.

Only the operations Pixvault needs, each atomic in both backends.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Mapping
from typing import Protocol

import redis.asyncio as aioredis
from redis.exceptions import RedisError


class StoreUnavailableError(RuntimeError):
    """The shared store (Redis) cannot be reached; callers fail closed with a 503."""


class KeyValueStore(Protocol):
    async def get(self, key: str) -> str | None: ...
    async def set(self, key: str, value: str, ttl_seconds: int) -> None: ...
    async def delete(self, *keys: str) -> None: ...
    async def incr(self, key: str, ttl_seconds: int, amount: int = 1) -> int:
        """Add ``amount`` to a counter; its time-to-live starts with the first increment."""
        ...

    async def decr(self, key: str) -> None:
        """Take one back from a live counter (never creating one, nor renewing its life)."""
        ...

    async def hit(self, key: str, ttl_seconds: int) -> tuple[int, int]:
        """Increment a counter like ``incr``; its new value and whole seconds left to live."""
        ...

    async def peek(self, key: str) -> tuple[int, int]:
        """A counter's value (0 when absent) and whole seconds left to live (0 when absent)."""
        ...

    async def hincrby(self, key: str, increments: Mapping[str, int], ttl_seconds: int) -> None:
        """Add to several counters of one hash at once; each write renews its time-to-live."""
        ...

    async def hmget(self, key: str, fields: list[str]) -> list[int]:
        """Counters of one hash (0 where absent)."""
        ...

    async def htake(self, key: str) -> dict[str, int]:
        """Read and clear a hash of counters in one atomic step."""
        ...

    async def ping(self) -> bool: ...
    async def close(self) -> None: ...


class MemoryStore:
    def __init__(self) -> None:
        self._data: dict[str, tuple[str, float]] = {}
        self._hashes: dict[str, tuple[dict[str, int], float]] = {}
        self._lock = asyncio.Lock()

    def _live(self, key: str) -> str | None:
        item = self._data.get(key)
        if item is None:
            return None
        if item[1] < time.monotonic():
            del self._data[key]
            return None
        return item[0]

    async def get(self, key: str) -> str | None:
        return self._live(key)

    async def set(self, key: str, value: str, ttl_seconds: int) -> None:
        self._data[key] = (value, time.monotonic() + ttl_seconds)

    async def delete(self, *keys: str) -> None:
        for key in keys:
            self._data.pop(key, None)

    async def incr(self, key: str, ttl_seconds: int, amount: int = 1) -> int:
        async with self._lock:
            current = self._live(key)
            if current is None:
                self._data[key] = (str(amount), time.monotonic() + ttl_seconds)
                return amount
            expires = self._data[key][1]
            value = int(current) + amount
            self._data[key] = (str(value), expires)
            return value

    async def decr(self, key: str) -> None:
        async with self._lock:
            current = self._live(key)
            if current is not None:
                self._data[key] = (str(int(current) - 1), self._data[key][1])

    async def hit(self, key: str, ttl_seconds: int) -> tuple[int, int]:
        value = await self.incr(key, ttl_seconds)
        return value, self._seconds_left(key)

    async def peek(self, key: str) -> tuple[int, int]:
        current = self._live(key)
        return (0, 0) if current is None else (int(current), self._seconds_left(key))

    def _seconds_left(self, key: str) -> int:
        return max(0, math.ceil(self._data[key][1] - time.monotonic()))

    def _live_hash(self, key: str) -> dict[str, int]:
        item = self._hashes.get(key)
        if item is None or item[1] < time.monotonic():
            self._hashes.pop(key, None)
            return {}
        return item[0]

    async def hincrby(self, key: str, increments: Mapping[str, int], ttl_seconds: int) -> None:
        counters = self._live_hash(key)
        for field, amount in increments.items():
            counters[field] = counters.get(field, 0) + amount
        self._hashes[key] = (counters, time.monotonic() + ttl_seconds)

    async def hmget(self, key: str, fields: list[str]) -> list[int]:
        counters = self._live_hash(key)
        return [counters.get(field, 0) for field in fields]

    async def htake(self, key: str) -> dict[str, int]:
        counters = self._live_hash(key)
        self._hashes.pop(key, None)
        return counters

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        self._data.clear()
        self._hashes.clear()


#: DECR that leaves an expired (absent) counter absent, keeping the live one's time-to-live.
_DECR_IF_LIVE = "if redis.call('exists', KEYS[1]) == 1 then redis.call('decr', KEYS[1]) end"


class RedisStore:
    def __init__(self, url: str) -> None:
        self._redis = aioredis.from_url(  # type: ignore[no-untyped-call]
            url, decode_responses=True, socket_connect_timeout=2, socket_timeout=2
        )

    async def get(self, key: str) -> str | None:
        try:
            value: str | None = await self._redis.get(key)
            return value
        except RedisError as exc:
            raise StoreUnavailableError(str(exc)) from exc

    async def set(self, key: str, value: str, ttl_seconds: int) -> None:
        try:
            await self._redis.set(key, value, ex=ttl_seconds)
        except RedisError as exc:
            raise StoreUnavailableError(str(exc)) from exc

    async def delete(self, *keys: str) -> None:
        if not keys:
            return
        try:
            await self._redis.delete(*keys)
        except RedisError as exc:
            raise StoreUnavailableError(str(exc)) from exc

    async def incr(self, key: str, ttl_seconds: int, amount: int = 1) -> int:
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(key, amount)
                pipe.expire(key, ttl_seconds, nx=True)
                value, _ = await pipe.execute()
            return int(value)
        except RedisError as exc:
            raise StoreUnavailableError(str(exc)) from exc

    async def decr(self, key: str) -> None:
        try:
            await self._redis.eval(_DECR_IF_LIVE, 1, key)
        except RedisError as exc:
            raise StoreUnavailableError(str(exc)) from exc

    async def hit(self, key: str, ttl_seconds: int) -> tuple[int, int]:
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(key)
                pipe.expire(key, ttl_seconds, nx=True)
                pipe.ttl(key)
                value, _, left = await pipe.execute()
            return int(value), max(0, int(left))
        except RedisError as exc:
            raise StoreUnavailableError(str(exc)) from exc

    async def peek(self, key: str) -> tuple[int, int]:
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.get(key)
                pipe.ttl(key)
                value, left = await pipe.execute()
        except RedisError as exc:
            raise StoreUnavailableError(str(exc)) from exc
        return (0, 0) if value is None else (int(value), max(0, int(left)))

    async def hincrby(self, key: str, increments: Mapping[str, int], ttl_seconds: int) -> None:
        if not increments:
            return
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                for field, amount in increments.items():
                    pipe.hincrby(key, field, amount)
                pipe.expire(key, ttl_seconds)
                await pipe.execute()
        except RedisError as exc:
            raise StoreUnavailableError(str(exc)) from exc

    async def hmget(self, key: str, fields: list[str]) -> list[int]:
        try:
            values: list[str | None] = await self._redis.hmget(key, fields)
        except RedisError as exc:
            raise StoreUnavailableError(str(exc)) from exc
        return [int(v) if v is not None else 0 for v in values]

    async def htake(self, key: str) -> dict[str, int]:
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.hgetall(key)
                pipe.delete(key)
                values, _ = await pipe.execute()
        except RedisError as exc:
            raise StoreUnavailableError(str(exc)) from exc
        return {field: int(value) for field, value in values.items()}

    async def ping(self) -> bool:
        try:
            return bool(await self._redis.ping())
        except RedisError:
            return False

    async def close(self) -> None:
        await self._redis.aclose()


def make_store(redis_url: str | None) -> KeyValueStore:
    return RedisStore(redis_url) if redis_url else MemoryStore()
