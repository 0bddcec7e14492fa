"""The private database and cache the fault tests break: a Redis server and a PostgreSQL cluster
on free ports in temporary directories, and a table lock that holds a run at an exact point.

PostgreSQL refuses to run as root, so as root its cluster belongs to the ``postgres`` user and
its commands run through ``runuser``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.faults.waiting import PATIENCE, START_TIMEOUT, tail, wait_until
from tests.live import free_port


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
        wait_until(lambda: server.lock_holders(table, granted=True) == 1, PATIENCE, f"lock {table}")

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
