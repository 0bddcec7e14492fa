"""What each operation of the load mix costs on its own (issue 18 point 4): CPU per request, and
PostgreSQL statements and Redis commands per request, for the capacity model in the README.

Run: ``.venv/bin/python bench/load/per_operation.py --database-url ... --redis-url ...``
The database server should load pg_stat_statements (``shared_preload_libraries``) so that
statements can be counted per database; without it that column says n/a. With
``--postgres-pid`` (the postmaster's) PostgreSQL's own CPU is counted too, which means little
unless nothing else uses that server; Redis' CPU comes from its INFO cpu. Redis commands are
counted from INFO commandstats, which is per Redis server, so give it a Redis server nothing
else uses during the run (a private ``redis-server --port ...`` is enough); its database is
FLUSHED before and after. A database pixvault_bench_<random> is created and dropped.

One `pixvault serve --workers 1` node and one `pixvault worker` on a fresh database; the
accounts are seeded with --photos of the load test's ~150 KB, 1024 x 768 JPEGs. Then each
operation runs alone, --count requests one after another (a fixed count, so the figures are
process CPU time per request, which other load on the machine disturbs far less than wall
time), and its cost is the difference of the node's and the job worker's CPU time, of
pg_stat_statements' calls in this database and of Redis' command counts, less what the same
processes spend idle in as long (measured first, --idle seconds), divided by the count.
Work a request leaves to the job worker (access exports) is waited for before the worker's CPU
is read.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import redis

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "bench" / "load")]

from load_photos import PHOTOS  # noqa: E402
from locustfile import CONSENTS, EXPORT, LIBRARY  # noqa: E402
from run import (  # noqa: E402
    LOG_IN,
    PASSWORD,
    UPLOAD,
    cpu_seconds,
    create_accounts,
    create_database,
    drop_database,
    export_statuses,
    machine,
    seed_photos,
)

from server import BIN, Process  # noqa: E402

VARIANT = "query($id: ID!, $w: Int!) { asset(id: $id) { variantUrl(width: $w, format: WEBP) } }"
_addresses = iter(range(1, 10**6))


def address() -> str:
    """A new client address per request where per-address limits would otherwise bite."""
    n = next(_addresses)
    return f"10.{n // 62500 % 250}.{n // 250 % 250}.{n % 250 + 1}"


class Customer:
    """One signed-in account's HTTP client."""

    def __init__(self, base: str, email: str) -> None:
        self.email = email
        self.client = httpx.Client(base_url=base, timeout=120, headers={"User-Agent": "bench"})
        self.log_in()

    def graphql(self, query: str, variables: dict[str, Any], field: str = "") -> Any:
        response = self.client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"X-Forwarded-For": address()},
        )
        body = response.json()
        assert response.status_code == 200 and not body.get("errors"), response.text[:300]
        if field:
            assert body["data"][field]["errors"] == [], body
        return body["data"]

    def log_in(self) -> None:
        self.graphql(LOG_IN, {"input": {"email": self.email, "password": PASSWORD}}, "logIn")

    def library(self) -> Any:
        return self.graphql(LIBRARY, {"first": 20})

    def upload(self) -> None:
        operations = {"query": UPLOAD, "variables": {"file": None}}
        response = self.client.post(
            "/graphql",
            data={"operations": json.dumps(operations), "map": '{"0": ["variables.file"]}'},
            files={"0": ("photo.jpg", random.choice(PHOTOS), "image/jpeg")},
            headers={"X-Requested-With": "bench", "X-Forwarded-For": address()},
        )
        assert response.json()["data"]["uploadAsset"]["errors"] == [], response.text[:300]

    def get(self, url: str) -> None:
        path = url.split("://", 1)[1].split("/", 1)[1]
        response = self.client.get("/" + path, headers={"X-Forwarded-For": address()})
        assert response.status_code == 200, response.text[:300]
        assert response.headers["content-type"].startswith("image/")


