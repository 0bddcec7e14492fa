"""Upload cost of the working copy: `.venv/bin/python bench/upload_cost.py` from the repository
root (issue 18, point 3: a 24 MP JPEG's upload with its working copy within 1.5x of an upload
without one).

Prints, for the 12 and 24 MP JPEG bench photos:
  (1) where an upload's CPU goes, in this process (libvips' cache off, median of --reps):
      hashing, the header read, the proof decode an upload without a copy makes, and the
      working copy (decode with shrink-on-load and resize, then the q95 encode);
  (2) side by side in one run, two fresh one-worker servers on SQLite and filesystem storage:
      the baseline with working copies switched off (the same code with the copy's side set
      beyond any image, so none deserves one) and the current code, uploads alternating
      between them through the graph, each upload of new bytes (a few random bytes after the
      JPEG's end, so nothing is deduplicated). For each: median seconds until the answer, the
      server's CPU seconds per upload (process CPU time, which other load on the machine
      disturbs less than wall time), and whether the copy was stored when the answer came.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import psutil
import pyvips

from pixvault.assets import working_copy
from pixvault.assets.inspection import prove_readable, read_header

sys.path.insert(0, str(Path(__file__).resolve().parent))
from photos import generate
from server import BIN, ROOT, Process, pixvault_command
from uploads import EMAIL, PASSWORD, log_in, upload, working_copies

OUT = ROOT / "bench" / "out"
SETTINGS = {
    "PIXVAULT_SECRET_KEY": "benchmark-secret-key-0123456789abcdef",
    "PIXVAULT_MAX_UPLOAD_BYTES": str(600_000_000),
    "PIXVAULT_LOG_LEVEL": "WARNING",
}
CASES = ("24mp.jpeg", "12mp.jpeg")
#: Serves the current code with working copies switched off: no image is larger than SIDE.
BASELINE = (
    "import sys; import pixvault.assets.working_copy as w; w.SIDE = 10**9; "
    "from pixvault.cli import main; sys.exit(main(sys.argv[1:]))"
)


def cpu_ms(step: Callable[[], object], reps: int) -> float:
    times = []
    for _ in range(reps):
        started = time.process_time()
        step()
        times.append(time.process_time() - started)
    return round(statistics.median(times) * 1000, 1)


def breakdown(path: Path, reps: int) -> dict[str, float]:
    data = path.read_bytes()
    out = OUT / "upload-cost-copy.jpg"
    image = pyvips.Image.thumbnail(str(path), working_copy.SIDE, height=working_copy.SIDE)
    image = image.copy_memory()
    return {
        "sha256": cpu_ms(lambda: hashlib.sha256(data).hexdigest(), reps),
        "header": cpu_ms(lambda: read_header(path, 10**9), reps),
        "proof decode (32 px)": cpu_ms(lambda: prove_readable(path), reps),
        "copy: decode + resize": cpu_ms(
            lambda: pyvips.Image.thumbnail(
                str(path), working_copy.SIDE, height=working_copy.SIDE, size="down"
            ).copy_memory(),
            reps,
        ),
        "copy: q95 4:4:4 encode": cpu_ms(
            lambda: image.jpegsave(str(out), Q=working_copy.QUALITY, subsample_mode="off"), reps
        ),
        "copy: whole (make)": cpu_ms(lambda: working_copy.make(path, out), reps),
    }


def server(data_dir: Path, baseline: bool) -> Process:
    shutil.rmtree(data_dir, ignore_errors=True)
    pixvault_command(data_dir, "migrate", **SETTINGS)
    pixvault_command(
        data_dir,
        "create-user",
        "--email",
        EMAIL,
        "--name",
        "Bench",
        "--password-stdin",
        stdin=f"{PASSWORD}\n",
        **SETTINGS,
    )
    serve = ["serve", "--port", "{port}", "--workers", "1"]
    command = (
        [str(BIN / "python"), "-c", BASELINE, *serve]
        if baseline
        else [str(BIN / "pixvault"), *serve]
    )
    return Process(command, {"PIXVAULT_DATA_DIR": str(data_dir), **SETTINGS}, "/healthz")


async def timed_upload(
    client: httpx.AsyncClient, pid: int, data_dir: Path, data: bytes
) -> tuple[float, float, bool]:
    """One upload: seconds to the answer, server CPU seconds, whether a copy was stored."""
    copies = working_copies(data_dir)
    cpu = psutil.Process(pid).cpu_times()
    started = time.perf_counter()
    await upload(client, "photo.jpg", data + os.urandom(16))
    elapsed = time.perf_counter() - started
    after = psutil.Process(pid).cpu_times()
    used = (after.user + after.system) - (cpu.user + cpu.system)
    return elapsed, used, working_copies(data_dir) > copies


async def side_by_side(photos: dict[str, Path], reps: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with (
        server(OUT / "upload-baseline", baseline=True) as base,
        server(OUT / "upload-copy", baseline=False) as copy,
    ):
        sides = {
            "baseline": (base, OUT / "upload-baseline"),
            "with copy": (copy, OUT / "upload-copy"),
        }
        clients = {
            name: httpx.AsyncClient(base_url=p.base, timeout=600) for name, (p, _) in sides.items()
        }
        try:
            for client in clients.values():
                await log_in(client)
            for case in CASES:
                data = photos[case].read_bytes()
                rows: dict[str, list[tuple[float, float, bool]]] = {name: [] for name in sides}
                for _ in range(reps):  # alternate, so both sides see the same machine
                    for name, (process, data_dir) in sides.items():
                        rows[name].append(
                            await timed_upload(clients[name], process.pid, data_dir, data)
                        )
                results[case] = {
                    name: {
                        "answer_s": round(statistics.median(r[0] for r in row), 3),
                        "server_cpu_s": round(statistics.median(r[1] for r in row), 3),
                        "copies_stored_at_answer": sum(r[2] for r in row),
                        "uploads": len(row),
                    }
                    for name, row in rows.items()
                }
        finally:
            for client in clients.values():
                await client.aclose()
    return results


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=9, help="uploads per side and photo")
    args = parser.parse_args()
    pyvips.cache_set_max(0)
    photos = generate(OUT / "photos")
    load = os.getloadavg()
    results: dict[str, Any] = {"breakdown_cpu_ms": {}, "load_average_before": load}
    for case in CASES:
        results["breakdown_cpu_ms"][case] = breakdown(photos[case], args.reps)
    results["uploads"] = await side_by_side(photos, args.reps)
    results["load_average_after"] = os.getloadavg()
    (OUT / "upload_cost.json").write_text(json.dumps(results, indent=2))
    print(f"load average before {load[0]:.1f}, after {results['load_average_after'][0]:.1f}")
    for case, steps in results["breakdown_cpu_ms"].items():
        print(f"{case}: CPU ms " + ", ".join(f"{k} {v}" for k, v in steps.items()))
    for case, sides in results["uploads"].items():
        base, copy = sides["baseline"], sides["with copy"]
        print(
            f"{case}: answer {base['answer_s']} s -> {copy['answer_s']} s "
            f"({copy['answer_s'] / base['answer_s']:.2f}x), server CPU {base['server_cpu_s']} s "
            f"-> {copy['server_cpu_s']} s ({copy['server_cpu_s'] / base['server_cpu_s']:.2f}x), "
            f"copies stored at the answer {copy['copies_stored_at_answer']}/{copy['uploads']} "
            f"(baseline {base['copies_stored_at_answer']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
