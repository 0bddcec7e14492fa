"""How long the telemetry retention job takes over a backlog of activity, and once caught up.

Fills a fresh SQLite data dir with ROWS activity events 40 days old (half IPv4, half IPv6, each
address different), then times one retention run (every address truncated) and a second one
(nothing left to do, the cost of each hourly run once caught up).
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from pixvault import db
from pixvault.accounts.models import ActivityEvent, User
from pixvault.core.clock import now
from pixvault.core.settings import Settings
from pixvault.records.retention import apply_telemetry_retention

ROWS = 50_000
USERS = 100


def address(i: int) -> str:
    if i % 2:
        return f"203.0.{random.randrange(256)}.{random.randrange(1, 255)}"
    groups = [f"{random.randrange(65536):x}" for _ in range(2)]
    return f"2001:db8:{groups[0]}:{groups[1]}::{random.randrange(1, 65536):x}"


async def main() -> None:
    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="pixvault-bench-")))
    await db.connect(settings)
    try:
        await db.migrate(settings)
        users = [
            await User.create(
                email=f"bench{i}@example.com",
                name="Bench",
                password_hash="-",
                roles=["CUSTOMER"],
                created_at=now(),
            )
            for i in range(USERS)
        ]
        at = now() - timedelta(days=40)
        await ActivityEvent.bulk_create(
            [
                ActivityEvent(user=users[i % USERS], kind="LOG_IN", at=at, ip_address=address(i))
                for i in range(ROWS)
            ],
            batch_size=2000,
        )
        start = time.perf_counter()
        first = await apply_telemetry_retention(settings)
        backlog = time.perf_counter() - start
        start = time.perf_counter()
        second = await apply_telemetry_retention(settings)
        idle = time.perf_counter() - start
    finally:
        await db.disconnect()
    print(f"backlog of {ROWS} rows: {backlog:.2f} s, {first.addresses_truncated} truncated")
    print(f"caught up: {idle * 1000:.0f} ms, {second.addresses_truncated} truncated")


if __name__ == "__main__":
    asyncio.run(main())
