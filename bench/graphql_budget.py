"""The GraphQL speed budget (issue 10 part 5): what the graph costs over a bare endpoint.

Run: ``.venv/bin/python bench/graphql_budget.py`` (exit status 1 when a budget is missed).
``--profile`` writes pyinstrument profiles of each GraphQL query to bench/out/ instead.

Both sides run in this process over direct ASGI calls (no sockets, no HTTP parsing), so what
differs between them is only what the graph adds; a network or a server loop would add the same
to both and flatter the ratio. The database is a fresh SQLite file by default (its queries are
cheap, which again makes the ratio harsher), or a fresh PostgreSQL database with
``--database-url postgres://...`` (created and dropped by the script).

- GraphQL: the whole Pixvault app as `pixvault serve` builds it (its middleware and JSON log line
  included, written to /dev/null), asked the library query below with a session cookie.
- Bare: a Starlette endpoint with no middleware that authenticates the same cookie with the same
  service, runs the same SQL (the page, the count, the tags, the owner, the moderation notes) and
  writes the same JSON with orjson (checked equal to the graph's answer before timing).

Rounds alternate the two (and their order) so load from elsewhere on the machine falls on both
alike; each figure is the median over rounds, and the ratio is the median of per-round ratios.
CPU time is this process's (all threads, so SQLite's too).

Budgets: assets(first: 20) at >= 1/8 of the bare throughput, assets(first: 100) at >= 1/15, a
trivial anonymous query (``{ __typename }``) under 0.15 ms of CPU over a bare endpoint answering
the same JSON, and the same number of SQL statements for 20 assets as for 100.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg
import orjson
from starlette.types import ASGIApp

from pixvault import db
from pixvault.accounts.sessions import cookie_name
from pixvault.app import create_app
from pixvault.core.logs import configure_logging
from pixvault.core.settings import Settings
from pixvault.runtime import Runtime

sys.path.insert(0, str(Path(__file__).resolve().parent))

from budget_twin import bare_app, seed

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.sql_count import counting_queries

ROOT = Path(__file__).resolve().parents[1]
BUDGETS = {20: 8.0, 100: 15.0}
TRIVIAL_BUDGET_MS = 0.15

LIBRARY = """
query Library($first: Int) {
  assets(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id filename contentType byteSize width height visibility status folder tags createdAt
        thumbnail: variantUrl(width: 400, height: 400)
        hasLocationData viewCount downloadCount moderationNote
        owner { id name }
      }
    }
  }
}
"""
TRIVIAL = "{ __typename }"


# --- Direct ASGI calls ---------------------------------------------------------------------


async def call(
    app: ASGIApp, method: str, path: str, *, query: str = "", body: bytes = b"", cookie: str = ""
) -> tuple[int, bytes]:
    headers = [(b"host", b"bench"), (b"user-agent", b"bench")]
    if body:
        headers += [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 5000),
        "server": ("bench", 80),
        "state": {},
    }
    sent = False
    status = 0
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)  # type: ignore[arg-type]
    return status, b"".join(chunks)


Request_ = Callable[[], Awaitable[tuple[int, bytes]]]


MIDDLEWARE = "middleware alone"


def requests(
    app: ASGIApp, bare: ASGIApp, no_middleware: ASGIApp, cookie: str
) -> dict[str, tuple[Request_, Request_]]:
    """Each case: the GraphQL request and its bare twin (the last case: the bare trivial
    endpoint, and the same without the middleware)."""

    def graphql(query: str, variables: dict[str, Any], with_cookie: bool) -> Request_:
        body = orjson.dumps({"query": query, "variables": variables})
        return lambda: call(
            app, "POST", "/graphql", body=body, cookie=cookie if with_cookie else ""
        )

    def plain(path: str, query: str = "", with_cookie: bool = True) -> Request_:
        return lambda: call(bare, "GET", path, query=query, cookie=cookie if with_cookie else "")

    return {
        "assets(first: 20)": (graphql(LIBRARY, {"first": 20}, True), plain("/assets", "first=20")),
        "assets(first: 100)": (
            graphql(LIBRARY, {"first": 100}, True),
            plain("/assets", "first=100"),
        ),
        TRIVIAL: (graphql(TRIVIAL, {}, False), plain("/trivial", with_cookie=False)),
        MIDDLEWARE: (
            plain("/trivial", with_cookie=False),
            lambda: call(no_middleware, "GET", "/trivial"),
        ),
    }


async def check_same(graphql: Request_, bare: Request_) -> tuple[int, int]:
    """Both answer 200 with equal JSON; the SQL statements each ran (once warm: the first
    authenticated request of a session records continued use of the policies)."""
    await graphql()
    await bare()
    with counting_queries() as graph_sql:
        status, body = await graphql()
    with counting_queries() as bare_sql:
        bare_status, bare_body = await bare()
    assert status == 200 and bare_status == 200, (status, body[:300], bare_status)
    answer, expected = orjson.loads(body), orjson.loads(bare_body)
    assert "errors" not in answer, answer["errors"]
    assert answer == expected, "the bare endpoint must answer what the graph answers"
    return len(graph_sql), len(bare_sql)


async def timed(request: Request_, count: int) -> tuple[float, float]:
    """Seconds of wall clock and of CPU per request over ``count`` requests."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        await request()
    return (time.perf_counter() - wall) / count, (time.process_time() - cpu) / count


