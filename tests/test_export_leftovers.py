"""What a killed export run leaves in its work folder is swept, never a live run's files."""

from __future__ import annotations

import os
import time

from pixvault.periodic import housekeeping
from pixvault.privacy.exports import LEFTOVER_AFTER, work_dir
from tests.conftest import Env


async def test_housekeeping_removes_dead_runs_leftovers_only(env: Env) -> None:
    folder = work_dir(env.runtime.settings)
    folder.mkdir(parents=True, exist_ok=True)
    stale_part = folder / "tmpdead.part"
    stale_part.write_bytes(b"PK\x03\x04 half an archive")
    stale_dir = folder / "tmpdeaddir"
    stale_dir.mkdir()
    (stale_dir / "original").write_bytes(b"someone's photo")
    live_part = folder / "tmplive.part"
    live_part.write_bytes(b"PK\x03\x04 still being written")
    long_ago = time.time() - LEFTOVER_AFTER.total_seconds() - 60
    for path in (stale_part, stale_dir / "original", stale_dir):
        os.utime(path, (long_ago, long_ago))

    await housekeeping(env.runtime.settings)

    assert not stale_part.exists()
    assert not stale_dir.exists()
    assert live_part.read_bytes() == b"PK\x03\x04 still being written"
