"""Waiting in async tests for something to become true, with a deadline generous enough for a
loaded machine (the deadline is there to end a hang, not to measure speed)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

#: how long something a quiet machine does in a moment may take on a busy one
PATIENCE = 60.0


async def eventually(
    check: Callable[[], Awaitable[bool]], within: float = PATIENCE, interval: float = 0.05
) -> bool:
    """Whether ``check`` comes true within ``within`` seconds (polled every ``interval``)."""
    deadline = time.monotonic() + within
    while not await check():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(interval)
    return True
