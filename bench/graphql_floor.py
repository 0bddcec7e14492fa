"""The graph against the floor over HTTP (issue 18 point 5).

Run: ``.venv/bin/python bench/graphql_floor.py`` (exit status 1 when a target is missed).

Seeds a fresh SQLite data dir (bench/budget_twin.py's customer with 200 assets), then serves it
with ``pixvault serve --workers 2`` and, beside it, the floor (bench/graphql_floor_app.py: one
SQL statement, orjson) under ``uvicorn --workers 2``. Both run for the whole script; rounds
alternate the two sides (and their order) so the machine's other load falls on both alike.

- Throughput: ``connections`` keep-alive connections send the library query (Pixvault: the
  GraphQL POST of bench/graphql_budget.py, with the session cookie; floor: ``GET /assets``) for
  ``seconds`` each round; the ratio is the median of per-round ratios of completed requests.
- CPU: the server processes' CPU time (user + system of the uvicorn workers, from /proc) over
  the round, divided by the requests completed: ``{ __typename }`` against the constant answer.

Targets: assets(first: 20) at >= 1/8 of the floor, assets(first: 100) at >= 1/15, and
``{ __typename }`` at most 0.2 ms of server CPU per request over the constant answer.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import orjson

from pixvault import db
from pixvault.accounts.sessions import cookie_name
from pixvault.app import create_app
from pixvault.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

from budget_twin import seed
from graphql_budget import LIBRARY, TRIVIAL
from server import BIN, ROOT, Process, pixvault

TARGETS = {20: 8.0, 100: 15.0}
TRIVIAL_TARGET_MS = 0.2


def floor_server(data_dir: Path, workers: int) -> Process:
    command = [
        str(BIN / "uvicorn"),
        "graphql_floor_app:app",
        "--app-dir",
        str(ROOT / "bench"),
        "--port",
        "{port}",
        "--workers",
        str(workers),
        "--no-access-log",
        "--no-server-header",
        "--no-proxy-headers",
        "--log-level",
        "warning",
    ]
    return Process(command, {"PIXVAULT_DATA_DIR": str(data_dir)}, "/health")


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by a server's processes (the master and its workers), from
    /proc (utime + stime)."""
    ticks = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        stat = Path(f"/proc/{current}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
        children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        pending += [int(child) for child in children]
    return ticks / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Figures:
    """Requests completed per second, and server CPU seconds per request."""

    rate: float
    cpu: float


# --- Load ----------------------------------------------------------------------------------


async def _read(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    await reader.readexactly(length)
    return status


async def _connection(port: int, request: bytes, stop: float, counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < stop:
            writer.write(request)
            counts[0 if await _read(reader) == 200 else 1] += 1
    finally:
        writer.close()


async def load(port: int, pid: int, request: bytes, seconds: float, connections: int) -> Figures:
    counts = [0, 0]
    cpu, started = server_cpu(pid), time.perf_counter()
    stop = started + seconds
    await asyncio.gather(*[_connection(port, request, stop, counts) for _ in range(connections)])
    wall = time.perf_counter() - started
    assert counts[1] == 0, f"{counts[1]} requests failed"
    return Figures(counts[0] / wall, (server_cpu(pid) - cpu) / counts[0])


def http_request(method: str, path: str, body: bytes = b"", cookie: str = "") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "User-Agent: bench"]
    if body:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


# --- Main ----------------------------------------------------------------------------------


async def seeded(data_dir: Path) -> str:
    """The customer's session cookie, after migrating and seeding the data dir."""
    settings = Settings(data_dir=data_dir).prepare()
    await db.connect(settings)
    try:
        await db.migrate(settings)
        app = create_app(settings, manage_database=False)
        _, token = await seed(app.state.runtime)
        await app.state.runtime.close()
    finally:
        await db.disconnect()
    return f"{cookie_name(settings)}={token}"


def check_same(graph: Process, floor: Process, cookie: str) -> None:
    for first in TARGETS:
        body = {"query": LIBRARY, "variables": {"first": first}}
        answer = httpx.post(graph.base + "/graphql", json=body, headers={"cookie": cookie}).json()
        expected = httpx.get(floor.base + f"/assets?first={first}", headers={"cookie": cookie})
        assert answer == expected.json(), f"the floor must answer what the graph answers ({first})"


async def measure(
    cases: dict[str, tuple[bytes, bytes]],
    graph: Process,
    floor: Process,
    rounds: int,
    seconds: float,
    connections: int,
) -> dict[str, list[tuple[Figures, Figures]]]:
    results: dict[str, list[tuple[Figures, Figures]]] = {}
    for name, (graph_request, floor_request) in cases.items():
        sides: list[tuple[Process, bytes]] = [(graph, graph_request), (floor, floor_request)]
        for process, request in sides:  # warm every worker
            await load(process.port, process.pid, request, 0.5, connections)
        results[name] = []
        for r in range(rounds):
            got: dict[int, Figures] = {}
            for process, request in sides if r % 2 else reversed(sides):
                got[process.port] = await load(
                    process.port, process.pid, request, seconds, connections
                )
            results[name].append((got[graph.port], got[floor.port]))
    return results


def report(results: dict[str, list[tuple[Figures, Figures]]]) -> bool:
    ok = True
    print(
        f"{'case':<20} {'pixvault req/s':>14} {'floor req/s':>12} {'ratio':>8} {'target':>7}"
        f" {'pixvault CPU':>13} {'floor CPU':>10}"
    )
    for name, pairs in results.items():
        median: Callable[[list[float]], float] = statistics.median
        ratio = median([f.rate / g.rate for g, f in pairs])
        g_rate, f_rate = median([g.rate for g, _ in pairs]), median([f.rate for _, f in pairs])
        g_cpu, f_cpu = (
            median([g.cpu for g, _ in pairs]) * 1e3,
            median([f.cpu for _, f in pairs]) * 1e3,
        )
        target = ""
        for size, allowed in TARGETS.items():
            if f"first: {size})" in name:
                target = f"1/{allowed:g}"
                ok = ok and ratio <= allowed
        if name == TRIVIAL:
            extra = median([g.cpu - f.cpu for g, f in pairs]) * 1e3
            target = f"{TRIVIAL_TARGET_MS} ms"
            ok = ok and extra <= TRIVIAL_TARGET_MS
        print(
            f"{name:<20} {g_rate:>14.0f} {f_rate:>12.0f} {'1/' + format(ratio, '.1f'):>8}"
            f" {target:>7} {g_cpu:>10.3f} ms {f_cpu:>7.3f} ms"
        )
    trivial = results[TRIVIAL]
    extra = statistics.median([g.cpu - f.cpu for g, f in trivial]) * 1e3
    print(
        f"{{ __typename }}: {extra:.3f} ms of server CPU per request over the constant answer"
        f" (target at most {TRIVIAL_TARGET_MS} ms)"
    )
    return ok


async def main(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        cookie = await seeded(data_dir)
        graph_env = {"PIXVAULT_GRAPHQL_INTROSPECTION": "false"}
        if args.backend:  # another checkout's code, e.g. to measure before a change
            graph_env["PYTHONPATH"] = args.backend
        with (
            pixvault(data_dir, args.workers, **graph_env) as graph,
            floor_server(data_dir, args.workers) as floor,
        ):
            check_same(graph, floor, cookie)

            def graphql(query: str, variables: dict[str, int], with_cookie: bool) -> bytes:
                body = orjson.dumps({"query": query, "variables": variables})
                return http_request("POST", "/graphql", body, cookie if with_cookie else "")

            cases = {
                "assets(first: 20)": (
                    graphql(LIBRARY, {"first": 20}, True),
                    http_request("GET", "/assets?first=20", cookie=cookie),
                ),
                "assets(first: 100)": (
                    graphql(LIBRARY, {"first": 100}, True),
                    http_request("GET", "/assets?first=100", cookie=cookie),
                ),
                TRIVIAL: (graphql(TRIVIAL, {}, False), http_request("GET", "/trivial")),
            }
            results = await measure(
                cases, graph, floor, args.rounds, args.seconds, args.connections
            )
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, SQLite, HTTP over"
        f" loopback, {args.workers} workers each side, {args.connections} connections,"
        f" {args.rounds} rounds of {args.seconds:g} s; load average"
        f" {os.getloadavg()[0]:.1f} at the end"
    )
    ok = report(results)
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3.0, help="per side per round")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--backend", help="serve Pixvault from this directory's pixvault package (its backend/)"
    )
    args = parser.parse_args()
    args.backend = args.backend and str(Path(args.backend).resolve())
    sys.exit(asyncio.run(main(args)))
