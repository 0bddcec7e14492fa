"""The store's hash counters (metering) and windowed counters (rate limits), in both backends."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from pixvault.billing.metering import PENDING_KEY, Meter
from pixvault.core.store import KeyValueStore, MemoryStore, RedisStore, StoreUnavailableError
from tests.conftest import TEST_REDIS_URL, need
from tests.waiting import eventually


@pytest.fixture(params=["memory", "redis"])
async def store(request: pytest.FixtureRequest) -> AsyncIterator[KeyValueStore]:
    if request.param == "memory":
        backend: KeyValueStore = MemoryStore()
    else:
        need("PIXVAULT_TEST_REDIS_URL", TEST_REDIS_URL)
        assert TEST_REDIS_URL
        backend = RedisStore(TEST_REDIS_URL)
    await backend.htake("test:h")
    yield backend
    await backend.htake("test:h")
    await backend.close()


async def test_counters_add_read_and_are_taken_atomically(store: KeyValueStore) -> None:
    await store.hincrby("test:h", {"a": 2, "b": 5}, 60)
    await store.hincrby("test:h", {"a": 3}, 60)
    assert await store.hmget("test:h", ["a", "b", "missing"]) == [5, 5, 0]
    assert await store.htake("test:h") == {"a": 5, "b": 5}
    assert await store.htake("test:h") == {}
    assert await store.hmget("test:h", ["a"]) == [0]


async def test_concurrent_adds_are_not_lost(store: KeyValueStore) -> None:
    await asyncio.gather(*(store.hincrby("test:h", {"n": 1}, 60) for _ in range(50)))
    assert await store.hmget("test:h", ["n"]) == [50]


async def test_counters_expire(store: KeyValueStore) -> None:
    await store.hincrby("test:h", {"a": 1}, 1)

    async def expired() -> bool:
        return await store.hmget("test:h", ["a"]) == [0]

    assert await eventually(expired, interval=0.2)


async def test_a_windowed_counter_tells_its_value_and_time_left(store: KeyValueStore) -> None:
    await store.delete("test:w")
    assert await store.peek("test:w") == (0, 0)
    assert await store.hit("test:w", 90) == (1, 90)
    await store.incr("test:w", 90)
    value, left = await store.hit("test:w", 30)  # the window started with the first hit
    assert value == 3 and 85 <= left <= 90
    value, left = await store.peek("test:w")
    assert value == 3 and 85 <= left <= 90
    await store.delete("test:w")


async def test_a_meter_keeps_its_counts_while_the_store_is_down() -> None:
    meter = Meter()
    meter.add("00000000-0000-4000-8000-000000000001", "b", 10)
    down = RedisStore("redis://127.0.0.1:1/0")
    with pytest.raises(StoreUnavailableError):
        await meter.push(down)
    await down.close()
    alive = MemoryStore()
    await meter.push(alive)
    taken = await alive.htake(PENDING_KEY)
    assert list(taken.values()) == [10]


async def test_decr_takes_back_from_a_live_counter_and_never_makes_one(
    store: KeyValueStore,
) -> None:
    await store.delete("test:c", "test:absent")
    assert await store.incr("test:c", 60) == 1
    assert await store.incr("test:c", 60) == 2
    await store.decr("test:c")
    assert await store.get("test:c") == "1"
    await store.decr("test:absent")
    assert await store.get("test:absent") is None
    await store.delete("test:c")
