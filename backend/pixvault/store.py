"""Short-lived shared state (sessions, rate limits): Redis when configured, else in-process.

Only the operations Pixvault needs, each atomic in both backends.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

import redis.asyncio as aioredis
from redis.exceptions import RedisError


class StoreUnavailableError(RuntimeError):
    """The shared store (Redis) cannot be reached; callers fail closed with a 503."""


class KeyValueStore(Protocol):
    async def get(self, key: str) -> str | None: ...
    async def set(self, key: str, value: str, ttl_seconds: int) -> None: ...
    async def delete(self, *keys: str) -> None: ...
    async def incr(self, key: str, ttl_seconds: int) -> int:
        """Increment a counter; its time-to-live starts with the first increment."""
        ...

    async def ping(self) -> bool: ...
    async def close(self) -> None: ...


class MemoryStore:
    def __init__(self) -> None:
        self._data: dict[str, tuple[str, float]] = {}
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

    async def incr(self, key: str, ttl_seconds: int) -> int:
        async with self._lock:
            current = self._live(key)
            if current is None:
                self._data[key] = ("1", time.monotonic() + ttl_seconds)
                return 1
            expires = self._data[key][1]
            value = int(current) + 1
            self._data[key] = (str(value), expires)
            return value

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        self._data.clear()


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

    async def incr(self, key: str, ttl_seconds: int) -> int:
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(key)
                pipe.expire(key, ttl_seconds, nx=True)
                value, _ = await pipe.execute()
            return int(value)
        except RedisError as exc:
            raise StoreUnavailableError(str(exc)) from exc

    async def ping(self) -> bool:
        try:
            return bool(await self._redis.ping())
        except RedisError:
            return False

    async def close(self) -> None:
        await self._redis.aclose()


def make_store(redis_url: str | None) -> KeyValueStore:
    return RedisStore(redis_url) if redis_url else MemoryStore()
