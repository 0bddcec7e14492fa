"""Does metering slow a cached delivery? Issue 7 allows it to add under 5%.

Run: ``.venv/bin/python bench/metering.py`` (exit status 1 when the hook costs 5% or more).

Delivery is built on another branch, so the stand-in for a cached delivery is the least work a
delivery can do: a bare Starlette ``FileResponse`` of a ~50 KB image, served over ASGI in this
process (no network, no middleware, no signature check). That makes the denominator as small as
it can be, so the ratio errs against the hook. Measured in the same run, interleaved in rounds:

- delivery: the bare FileResponse endpoint;
- delivery + hook: the same endpoint calling ``record_bandwidth(user, size)`` per response,
  alternated request by request with the bare one (their difference is the noisy estimate);
- hook alone: ``record_bandwidth`` on its own, in a tight loop (the precise estimate).

The verdict takes the larger of the two estimates of what metering adds.

It also times the every-few-seconds push of a busy buffer into the store, spread over the
deliveries counted in between, to show that the amortised part is negligible too.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse
from starlette.routing import Route

from pixvault.billing.metering import PUSH_SECONDS, Meter
from pixvault.billing.usage import record_bandwidth
from pixvault.core.store import MemoryStore

IMAGE_BYTES = 50 * 1024
BUDGET = 0.05


def build_apps(image: Path, user_id: str) -> tuple[Starlette, Starlette]:
    """Two apps alike but for the hook, so routing costs both the same."""
    size = image.stat().st_size

    async def bare(request: Request) -> FileResponse:
        return FileResponse(image, media_type="image/jpeg")

    async def metered(request: Request) -> FileResponse:
        record_bandwidth(user_id, size)
        return FileResponse(image, media_type="image/jpeg")

    return (
        Starlette(routes=[Route("/image.jpg", bare)]),
        Starlette(routes=[Route("/image.jpg", metered)]),
    )


async def serve(app: Starlette, path: str = "/image.jpg") -> int:
    """One GET over ASGI; the number of body bytes sent."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},  # what uvicorn serves
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"bench")],
        "client": ("127.0.0.1", 5000),
        "server": ("bench", 80),
    }
    sent = 0
    requested = False

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # as a server does: nothing more until a disconnect
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        nonlocal sent
        if message["type"] == "http.response.body":
            sent += len(message.get("body", b""))

    await app(scope, receive, send)  # type: ignore[arg-type]
    return sent


async def time_pairs(
    bare_app: Starlette, metered_app: Starlette, count: int
) -> tuple[list[float], list[float]]:
    """Seconds of each bare and each metered delivery, alternated request by request so that
    load from elsewhere on the machine falls on both alike."""
    bare: list[float] = []
    metered: list[float] = []
    for i in range(count):
        order = [(bare_app, bare), (metered_app, metered)]
        for app, times in order if i % 2 else reversed(order):
            started = time.perf_counter()
            await serve(app)
            times.append(time.perf_counter() - started)
    return bare, metered


def time_hook(user_id: str, count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        record_bandwidth(user_id, IMAGE_BYTES)
    return (time.perf_counter() - started) / count


async def time_push(users: int) -> float:
    """Seconds to push a buffer holding counts of ``users`` customers into the store."""
    buffer, store = Meter(), MemoryStore()
    for i in range(users):
        buffer.add(str(uuid.UUID(int=i)), "b", IMAGE_BYTES)
    started = time.perf_counter()
    await buffer.push(store)
    return time.perf_counter() - started


async def main(requests: int, rounds: int) -> int:
    user_id = str(uuid.uuid4())
    with tempfile.TemporaryDirectory() as tmp:
        image = Path(tmp) / "image.jpg"
        image.write_bytes(os.urandom(IMAGE_BYTES))
        bare_app, metered_app = build_apps(image, user_id)
        assert await serve(bare_app) == IMAGE_BYTES
        assert await serve(metered_app) == IMAGE_BYTES
        bare: list[float] = []
        metered: list[float] = []
        hook: list[float] = []
        for _ in range(rounds):
            round_bare, round_metered = await time_pairs(bare_app, metered_app, requests)
            bare += round_bare
            metered += round_metered
            hook.append(time_hook(user_id, requests * 10))
    # Medians: a request that the OS paused for another process says nothing about either.
    delivery = statistics.median(bare)
    with_hook = statistics.median(metered)
    per_hook = statistics.median(hook)
    push = await time_push(10_000)
    # Deliveries one process serves between two pushes, at the pace measured here.
    per_push = PUSH_SECONDS / delivery
    amortised_push = push / per_push
    # The verdict takes the larger estimate: the precise one, or the paired difference.
    added = max(per_hook + amortised_push, with_hook - delivery)
    ratio = added / delivery

    def us(seconds: float) -> str:
        return f"{seconds * 1e6:9.2f} µs"

    print(f"cached delivery stand-in (bare FileResponse, {IMAGE_BYTES} B over ASGI):")
    print(f"  delivery                  {us(delivery)}  (median of {len(bare)} requests)")
    print(f"  delivery + hook           {us(with_hook)}  (difference: {us(with_hook - delivery)})")
    print(f"  hook alone                {us(per_hook)}")
    print(f"  push of 10,000 customers' counts every {PUSH_SECONDS:.0f} s: {push * 1e3:.2f} ms,")
    print(f"    over ~{per_push:,.0f} deliveries that is {us(amortised_push)} each")
    print(f"metering adds {ratio:.3%} to a cached delivery (budget {BUDGET:.0%})")
    return 0 if ratio < BUDGET else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="deliveries per round")
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.requests, args.rounds)))
