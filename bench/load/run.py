"""The load test (issue 10 part 4): a realistic mix against PostgreSQL, Redis, several uvicorn
workers and the job worker, all started here on a fresh database.

Run: ``.venv/bin/python bench/load/run.py --users 20 --duration 60``
(``--database-url`` and ``--redis-url`` name the servers to use: a database
pixvault_bench_<random> is created there and dropped afterwards, and the Redis database is
FLUSHED before and after, so give one nothing else uses.)

Steps: create the database, `pixvault migrate`, create --accounts accounts (directly, as
`pixvault create-user` does), start `pixvault serve --workers N` and `pixvault worker`, give
each account --photos uploaded images through the graph, then run locust headless with the
scenario in locustfile.py and print throughput, p50/p95/p99 latency and failures per operation
and overall, the CPU time each part used, and the machine.

Rate limits stay on. The server trusts 127.0.0.1 as a proxy (PIXVAULT_TRUSTED_PROXIES) and each
simulated user sends its own X-Forwarded-For address, so per-address limits (such as 10 access
requests an hour) apply to each simulated person rather than to the load generator as a whole.
Failed log-ins are what the log-in limits count, and the scenario has none.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import platform
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import psutil
import redis

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "bench" / "load")]

from server import BIN, Process  # noqa: E402

PASSWORD = "a long and unusual passphrase"
LOG_IN = """
mutation LogIn($input: LogInInput!) { logIn(input: $input) { errors { code } } }
"""
UPLOAD = """
mutation Upload($file: Upload!) { uploadAsset(file: $file) { asset { id } errors { code } } }
"""


def machine() -> str:
    memory = psutil.virtual_memory().total / 2**30
    return (
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"{memory:.1f} GiB RAM, Linux {platform.release()}, Python {platform.python_version()}"
    )


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


async def create_accounts(env: dict[str, str], count: int) -> list[str]:
    """Accounts made directly (as `pixvault create-user` does), so sign-up throttles do not
    shape the test."""
    from pixvault import db
    from pixvault.accounts.passwords import PasswordHasher
    from pixvault.accounts.registration import create_user
    from pixvault.core.settings import Settings

    settings = Settings(
        data_dir=Path(env["PIXVAULT_DATA_DIR"]),
        database_url=env["PIXVAULT_DATABASE_URL"],
        secret_key=env["PIXVAULT_SECRET_KEY"],
    )
    hasher = PasswordHasher()
    await db.connect(settings)
    try:
        emails = [f"load{i}@example.com" for i in range(count)]
        for email in emails:
            await create_user(hasher, email=email, name="Load Tester", password=PASSWORD)
        return emails
    finally:
        await db.disconnect()


def seed_photos(base: str, emails: list[str], photos: int) -> None:
    """Each account uploads ``photos`` images, so its library has pages to browse."""
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda pair: _seed_one(base, *pair, photos), enumerate(emails)))


def _seed_one(base: str, number: int, email: str, photos: int) -> None:
    from load_photos import PHOTOS

    address = f"10.200.{number // 250}.{number % 250 + 1}"
    with httpx.Client(base_url=base, headers={"X-Forwarded-For": address}) as client:
        variables = {"input": {"email": email, "password": PASSWORD}}
        answer = client.post("/graphql", json={"query": LOG_IN, "variables": variables}).json()
        assert answer["data"]["logIn"]["errors"] == [], answer
        for i in range(photos):
            operations = {"query": UPLOAD, "variables": {"file": None}}
            response = client.post(
                "/graphql",
                data={
                    "operations": json.dumps(operations),
                    "map": json.dumps({"0": ["variables.file"]}),
                },
                files={"0": (f"seed{i}.jpg", PHOTOS[i % len(PHOTOS)], "image/jpeg")},
                headers={"X-Requested-With": "seed"},
                timeout=60,
            )
            answer = response.json()
            assert answer["data"]["uploadAsset"]["errors"] == [], answer


async def export_statuses(url: str) -> dict[str, int]:
    """Access requests by status: did the job worker keep up with the exports asked for?"""
    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        rows = await conn.fetch(
            "SELECT status, count(*) AS n FROM data_subject_requests GROUP BY status"
        )
        return {str(row["status"]): int(row["n"]) for row in rows}
    finally:
        await conn.close()


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (uvicorn's workers), so far."""
    try:
        parent = psutil.Process(pid)
        total = 0.0
        for process in [parent, *parent.children(recursive=True)]:
            times = process.cpu_times()
            total += times.user + times.system
        return total
    except psutil.NoSuchProcess:
        return 0.0


