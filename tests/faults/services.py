"""Real services for the fault tests, each private to the test run: a Redis server and a
PostgreSQL cluster (tests/faults/servers.py), `pixvault serve --workers 2` and `pixvault worker`
on top of them. Nothing here touches the machine's shared PostgreSQL or Redis.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.faults.servers import PostgresServer, RedisServer, postgres_bin
from tests.faults.waiting import START_TIMEOUT, eventually, tail
from tests.live import free_port

PIXVAULT = str(Path(sys.executable).with_name("pixvault"))
BINARIES = ("redis-server", "initdb", "pg_ctl", "postgres", "psql", "createdb")


def missing_binaries() -> list[str]:
    """What the fault tests need and this machine lacks."""
    missing = [name for name in ("redis-server", "redis-cli") if not shutil.which(name)]
    pg = postgres_bin()
    missing += [n for n in BINARIES[1:] if pg is None or not (pg / n).exists()]
    if os.geteuid() == 0:  # PostgreSQL runs as the postgres user
        if not shutil.which("runuser"):
            missing.append("runuser")
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            missing.append("a postgres user")
    return missing


_addresses = itertools.count(1)


@dataclass
class Process:
    """A pixvault command running in its own session (so its uvicorn workers stop with it)."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                self.command,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def pids(self) -> list[int]:
        """This process and its children (uvicorn's workers), from /proc."""
        found = [self.pid]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == self.pid:
                found.append(int(stat.parent.name))
        return found

    def open_files_under(self, directory: Path) -> list[str]:
        """Files under ``directory`` the processes hold open, deleted ones included (an
        unnamed temporary file takes disk space until it is closed)."""
        held = []
        for pid in self.pids():
            for fd in Path(f"/proc/{pid}/fd").glob("*"):
                try:
                    target = os.readlink(fd)
                except OSError:
                    continue
                if target.startswith(str(directory)):
                    held.append(target)
        return held

    def pause(self) -> None:
        """SIGSTOP: frozen, connections open, until resumed."""
        os.killpg(self.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.killpg(self.pid, signal.SIGCONT)

    def kill(self) -> None:
        """SIGKILL, no chance to clean up (the whole session: uvicorn's workers too)."""
        if self.alive():
            os.killpg(self.pid, signal.SIGKILL)
            assert self.process is not None
            self.process.wait(timeout=20)

    def stop(self) -> None:
        if not self.alive():
            return
        assert self.process is not None
        os.killpg(self.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.pid, signal.SIGKILL)
            self.process.wait(timeout=15)


@dataclass
class Stack:
    """PostgreSQL, Redis, two app workers behind one port, and the job worker."""

    directory: Path
    postgres: PostgresServer
    redis: RedisServer
    env: dict[str, str]
    port: int
    app: Process
    worker: Process
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def data_dir(self) -> Path:
        return Path(self.env["PIXVAULT_DATA_DIR"])

    def client(self, timeout: float = 10.0) -> httpx.Client:
        """An HTTP client with its own (trusted, forwarded) address, so that per-address
        limits of one test leave the others alone."""
        address = f"198.51.100.{next(_addresses) % 250 + 1}"
        return httpx.Client(
            base_url=self.base_url,
            timeout=timeout,
            headers={"X-Forwarded-For": address, "User-Agent": "pixvault-fault-tests"},
        )

    def ready(self) -> bool:
        try:
            return httpx.get(f"{self.base_url}/readyz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def pixvault(self, *args: str) -> str:
        done = subprocess.run(
            [PIXVAULT, *args], env=self.env, capture_output=True, timeout=120, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start_worker(self) -> None:
        self.worker.start()

    def logs(self) -> str:
        return (
            "\n".join(f"--- {p.name} ---\n{tail(p.log)}" for p in (self.app, self.worker))
            + f"\n--- postgres ---\n{tail(self.postgres.log, 15)}"
        )


@contextmanager
def stack(directory: Path, **settings: str) -> Iterator[Stack]:
    """Start everything (migrated), yield it, stop everything."""
    redis = RedisServer(directory)
    postgres = PostgresServer()
    app: Process | None = None
    worker: Process | None = None
    try:
        redis.start()
        postgres.init()
        postgres.start()
        postgres.create_database("pixvault")
        port = free_port()
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("PIXVAULT_") and key != "DATABASE_URL"
        }
        env.update(
            PIXVAULT_ENV="test",
            PIXVAULT_DATA_DIR=str(directory / "data"),
            PIXVAULT_DATABASE_URL=postgres.url,
            PIXVAULT_REDIS_URL=redis.url,
            PIXVAULT_SECRET_KEY="fault-tests-secret-key-not-for-production",
            PIXVAULT_PUBLIC_URL=f"http://127.0.0.1:{port}",
            PIXVAULT_TRUSTED_PROXIES="127.0.0.1",
            PIXVAULT_LOG_LEVEL="WARNING",
            **settings,
        )
        # The processes' own temporary files (multipart parts spilled to disk) land here, so
        # tests can see what they leave behind.
        env["TMPDIR"] = str(directory / "tmp")
        (directory / "tmp").mkdir()
        migrated = subprocess.run(
            [PIXVAULT, "migrate"], env=env, capture_output=True, timeout=120, text=True
        )
        assert migrated.returncode == 0, migrated.stderr
        app = Process(
            "app",
            [PIXVAULT, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            env,
            directory / "app.log",
        )
        worker = Process("worker", [PIXVAULT, "worker"], env, directory / "worker.log")
        running = Stack(directory, postgres, redis, env, port, app, worker)
        app.start()
        worker.start()
        if not eventually(running.ready, START_TIMEOUT):
            raise AssertionError(f"the app is not ready on {port}\n{running.logs()}")
        yield running
    finally:
        for process in (worker, app):
            if process is not None:
                process.stop()
        redis.stop()
        postgres.remove()