async def measure(
    cases: dict[str, tuple[Request_, Request_]], rounds: int, seconds: float
) -> dict[str, dict[str, list[float]]]:
    results: dict[str, dict[str, list[float]]] = {}
    for name, (graphql, bare) in cases.items():
        # Requests per round so that each round of the pair takes about ``seconds``.
        per_request, _ = await timed(graphql, 5)
        count = max(5, int(seconds / 2 / per_request))
        await timed(bare, count)  # warm
        figures: dict[str, list[float]] = {k: [] for k in ("gw", "gc", "bw", "bc")}
        for r in range(rounds):
            order = [("g", graphql), ("b", bare)]
            for side, request in order if r % 2 else reversed(order):
                wall, cpu = await timed(request, count)
                figures[side + "w"].append(wall)
                figures[side + "c"].append(cpu)
        results[name] = figures
    return results


async def profile(cases: dict[str, tuple[Request_, Request_]], seconds: float) -> None:
    from pyinstrument import Profiler

    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    for name, (graphql, _) in cases.items():
        profiler = Profiler(interval=0.0002, async_mode="disabled")
        deadline = time.perf_counter() + seconds
        with profiler:
            while time.perf_counter() < deadline:
                await graphql()
        slug = "".join(c if c.isalnum() else "_" for c in name).strip("_")
        (out / f"profile_{slug}.txt").write_text(
            profiler.output_text(unicode=True, color=False, show_all=False)
        )
        (out / f"profile_{slug}.flat.txt").write_text(
            profiler.output_text(unicode=True, color=False, flat=True)
        )
        (out / f"profile_{slug}.html").write_text(profiler.output_html())
        print(f"profile of {name}: bench/out/profile_{slug}.txt (.html)")


# --- Main ----------------------------------------------------------------------------------


async def create_database(admin_url: str) -> tuple[str, str]:
    name = f"pixvault_bench_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(admin_url.replace("postgres://", "postgresql://", 1))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return name, f"{admin_url.rsplit('/', 1)[0]}/{name}"


