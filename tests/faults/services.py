"""Real services for the fault tests, each private to the test run: a Redis server and a
PostgreSQL cluster on free ports in temporary directories, `pixvault serve --workers 2` and
`pixvault worker` on top of them. Nothing here touches the machine's shared PostgreSQL or Redis.

PostgreSQL refuses to run as root, so as root its cluster belongs to the ``postgres`` user and
its commands run through ``runuser``.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.live import free_port

PIXVAULT = str(Path(sys.executable).with_name("pixvault"))
BINARIES = ("redis-server", "initdb", "pg_ctl", "postgres", "psql", "createdb")
START_TIMEOUT = 90.0


def postgres_bin() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with the server in it, else PATH's."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/postgres"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("postgres")
    return Path(on_path).parent if on_path else None


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


def wait_until(
    check: Callable[[], bool], timeout: float, what: str, interval: float = 0.1
) -> float:
    """Poll ``check`` until it is true; returns the seconds it took, fails after ``timeout``."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what}: not within {timeout:.0f} s")
        time.sleep(interval)
    return time.monotonic() - started


def eventually(check: Callable[[], bool], timeout: float, interval: float = 0.1) -> bool:
    """Whether ``check`` comes true within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(interval)
    return True


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


class RedisServer:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.log = directory / "redis.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        done = subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, timeout=5
        )
        return done.stdout.strip() == b"PONG"

    def start(self) -> None:
        # No persistence: a restart comes back empty, the worst case for sessions and jobs.
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--logfile",
                str(self.log),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.ping, START_TIMEOUT, f"redis on {self.port}\n{tail(self.log)}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None


class PostgresServer:
    """A throwaway cluster (trust auth on 127.0.0.1, role ``postgres``)."""

    def __init__(self) -> None:
        bin_dir = postgres_bin()
        assert bin_dir is not None
        self.bin = bin_dir
        self.as_root = os.geteuid() == 0
        # Not under pytest's tmp_path: as root that is mode 0700, closed to the postgres user.
        self.directory = Path(tempfile.mkdtemp(prefix="pixvault-faults-pg-"))
        if self.as_root:
            shutil.chown(self.directory, "postgres", "postgres")
        self.data = self.directory / "data"
        self.log = self.directory / "postgres.log"
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/pixvault"

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, timeout=timeout, check=True)

    def init(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--no-sync",
        )  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} "
            "-c fsync=off -c full_page_writes=off -c max_connections=60"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                  "-t", "30", "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def create_database(self, name: str) -> None:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)

    def query(self, sql: str) -> list[str]:
        """Rows of a query on the app's database, one string each (psql's unaligned output)."""
        done = self._run(
            "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "pixvault",
            "-tAc", sql,
        )  # fmt: skip
        return done.stdout.decode().split()

    def lock(self, table: str, mode: str = "ACCESS EXCLUSIVE") -> TableLock:
        """Hold a lock on ``table`` until released, so whoever reads it (or, in SHARE mode,
        writes it) next waits at that exact point."""
        return TableLock(self, table, mode)

    def lock_holders(self, table: str, *, granted: bool, statement: str = "") -> int:
        """How many sessions hold (or wait for) a lock on ``table``, running a statement that
        starts with ``statement``."""
        rows = self.query(
            "SELECT count(*) FROM pg_locks JOIN pg_stat_activity USING (pid) "
            f"WHERE relation = '{table}'::regclass AND granted = {str(granted).lower()} "
            f"AND query ILIKE '{statement}%'"
        )
        return int(rows[0])

    def end_waiting_sessions(self, table: str) -> int:
        """End the sessions waiting for a lock on ``table``: what a killed client's session
        does when it next hears from the client, here before its statement could go on."""
        rows = self.query(
            f"SELECT pg_terminate_backend(pid) FROM pg_locks WHERE relation = '{table}'::regclass "
            "AND NOT granted"
        )
        return len(rows)

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def remove(self) -> None:
        if self.running():
            with contextlib.suppress(subprocess.SubprocessError):
                self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


class TableLock:
    """A lock on a table held by a psql session of its own; a context manager."""

    def __init__(self, server: PostgresServer, table: str, mode: str) -> None:
        self.table = table
        command = [str(server.bin / "psql"), "-h", "127.0.0.1", "-p", str(server.port), "-U",
                   "postgres", "-d", "pixvault", "-q", "-v", "ON_ERROR_STOP=1"]  # fmt: skip
        if server.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        self.session = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        assert self.session.stdin is not None
        self.session.stdin.write(f"BEGIN;\nLOCK TABLE {table} IN {mode} MODE;\n".encode())
        self.session.stdin.flush()
        wait_until(lambda: server.lock_holders(table, granted=True) == 1, 20, f"lock {table}")

    def release(self) -> None:
        if self.session.stdin is None or self.session.stdin.closed:
            return
        self.session.stdin.write(b"ROLLBACK;\n")
        self.session.stdin.close()
        self.session.wait(timeout=20)

    def __enter__(self) -> TableLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


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
