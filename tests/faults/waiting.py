"""Waiting for something to become true, with a deadline, and what a log said last."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

#: how long a private service or the app may take to start on a loaded machine
START_TIMEOUT = 90.0
#: how long something a quiet machine does in a second or two may take on a loaded one (a busy
#: CI runner, another suite on the same cores): deadlines are for hangs, not for speed
PATIENCE = 120.0


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