def sample_load(seconds: float) -> list[float]:
    """The one-minute load average every two seconds for ``seconds``."""
    samples = [os.getloadavg()[0]]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(2)
        samples.append(os.getloadavg()[0])
    return samples


def run_locust(
    base: str, args: argparse.Namespace, emails: list[str], out: Path, users: int
) -> float:
    """Run locust headless with ``users`` simulated users; returns its CPU seconds."""
    env = {
        **os.environ,
        "BENCH_USERS": json.dumps(emails),
        "BENCH_PASSWORD": PASSWORD,
        "BENCH_WAIT_MIN": str(args.wait_min),
        "BENCH_WAIT_MAX": str(args.wait_max),
    }
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "load" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.duration}s",
        "--host",
        base,
        "--csv",
        str(out / "load"),
        "--only-summary",
        "--stop-timeout",
        "30",
        "--loglevel",
        "WARNING",
    ]
    with (out / "locust.log").open("wb") as log:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)
        locust = psutil.Process(process.pid)
        cpu = 0.0
        while process.poll() is None:
            try:
                times = locust.cpu_times()
                cpu = times.user + times.system
            except psutil.NoSuchProcess:
                break
            time.sleep(0.5)
    return cpu


def report(outs: list[Path], args: argparse.Namespace, cpu: dict[str, float]) -> int:
    rows, failures = [], []
    for index, out in enumerate(outs):
        with (out / "load_stats.csv").open() as f:
            found = list(csv.DictReader(f))
        if len(outs) > 1:
            for row in found:
                row["Name"] = f"node {index}: {row['Name']}"
        rows += found
        with (out / "load_failures.csv").open() as f:
            failures += list(csv.DictReader(f))
    print()
    print(f"machine: {machine()}")
    print(
        f"setup: PostgreSQL {args.pg_version}, Redis, {args.nodes} x "
        f"`pixvault serve --workers {args.workers}`, "
        f"`pixvault worker`, locust ({args.users} users, {args.wait_min}-{args.wait_max} s "
        f"between actions, {args.duration} s) on the same machine"
    )
    low, high = min(args.load_during), max(args.load_during)
    print(
        f"load average: {args.load_before:.1f} before, {low:.1f}-{high:.1f} during, "
        f"{os.getloadavg()[0]:.1f} after (other work on the machine counts in it)"
    )
    print(
        f"{'operation':<52} {'requests':>8} {'fails':>6} {'req/s':>7} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
    )
    errors = 0
    for row in rows:
        name = row["Name"].replace("Aggregated", "ALL (overall)")
        errors += int(row["Failure Count"]) if row["Name"].endswith("Aggregated") else 0
        print(
            f"{name[:52]:<52} {row['Request Count']:>8} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>7} {row['95%']:>7} {row['99%']:>7}"
        )
    for failure in failures:
        print(f"FAILED {failure['Occurrences']}x {failure['Name']}: {failure['Error'][:200]}")
    wall = args.duration
    print(
        "CPU seconds used during the run: "
        + ", ".join(f"{k} {v:.1f} ({v / wall:.0%} of a core)" for k, v in cpu.items())
    )
    overall = [r for r in rows if r["Name"].endswith("Aggregated")]
    total = sum(float(r["Requests/s"]) for r in overall)
    p95 = max(float(r["95%"]) for r in overall)
    print(f"TOTAL over {len(outs)} node(s): {total:.1f} req/s, p95 {p95:.0f} ms (the worst node's)")
    requests = sum(int(r["Request Count"]) for r in overall)
    print(f"server CPU per request: {1000 * cpu['server'] / max(requests, 1):.1f} ms")
    print(f"errors: {errors}")
    return 1 if errors else 0


