"""Running servers for the benchmark as separate processes, as in production."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import httpx

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Process:
    """A server process on 127.0.0.1, up once ``health_path`` answers 200."""

    def __init__(self, command: list[str], env: dict[str, str], health_path: str) -> None:
        self.port = free_port()
        self.command = [part.replace("{port}", str(self.port)) for part in command]
        self.env = {**os.environ, **env}
        self.health_path = health_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def __enter__(self) -> Process:
        self.process = subprocess.Popen(
            self.command,
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.command} exited with {self.process.returncode}")
            try:
                if httpx.get(self.base + self.health_path, timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.command} did not start")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def pixvault(data_dir: Path, workers: int, **settings: str) -> Process:
    env = {"PIXVAULT_DATA_DIR": str(data_dir), **settings}
    command = [str(BIN / "pixvault"), "serve", "--port", "{port}", "--workers", str(workers)]
    return Process(command, env, "/healthz")


def pixvault_command(data_dir: Path, *args: str, stdin: str | None = None, **settings: str) -> str:
    env = {**os.environ, "PIXVAULT_DATA_DIR": str(data_dir), **settings}
    done = subprocess.run(
        [str(BIN / "pixvault"), *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(done.stderr)
    return done.stdout


def file_server(path: Path, workers: int) -> Process:
    command = [
        str(BIN / "uvicorn"),
        "fileserver:app",
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
    return Process(command, {"BENCH_FILE": str(path)}, "/health")


def memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in bytes."""
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) * 1024
    return values


def reset_peak(pid: int) -> None:
    """Start VmHWM afresh from the current RSS (Linux: clear_refs 5)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")