async def drop_database(admin_url: str, name: str) -> None:
    conn = await asyncpg.connect(admin_url.replace("postgres://", "postgresql://", 1))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def report(results: dict[str, dict[str, list[float]]], sql: dict[str, tuple[int, int]]) -> bool:
    ok = True
    print(
        f"{'case':<20} {'graphql req/s':>14} {'bare req/s':>11} {'ratio':>8} {'budget':>7}"
        f" {'graphql CPU':>12} {'bare CPU':>10} {'SQL g/b':>8}"
    )
    notes = []
    for name, f in results.items():
        ratio = statistics.median([g / b for g, b in zip(f["gw"], f["bw"], strict=True)])
        g_rate, b_rate = 1 / statistics.median(f["gw"]), 1 / statistics.median(f["bw"])
        g_cpu, b_cpu = statistics.median(f["gc"]) * 1e3, statistics.median(f["bc"]) * 1e3
        extra = statistics.median([g - b for g, b in zip(f["gc"], f["bc"], strict=True)]) * 1e3
        budget = ""
        for size, allowed in BUDGETS.items():
            if f"first: {size})" in name:
                budget = f"1/{allowed:g}"
                ok = ok and ratio <= allowed
        if name == TRIVIAL:
            budget = f"{TRIVIAL_BUDGET_MS} ms"
            ok = ok and extra < TRIVIAL_BUDGET_MS
            notes.append(
                f"trivial query: {g_cpu:.3f} ms of CPU per request through the whole app, "
                f"{extra:.3f} ms more than the bare endpoint (budget {TRIVIAL_BUDGET_MS} ms)"
            )
        if name == MIDDLEWARE:
            notes.append(
                f"the middleware (request id, headers, JSON log line) costs both sides "
                f"{extra:.3f} ms of CPU per request"
            )
            print(f"{name:<20} {'':>14} {'':>11} {'':>8} {'':>7} {g_cpu:>9.3f} ms {b_cpu:>7.3f} ms")
            continue
        count = f"{sql[name][0]}/{sql[name][1]}"
        print(
            f"{name:<20} {g_rate:>14.0f} {b_rate:>11.0f} {'1/' + format(ratio, '.2f'):>8}"
            f" {budget:>7} {g_cpu:>9.3f} ms {b_cpu:>7.3f} ms {count:>8}"
        )
    for note in notes:
        print(note)
    same = sql["assets(first: 20)"][0] == sql["assets(first: 100)"][0]
    print(f"SQL statements per library request the same for 20 and 100 assets: {same}")
    return ok and same


def quiet_logging() -> None:
    """Logging as `pixvault serve` sets it up, the per-request line included (formatting and
    writing it is part of serving), written to /dev/null."""
    configure_logging("INFO")
    devnull = open(os.devnull, "w")  # noqa: SIM115
    for handler in logging.getLogger().handlers:
        assert isinstance(handler, logging.StreamHandler)
        handler.setStream(devnull)


async def main(args: argparse.Namespace) -> int:
    quiet_logging()
    pg_name = None
    with tempfile.TemporaryDirectory() as tmp:
        overrides: dict[str, Any] = {"data_dir": Path(tmp), "graphql_introspection": False}
        if args.database_url:
            pg_name, overrides["database_url"] = await create_database(args.database_url)
        settings = Settings(**overrides).prepare()
        try:
            await db.connect(settings)
            await db.migrate(settings)
            app = create_app(settings, manage_database=False)
            runtime: Runtime = app.state.runtime
            _, token = await seed(runtime)
            cookie = f"{cookie_name(settings)}={token}"
            cases = requests(app, bare_app(runtime), bare_app(runtime, False), cookie)
            sql = {
                name: await check_same(g, b) for name, (g, b) in cases.items() if name != MIDDLEWARE
            }
            if args.profile:
                await profile(cases, args.seconds * 4)
                return 0
            results = await measure(cases, args.rounds, args.seconds)
            print(
                f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
                f"{'PostgreSQL' if args.database_url else 'SQLite'}, in-process ASGI calls, "
                f"{args.rounds} rounds; load average {os.getloadavg()[0]:.1f} at the end"
            )
            ok = report(results, sql)
            print("budget met" if ok else "BUDGET MISSED")
            return 0 if ok else 1
        finally:
            await runtime.close()
            await db.disconnect()
            if pg_name is not None:
                await drop_database(args.database_url, pg_name)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--seconds", type=float, default=1.0, help="per round of each pair")
    parser.add_argument("--database-url", help="a PostgreSQL server to create a database on")
    parser.add_argument("--profile", action="store_true", help="profile instead of measuring")
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args)))