def main(args: argparse.Namespace) -> int:
    args.load_before = os.getloadavg()[0]
    out = ROOT / "bench" / "out" / "load"
    out.mkdir(parents=True, exist_ok=True)
    store = redis.Redis.from_url(args.redis_url)
    store.flushdb()
    db_name, database_url = asyncio.run(create_database(args.database_url))
    worker: subprocess.Popen[bytes] | None = None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                "PIXVAULT_DATA_DIR": tmp,
                "PIXVAULT_DATABASE_URL": database_url,
                "PIXVAULT_REDIS_URL": args.redis_url,
                "PIXVAULT_SECRET_KEY": secrets.token_urlsafe(48),
                "PIXVAULT_TRUSTED_PROXIES": "127.0.0.1",
                "PIXVAULT_LOG_LEVEL": "INFO",
            }
            full_env = {**os.environ, **env}
            subprocess.run([str(BIN / "pixvault"), "migrate"], env=full_env, check=True, cwd=ROOT)
            args.pg_version = asyncio.run(server_version(database_url))
            emails = asyncio.run(create_accounts(env, args.accounts))
            command = [
                str(BIN / "pixvault"),
                *("serve", "--port", "{port}", "--workers", str(args.workers)),
            ]
            with ExitStack() as nodes:
                # Nodes on one machine share its data directory here (local storage); the
                # cluster tests (tests/cluster) show nodes sharing only PostgreSQL, Redis and S3.
                servers = [
                    nodes.enter_context(Process(command, env, "/readyz")) for _ in range(args.nodes)
                ]
                worker = subprocess.Popen(
                    [str(BIN / "pixvault"), "worker"],
                    env=full_env,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
                print(f"seeding {len(emails)} accounts with {args.photos} photos each ...")
                seed_photos(servers[0].base, emails, args.photos)
                serve_cpu = [cpu_seconds(s.pid) for s in servers]
                worker_cpu = cpu_seconds(worker.pid)
                bases = [s.base for s in servers]
                print(f"load: {args.users} users for {args.duration} s against {bases}")
                # The simulated users are split over the nodes, as a load balancer would.
                outs = [out / f"node{i}" for i in range(args.nodes)]
                for node_out in outs:
                    node_out.mkdir(parents=True, exist_ok=True)
                shares = [
                    args.users // args.nodes + (i < args.users % args.nodes)
                    for i in range(args.nodes)
                ]
                halves = [emails[i :: args.nodes] for i in range(args.nodes)]
                with ThreadPoolExecutor(args.nodes + 1) as pool:
                    # The machine's load average, sampled while the load runs.
                    sampler = pool.submit(sample_load, args.duration)
                    locust_cpu = sum(
                        pool.map(
                            lambda i: run_locust(bases[i], args, halves[i], outs[i], shares[i]),
                            range(args.nodes),
                        )
                    )
                    args.load_during = sampler.result()
                cpu = {
                    "server": sum(cpu_seconds(s.pid) for s in servers) - sum(serve_cpu),
                    "job worker": cpu_seconds(worker.pid) - worker_cpu,
                    "locust": locust_cpu,
                }
                time.sleep(args.settle)
                status = report(outs, args, cpu)
                print(
                    f"access requests by status {args.settle:.0f} s after the load: "
                    f"{asyncio.run(export_statuses(database_url))}"
                )
                if worker.poll() is not None:
                    print(f"the job worker exited with {worker.returncode}")
                    status = 1
            return status
    finally:
        if worker is not None and worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=30)
        asyncio.run(drop_database(args.database_url, db_name))
        store.flushdb()


async def server_version(url: str) -> str:
    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        version: Any = await conn.fetchval("SHOW server_version")
        return str(version).split()[0]
    finally:
        await conn.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20, help="simulated users at once")
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started a second")
    parser.add_argument("--accounts", type=int, default=20, help="seeded accounts")
    parser.add_argument("--photos", type=int, default=24, help="images per seeded account")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="per node")
    parser.add_argument("--nodes", type=int, default=1, help="`pixvault serve` nodes")
    parser.add_argument("--settle", type=float, default=10, help="seconds for jobs to finish")
    parser.add_argument("--wait-min", type=float, default=0.5)
    parser.add_argument("--wait-max", type=float, default=2.0)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    sys.exit(main(parser.parse_args()))
