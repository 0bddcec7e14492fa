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

With ``--before DIR`` a third server runs DIR's pixvault package (another checkout's backend/,
first on PYTHONPATH) on the same data, measured in the same rounds: a change's before and after
side by side.

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
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
import orjson

from pixvault import db
from pixvault.accounts.sessions import cookie_name
from pixvault.app import create_app
from pixvault.core.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

from budget_twin import seed
from graphql_budget import LIBRARY, TRIVIAL
from server import BIN, ROOT, Process, pixvault

TARGETS = {20: 8.0, 100: 15.0}
TRIVIAL_TARGET_MS = 0.2
FLOOR = "floor"


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


Round = dict[str, Figures]


async def measure(
    cases: dict[str, tuple[bytes, bytes]],
    servers: dict[str, Process],
    rounds: int,
    seconds: float,
    connections: int,
) -> dict[str, list[Round]]:
    """Each case on every server (the graph's request, or the floor's on FLOOR) per round, in
    an order turned around every round."""
    results: dict[str, list[Round]] = {}
    for name, (graph_request, floor_request) in cases.items():
        sides = [
            (label, process, floor_request if label == FLOOR else graph_request)
            for label, process in servers.items()
        ]
        for _, process, request in sides:  # warm every worker
            await load(process.port, process.pid, request, 0.5, connections)
        results[name] = []
        for r in range(rounds):
            got: Round = {}
            for label, process, request in sides if r % 2 else reversed(sides):
                got[label] = await load(process.port, process.pid, request, seconds, connections)
            results[name].append(got)
    return results


def report(results: dict[str, list[Round]]) -> bool:
    """One line per case and Pixvault side; whether the side named "pixvault" met the targets."""
    ok = True
    median: Callable[[list[float]], float] = statistics.median
    print(
        f"{'case':<20} {'side':<9} {'req/s':>7} {'floor req/s':>12} {'ratio':>8} {'target':>7}"
        f" {'CPU':>10} {'floor CPU':>10} {'CPU over floor':>15}"
    )
    for name, rounds in results.items():
        labels = [label for label in rounds[0] if label != FLOOR]
        for label in labels:
            ratio = median([r[FLOOR].rate / r[label].rate for r in rounds])
            rate, f_rate = (
                median([r[label].rate for r in rounds]),
                median([r[FLOOR].rate for r in rounds]),
            )
            cpu, f_cpu = (
                median([r[label].cpu for r in rounds]),
                median([r[FLOOR].cpu for r in rounds]),
            )
            extra = median([r[label].cpu - r[FLOOR].cpu for r in rounds])
            target = ""
            for size, allowed in TARGETS.items():
                if f"first: {size})" in name:
                    target = f"1/{allowed:g}"
                    ok = ok and (label != "pixvault" or ratio <= allowed)
            if name == TRIVIAL:
                target = f"{TRIVIAL_TARGET_MS} ms"
                ok = ok and (label != "pixvault" or extra * 1e3 <= TRIVIAL_TARGET_MS)
            print(
                f"{name:<20} {label:<9} {rate:>7.0f} {f_rate:>12.0f}"
                f" {'1/' + format(ratio, '.1f'):>8} {target:>7} {cpu * 1e3:>7.3f} ms"
                f" {f_cpu * 1e3:>7.3f} ms {extra * 1e3:>12.3f} ms"
            )
    return ok


async def main(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        cookie = await seeded(data_dir)
        env = {"PIXVAULT_GRAPHQL_INTROSPECTION": "false"}
        with ExitStack() as servers_up:
            servers: dict[str, Process] = {}
            if args.before:
                earlier = pixvault(data_dir, args.workers, **env, PYTHONPATH=args.before)
                servers["before"] = servers_up.enter_context(earlier)
            servers["pixvault"] = servers_up.enter_context(pixvault(data_dir, args.workers, **env))
            floor = servers[FLOOR] = servers_up.enter_context(floor_server(data_dir, args.workers))
            for label, process in servers.items():
                if label != FLOOR:
                    check_same(process, floor, cookie)

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
            results = await measure(cases, servers, args.rounds, args.seconds, args.connections)
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
        "--before",
        help="also serve Pixvault from this directory's pixvault package (another checkout's"
        " backend/), measured in the same rounds as side 'before'",
    )
    args = parser.parse_args()
    args.before = args.before and str(Path(args.before).resolve())
    sys.exit(asyncio.run(main(args)))
