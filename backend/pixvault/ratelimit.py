"""Fixed-window rate limits on the shared store (Redis when configured, else in-process)."""

from __future__ import annotations

from dataclasses import dataclass

from pixvault.store import KeyValueStore


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    window_seconds: int


async def allow(store: KeyValueStore, limit: Limit, key: str) -> bool:
    """Count one attempt; False once the window has seen more than ``limit.count``."""
    used = await store.incr(f"rl:{limit.name}:{key}", limit.window_seconds)
    return used <= limit.count
