"""Password hashing: argon2id at OWASP's parameters, off the event loop, under a cap."""

from __future__ import annotations

import asyncio
import threading
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
    # Each hash holds its thread until the event loop has ticked ten times and until a second
    # hash runs beside it: conditions, not durations, so a slow machine only makes it slower.
    # Without the cap's second slot (or with the loop blocked) the waits run out and fail.
    loop_ran = threading.Event()
    pair = threading.Barrier(2)

    def slow_hash(password: str) -> str:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        try:
            assert loop_ran.wait(timeout=60), "the event loop stalled while a hash ran"
            pair.wait(timeout=60)
        finally:
            with lock:
                running -= 1
        return "hashed"

    hasher._argon2 = SimpleNamespace(hash=slow_hash)  # type: ignore[assignment]
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            if ticks >= 10:
                loop_ran.set()
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
