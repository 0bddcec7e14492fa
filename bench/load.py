"""A small HTTP/1.1 keep-alive load generator (no load-testing tool is assumed installed).

Each connection sends GETs one after another and reads each response whole, so the figure is
requests completed per second with ``connections`` requests in flight.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass


@dataclass
class Result:
    requests: int
    seconds: float
    errors: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    await reader.readexactly(length)
    return status


async def _connection(
    host: str, port: int, paths: list[str], stop: float, counts: list[int], headers: str
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    i = 0
    try:
        while time.perf_counter() < stop:
            path = paths[i % len(paths)]
            i += 1
            request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{headers}\r\n"
            writer.write(request.encode())
            status = await _read_response(reader)
            counts[0 if status == 200 else 1] += 1
    finally:
        writer.close()


async def run_load(
    host: str,
    port: int,
    paths: list[str],
    *,
    connections: int = 16,
    seconds: float = 5.0,
    headers: str = "",
) -> Result:
    counts = [0, 0]
    # Warm up (connections, caches), then measure.
    await asyncio.gather(
        *[
            _connection(host, port, paths, time.perf_counter() + 0.5, [0, 0], headers)
            for _ in range(connections)
        ]
    )
    started = time.perf_counter()
    stop = started + seconds
    await asyncio.gather(
        *[_connection(host, port, paths, stop, counts, headers) for _ in range(connections)]
    )
    return Result(requests=counts[0], seconds=time.perf_counter() - started, errors=counts[1])
