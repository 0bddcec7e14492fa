"""Password hashing: argon2id at OWASP's parameters, off the event loop, under a cap."""

from __future__ import annotations

import asyncio
import threading
import time
from types import SimpleNamespace

from pixvault.accounts.passwords import PasswordHasher, common_passwords, password_problem


async def test_hashes_are_argon2id_at_owasp_parameters() -> None:
    stored = await PasswordHasher().hash("a long and unusual passphrase")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


async def test_a_burst_queues_behind_the_cap_and_leaves_the_loop_free() -> None:
    hasher = PasswordHasher(concurrency=2)
    running = 0
    peak = 0
    lock = threading.Lock()

    def slow_hash(password: str) -> str:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.05)
        with lock:
            running -= 1
        return "hashed"

    hasher._argon2 = SimpleNamespace(hash=slow_hash)  # type: ignore[assignment]
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    tick_task = asyncio.create_task(ticker())
    await asyncio.gather(*(hasher.hash(f"password {i}") for i in range(8)))
    tick_task.cancel()
    assert peak == 2
    assert ticks >= 10, "the event loop kept running while hashes ran in threads"


def test_common_passwords_ship_with_the_package() -> None:
    assert len(common_passwords()) > 1000
    assert password_problem("qwertyuiop", "a@example.com") is not None
    assert password_problem("a long and unusual passphrase", "a@example.com") is None