def operations(customer: Customer, count: int) -> dict[str, Callable[[], object]]:
    """Each operation as a step to repeat; URLs are signed before any counting starts."""
    asset_id = customer.library()["assets"]["edges"][0]["node"]["id"]
    widths = random.sample(range(100, 1000), count)
    cold = iter([customer.graphql(VARIANT, {"id": asset_id, "w": w})["asset"] for w in widths])
    cached = customer.graphql(VARIANT, {"id": asset_id, "w": 1001})["asset"]["variantUrl"]
    customer.get(cached)  # made once, then served from storage
    decisions = [{"purpose": "ANALYTICS", "granted": True}]
    export = {"input": {"kind": "ACCESS", "password": PASSWORD}}
    return {
        "sign in (logIn)": customer.log_in,
        "library page (assets first: 20)": customer.library,
        "upload (~150 KB JPEG)": customer.upload,
        "cold rendition (new width, WebP)": lambda: customer.get(next(cold)["variantUrl"]),
        "cached rendition (GET /i/…)": lambda: customer.get(cached),
        "change consents (setConsents)": lambda: customer.graphql(
            CONSENTS, {"decisions": decisions}, "setConsents"
        ),
        "access export (request + job)": lambda: customer.graphql(
            EXPORT, export, "submitDataSubjectRequest"
        ),
    }


class Counters:
    """Snapshots of everything counted per operation."""

    def __init__(
        self,
        processes: tuple[int, int, int | None],
        admin_url: str,
        database: str,
        store: redis.Redis,
    ):
        self.node, self.worker, self.postgres = processes
        self.admin_url, self.store, self.database = admin_url, store, database

    def read(self) -> dict[str, float | None]:
        stats = self.store.info("commandstats")
        redis_cpu = self.store.info("cpu")
        return {
            "node_cpu": cpu_seconds(self.node),
            "worker_cpu": cpu_seconds(self.worker),
            # The postmaster's children: the backends serving the app's pooled connections.
            "postgres_cpu": None if self.postgres is None else cpu_seconds(self.postgres),
            "statements": asyncio.run(self.statements()),
            "redis": float(sum(int(v["calls"]) for v in stats.values())),
            "redis_cpu": float(redis_cpu["used_cpu_user"]) + float(redis_cpu["used_cpu_sys"]),
        }

    async def statements(self) -> float | None:
        # From the admin database (where the extension is), so the count has no reads of its own.
        conn = await asyncpg.connect(self.admin_url.replace("postgres://", "postgresql://", 1))
        try:
            return float(
                await conn.fetchval(
                    "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s "
                    "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1",
                    self.database,
                )
            )
        except asyncpg.PostgresError:
            return None
        finally:
            await conn.close()


def exports_pending(database_url: str) -> int:
    statuses = asyncio.run(export_statuses(database_url))
    return sum(n for s, n in statuses.items() if s.upper() not in ("COMPLETED", "REJECTED"))


def idle_rates(counters: Counters, seconds: float) -> dict[str, float]:
    """What the node and the job worker spend per second doing nothing asked of them (the
    worker polls Redis, ...): subtracted from every operation's window. Measured once the
    jobs of the seeding are done (the worker's CPU time stops growing)."""
    deadline, last = time.monotonic() + 120, counters.read()
    while time.monotonic() < deadline:
        time.sleep(1)
        now = counters.read()
        if (now["worker_cpu"] or 0.0) - (last["worker_cpu"] or 0.0) < 0.02:
            break
        last = now
    before = counters.read()
    time.sleep(seconds)
    after = counters.read()
    return {k: ((after[k] or 0.0) - (before[k] or 0.0)) / seconds for k in before}


def measure(
    name: str,
    step: Callable[[], object],
    count: int,
    counters: Counters,
    database_url: str,
    idle: dict[str, float],
) -> dict[str, Any]:
    before = counters.read()
    started = time.perf_counter()
    for _ in range(count):
        step()
    wall = time.perf_counter() - started
    polls, deadline = 0, time.monotonic() + 120
    while time.monotonic() < deadline:
        polls += 1  # each poll is one statement in the database
        if not exports_pending(database_url):
            break
        time.sleep(0.2)  # the job worker's share of an export is part of its cost
    after = counters.read()
    window = time.perf_counter() - started
    row: dict[str, Any] = {"operation": name, "count": count, "wall_ms": 1000 * wall / count}
    for key in before:
        b, a = before[key], after[key]
        spent = None if a is None or b is None else a - b - idle[key] * window
        row[key] = None if spent is None else max(spent, 0.0) / count
    if row["statements"] is not None:
        row["statements"] -= polls / count
    return row


