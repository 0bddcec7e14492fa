"""A cluster-wide lease on making one rendition, held in Redis, so that however many nodes are
asked for the same new rendition at once, one of them makes it and the others wait for it.

The lease expires on its own (``LEASE_SECONDS``): a holder that dies (SIGKILL, lost machine)
blocks the others only until then, after which one of them takes the lease and makes the
rendition. Without Redis there is nothing to share, and the in-process single-flight in
renditions.py is the whole story.
"""

from __future__ import annotations

import secrets

import redis.asyncio as aioredis

#: Longer than any one rendition takes; what a dead holder costs the others at most.
LEASE_SECONDS = 30.0
PREFIX = "pixvault:rendition-lease:"

_RELEASE = """if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1]) else return 0 end"""


class RenditionLeases:
    def __init__(self, redis_url: str, lease_seconds: float = LEASE_SECONDS) -> None:
        self.redis: aioredis.Redis = aioredis.from_url(  # type: ignore[no-untyped-call]
            redis_url, socket_connect_timeout=2
        )
        self.lease_ms = int(lease_seconds * 1000)

    async def take(self, key: str) -> str | None:
        """A token when this process now holds the lease on ``key``; None when another does."""
        token = secrets.token_hex(8)
        taken = await self.redis.set(PREFIX + key, token, nx=True, px=self.lease_ms)
        return token if taken else None

    async def held(self, key: str) -> bool:
        return bool(await self.redis.exists(PREFIX + key))

    async def release(self, key: str, token: str) -> None:
        """Give the lease back, only if it is still ours (it may have expired and been taken)."""
        await self.redis.eval(_RELEASE, 1, PREFIX + key, token)  # type: ignore[misc]

    async def close(self) -> None:
        await self.redis.aclose()
