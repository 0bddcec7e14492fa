"""A live `pixvault serve` on a fresh SQLite data dir, for tests that need a real server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

PIXVAULT = [sys.executable, "-m", "pixvault"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    base_url: str
    data_dir: Path
    process: subprocess.Popen[str]
    env: dict[str, str]
    log_path: Path

    def pixvault(self, *args: str) -> str:
        done = subprocess.run(
            [*PIXVAULT, *args], env=self.env, capture_output=True, text=True, check=True
        )
        return done.stdout

    def stop(self) -> str:
        """Stop the server; returns what it logged."""
        self.process.terminate()
        self.process.wait(timeout=20)
        return self.log_path.read_text()


@contextmanager
def live_server(data_dir: Path, *, workers: int = 1, **settings: str) -> Iterator[LiveServer]:
    env = {**os.environ, "PIXVAULT_DATA_DIR": str(data_dir), **settings}
    for name in ("PIXVAULT_DATABASE_URL", "PIXVAULT_REDIS_URL"):
        if name not in settings:
            env.pop(name, None)
    subprocess.run([*PIXVAULT, "migrate"], env=env, check=True, capture_output=True)
    port = free_port()
    # Links the server makes (delivery URLs) point at itself unless a test says otherwise.
    env.setdefault("PIXVAULT_PUBLIC_URL", f"http://127.0.0.1:{port}")
    # The log goes to a file, not a pipe: nobody reads a pipe while the server runs, and once its
    # buffer filled the server would block on its next log line (seen as a hang under fuzzing).
    log_path = data_dir / "server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [*PIXVAULT, "serve", "--port", str(port), "--workers", str(workers)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", data_dir, process, env, log_path)
    try:
        deadline = time.monotonic() + 90  # a loaded machine starts it slowly
        while True:
            try:
                if httpx.get(f"{server.base_url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start: {server.stop()}") from None
                time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            server.stop()
