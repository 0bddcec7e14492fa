"""Log-ins per second at OWASP's argon2id parameters, and what a log-in burst costs others.

Starts `pixvault serve` (one worker per core) on a fresh SQLite data dir, creates users, then:
1. idle: the latency of a cheap query (`{ __typename }`) on an idle server;
2. burst: concurrent log-ins for a fixed time while the same cheap query is timed alongside.
Prints log-ins per second against the baseline of bare argon2id verifications per second on
every core in the same run, and the cheap query's p50/p95 idle and during the burst.

`--two-factor`: every user has two-factor log-in on, and each log-in is the password step
followed by completeLogIn with a fresh code (a code is accepted once, so a user logging in
again within the same 30 seconds answers with the next step's code, then a recovery code).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import httpx
from argon2 import PasswordHasher as Argon2Hasher
from argon2 import Type

from pixvault.accounts import totp
from pixvault.accounts.passwords import MEMORY_COST_KIB, PARALLELISM, TIME_COST

PASSWORD = "a long and unusual passphrase"
USERS = 40
BURST_SECONDS = 10.0
CONCURRENCY = 16
WORKERS = os.cpu_count() or 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PIXVAULT_DATA_DIR": str(data_dir), "PIXVAULT_LOG_LEVEL": "WARNING"}
    pixvault = [sys.executable, "-m", "pixvault"]
    subprocess.run([*pixvault, "migrate"], env=env, check=True, capture_output=True)
    for i in range(USERS):
        subprocess.run(
            [
                *pixvault,
                "create-user",
                "--email",
                f"bench{i}@example.com",
                "--name",
                "Bench",
                "--password-stdin",
            ],
            env=env,
            input=f"{PASSWORD}\n".encode(),
            check=True,
            capture_output=True,
        )
    return subprocess.Popen(
        [*pixvault, "serve", "--port", str(port), "--workers", str(WORKERS)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def wait_ready(base: str) -> None:
    async with httpx.AsyncClient() as c:
        for _ in range(150):
            try:
                if (await c.get(f"{base}/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("server did not start")


async def cheap_queries(base: str, stop: asyncio.Event, samples: list[float]) -> None:
    async with httpx.AsyncClient(base_url=base) as c:
        while not stop.is_set():
            started = time.perf_counter()
            response = await c.post("/graphql", json={"query": "{ __typename }"})
            response.raise_for_status()
            samples.append(time.perf_counter() - started)
            await asyncio.sleep(0.02)


LOG_IN = "mutation($i: LogInInput!) { logIn(input: $i) { errors { code } twoFactorChallenge } }"
COMPLETE = (
    "mutation($ch: String!, $c: String!) { completeLogIn(challenge: $ch, code: $c) "
    "{ errors { code } } }"
)


class Phone:
    """A user's authenticator app and recovery codes: never the same code twice.

    Recovery codes run out at this pace, so once few are left the worker that just logged the
    user in asks for ten new ones, when no log-in of that user is using an old one.
    """

    def __init__(self, seed: str, recovery_codes: list[str], last_step: int) -> None:
        self.seed, self.recovery_codes, self.last_step = seed, recovery_codes, last_step
        self.refilling = False
        self.in_flight = 0

    def next_code(self) -> str | None:
        """The next unused code, or None when this user has none left for now."""
        step = max(totp.current_step(), self.last_step + 1)
        if step <= totp.current_step() + totp.TOLERANCE:
            self.last_step = step
            return totp.code_at(self.seed, step)
        if self.refilling or not self.recovery_codes:
            return None
        self.in_flight += 1
        return self.recovery_codes.pop()

    async def refill(self, c: httpx.AsyncClient) -> None:
        """Ten new recovery codes (c is signed in as this user)."""
        if self.refilling or self.in_flight or len(self.recovery_codes) > 4:
            return
        self.refilling = True
        query = "mutation($c: String!) { regenerateRecoveryCodes(code: $c) { recoveryCodes } }"
        response = await c.post(
            "/graphql", json={"query": query, "variables": {"c": self.recovery_codes.pop()}}
        )
        self.recovery_codes = response.json()["data"]["regenerateRecoveryCodes"]["recoveryCodes"]
        self.refilling = False


PHONES: dict[int, Phone] = {}


async def set_up_second_factors(base: str) -> None:
    """Turn two-factor log-in on for every bench user, over HTTP as the web app does."""
    for i in range(USERS):
        async with httpx.AsyncClient(base_url=base, timeout=30) as c:
            login = {"email": f"bench{i}@example.com", "password": PASSWORD}
            await c.post("/graphql", json={"query": LOG_IN, "variables": {"i": login}})
            begin = await c.post(
                "/graphql", json={"query": "mutation { beginTwoFactorSetup { secret } }"}
            )
            seed = begin.json()["data"]["beginTwoFactorSetup"]["secret"]
            step = totp.current_step()
            enable = await c.post(
                "/graphql",
                json={
                    "query": "mutation($c: String!) { enableTwoFactor(code: $c) "
                    "{ recoveryCodes errors { code } } }",
                    "variables": {"c": totp.code_at(seed, step)},
                },
            )
            payload = enable.json()["data"]["enableTwoFactor"]
            assert payload["errors"] == [], enable.text
            PHONES[i] = Phone(seed, payload["recoveryCodes"], step)


async def log_ins(base: str, stop: asyncio.Event, worker: int, done: list[int]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as c:
        i = worker
        while not stop.is_set():
            user = i % USERS
            i += CONCURRENCY
            phone = PHONES.get(user)
            in_flight = phone.in_flight if phone else 0
            code = phone.next_code() if phone else None
            recovery = phone is not None and phone.in_flight > in_flight
            if phone and code is None:
                await asyncio.sleep(0.01)  # this user has no unused code until the next step
                continue
            login = {"email": f"bench{user}@example.com", "password": PASSWORD}
            response = await c.post("/graphql", json={"query": LOG_IN, "variables": {"i": login}})
            payload = response.json()["data"]["logIn"]
            if phone:
                variables = {"ch": payload["twoFactorChallenge"], "c": code}
                body = {"query": COMPLETE, "variables": variables}
                response = await c.post("/graphql", json=body)
                payload = response.json()["data"]["completeLogIn"]
            if recovery and phone:
                phone.in_flight -= 1
            assert payload["errors"] == [], response.text
            done.append(1)
            if phone:
                await phone.refill(c)


def _verify_for(seconds: float) -> int:
    hasher = Argon2Hasher(
        time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM, type=Type.ID
    )
    stored = hasher.hash(PASSWORD)
    count, deadline = 0, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        hasher.verify(stored, PASSWORD)
        count += 1
    return count


def bare_verifies_per_second(seconds: float = 5.0) -> float:
    """The baseline: argon2id verifications per second on every core, nothing else running."""
    with ProcessPoolExecutor(WORKERS) as pool:
        counts = list(pool.map(_verify_for, [seconds] * WORKERS))
    return sum(counts) / seconds


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def measure(base: str, two_factor: bool) -> None:
    await wait_ready(base)
    if two_factor:
        await set_up_second_factors(base)
    idle: list[float] = []
    stop = asyncio.Event()
    task = asyncio.create_task(cheap_queries(base, stop, idle))
    await asyncio.sleep(3)
    stop.set()
    await task

    during: list[float] = []
    done: list[int] = []
    stop = asyncio.Event()
    tasks = [asyncio.create_task(log_ins(base, stop, w, done)) for w in range(CONCURRENCY)]
    tasks.append(asyncio.create_task(cheap_queries(base, stop, during)))
    started = time.perf_counter()
    await asyncio.sleep(BURST_SECONDS)
    stop.set()
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - started

    print(f"machine: {os.cpu_count()} cores; server: {WORKERS} uvicorn workers")
    print(f"argon2id: m={MEMORY_COST_KIB} KiB, t={TIME_COST}, p={PARALLELISM}")
    if two_factor:
        print("two-factor log-in on: each log-in is logIn + completeLogIn with a TOTP code")
    rate = len(done) / elapsed
    print(
        f"log-ins per second: {rate:.1f} ({len(done)} in {elapsed:.1f} s, "
        f"{CONCURRENCY} concurrent clients on the same machine)"
    )
    print(
        f"bare argon2id verifications per second on {WORKERS} cores: {BASELINE[0]:.1f} "
        f"(log-ins reach {rate / BASELINE[0]:.2f}x of that ceiling)"
    )
    print(f"cheap query idle:   p50 {pct(idle, 0.5):.1f} ms, p95 {pct(idle, 0.95):.1f} ms")
    print(
        f"cheap query burst:  p50 {pct(during, 0.5):.1f} ms, p95 {pct(during, 0.95):.1f} ms "
        f"(p50 ratio {statistics.median(during) / statistics.median(idle):.1f}x)"
    )


BASELINE: list[float] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--two-factor", action="store_true", help="log in with a second factor")
    args = parser.parse_args()
    BASELINE.append(bare_verifies_per_second())
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        server = start_server(Path(tmp), port)
        try:
            asyncio.run(measure(f"http://127.0.0.1:{port}", args.two_factor))
        finally:
            server.terminate()
            server.wait(timeout=15)


if __name__ == "__main__":
    main()
