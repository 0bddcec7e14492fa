"""A progress bar on stderr when it is a terminal; silent otherwise (cron, CI, pipes)."""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 30


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB"


class Progress:
    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.label = label
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._shown = -1

    def advance(self, count: int) -> None:
        self.reach(self.done + count)

    def reach(self, done: int) -> None:
        self.done = done
        if not self.enabled:
            return
        percent = min(100, self.done * 100 // self.total)
        if percent == self._shown:
            return
        self._shown = percent
        filled = WIDTH * percent // 100
        bar = "#" * filled + "-" * (WIDTH - filled)
        self.stream.write(
            f"\r{self.label} [{bar}] {percent:3d}% {_size(self.done)} / {_size(self.total)}"
        )
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