def main(args: argparse.Namespace) -> int:
    store = redis.Redis.from_url(args.redis_url)
    store.flushdb()
    db_name, database_url = asyncio.run(create_database(args.database_url))
    load_before = os.getloadavg()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                "PIXVAULT_DATA_DIR": tmp,
                "PIXVAULT_DATABASE_URL": database_url,
                "PIXVAULT_REDIS_URL": args.redis_url,
                "PIXVAULT_SECRET_KEY": secrets.token_urlsafe(48),
                "PIXVAULT_TRUSTED_PROXIES": "127.0.0.1",
                "PIXVAULT_LOG_LEVEL": "WARNING",
            }
            full_env = {**os.environ, **env}
            subprocess.run([str(BIN / "pixvault"), "migrate"], env=full_env, check=True, cwd=ROOT)
            emails = asyncio.run(create_accounts(env, args.accounts))
            command = [str(BIN / "pixvault"), "serve", "--port", "{port}", "--workers", "1"]
            with (
                Process(command, env, "/readyz") as node,
                subprocess.Popen(
                    [str(BIN / "pixvault"), "worker"],
                    env=full_env,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                ) as worker,
            ):
                try:
                    seed_photos(node.base, emails, args.photos)
                    counters = Counters(
                        (node.pid, worker.pid, args.postgres_pid), args.database_url, db_name, store
                    )
                    customers = [Customer(node.base, email) for email in emails]
                    idle = idle_rates(counters, args.idle)
                    rows = []
                    for name, step in operations(customers[0], args.count).items():
                        # Exports are per account too: spread them over the accounts.
                        if name.startswith("access export"):
                            step = _round_robin(customers, args.count)
                        rows.append(measure(name, step, args.count, counters, database_url, idle))
                        print(f"  {name}: done", flush=True)
                finally:
                    worker.terminate()
    finally:
        asyncio.run(drop_database(args.database_url, db_name))
        store.flushdb()
    report(rows, idle, load_before)
    return 0


def _round_robin(customers: list[Customer], count: int) -> Callable[[], None]:
    export = {"input": {"kind": "ACCESS", "password": PASSWORD}}
    turn = iter(range(count * len(customers)))

    def step() -> None:
        customer = customers[next(turn) % len(customers)]
        customer.graphql(EXPORT, export, "submitDataSubjectRequest")

    return step


def report(rows: list[dict[str, Any]], idle: dict[str, float], load: tuple[float, ...]) -> None:
    print()
    print(f"machine: {machine()}")
    print("idle, per second (subtracted): " + ", ".join(f"{k} {v:.3f}" for k, v in idle.items()))
    print(
        f"load average: {load[0]:.1f} before, {os.getloadavg()[0]:.1f} after "
        "(other work on the machine counts in it, wall times more than CPU times)"
    )
    print(
        f"{'operation':<34} {'n':>4} {'node ms':>7} {'worker ms':>9} {'req/s/core':>10} "
        f"{'SQL stmts':>9} {'PG ms':>6} {'Redis cmds':>10} {'Redis ms':>8} {'wall ms':>7}"
    )
    for row in rows:
        cpu = row["node_cpu"] * 1000
        worker = row["worker_cpu"] * 1000
        statements = "n/a" if row["statements"] is None else f"{row['statements']:.1f}"
        postgres = "n/a" if row["postgres_cpu"] is None else f"{row['postgres_cpu'] * 1000:.2f}"
        print(
            f"{row['operation'][:34]:<34} {row['count']:>4} {cpu:>7.1f} {worker:>9.1f} "
            f"{1000 / max(cpu + worker, 0.1):>10.0f} {statements:>9} {postgres:>6} "
            f"{row['redis']:>10.1f} {row['redis_cpu'] * 1000:>8.3f} {row['wall_ms']:>7.1f}"
        )
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    (ROOT / "bench" / "out" / "per_operation.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=60, help="requests per operation")
    parser.add_argument("--accounts", type=int, default=4)
    parser.add_argument(
        "--postgres-pid", type=int, help="the postmaster's pid, to count PostgreSQL's CPU too"
    )
    parser.add_argument("--idle", type=float, default=10, help="seconds to measure idle costs")
    parser.add_argument("--photos", type=int, default=24, help="images per seeded account")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/5")
    sys.exit(main(parser.parse_args()))
