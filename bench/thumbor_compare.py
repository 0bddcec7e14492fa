"""Figure (a): cold-rendition throughput, Pixvault (two workers) against thumbor.

thumbor runs from its own virtualenv (bench/out/thumbor-venv, made with `pip install thumbor`
on first use) with the file loader, no storage and no result storage, in two processes, so
every request it serves is cold. Pixvault's requests are made cold by asking each for a
quality not asked before. Each case sends REQUESTS requests, CONCURRENCY at a time.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from server import ROOT, Process, pixvault

OUT = ROOT / "bench" / "out"
VENV = OUT / "thumbor-venv"
REQUESTS = 16
CONCURRENCY = 4
WIDTHS = (320, 1280)
CASES = [f"{size}.{fmt}" for size in ("12mp", "24mp") for fmt in ("jpeg", "png", "webp")]


def ensure_thumbor() -> Path:
    binary = VENV / "bin" / "thumbor"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "thumbor"], check=True)
    return binary


def thumbor(photos_dir: Path) -> Process:
    conf = OUT / "thumbor.conf"
    conf.write_text(
        "\n".join(
            [
                "LOADER = 'thumbor.loaders.file_loader'",
                f"FILE_LOADER_ROOT_PATH = {str(photos_dir)!r}",
                "STORAGE = 'thumbor.storages.no_storage'",
                "RESULT_STORAGE = None",
                "ALLOW_UNSAFE_URL = True",
                "RESPECT_ORIENTATION = True",
                "",
            ]
        )
    )
    command = [str(ensure_thumbor()), "--port", "{port}", "--ip", "127.0.0.1"]
    command += ["--conf", str(conf), "--processes", "2", "--log-level", "error"]
    return Process(command, {}, "/healthcheck")


async def _throughput(base: str, paths: list[str]) -> float:
    """Requests per second for ``paths``, CONCURRENCY in flight at a time."""
    queue = list(paths)

    async def worker(client: httpx.AsyncClient) -> None:
        while queue:
            response = await client.get(queue.pop())
            assert response.status_code == 200, (response.status_code, response.text[:200])
            assert response.headers["content-type"] == "image/webp"

    async with httpx.AsyncClient(base_url=base, timeout=600) as client:
        started = time.perf_counter()
        await asyncio.gather(*[worker(client) for _ in range(CONCURRENCY)])
        return len(paths) / (time.perf_counter() - started)


async def figure_a(
    data_dir: Path, ids: dict[str, str], photos: dict[str, Path], settings: dict[str, str]
) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    totals = {"pixvault": 0.0, "thumbor": 0.0}
    with (
        thumbor(next(iter(photos.values())).parent) as thumb,
        pixvault(data_dir, workers=2, **settings) as ours,
    ):
        # Both pay their first-request costs (imports, thread pools) before measuring.
        first = photos["12mp.jpeg"].name
        await _throughput(
            ours.base, [f"/i/{ids['12mp.jpeg']}?w=96&fm=webp&q={90 - i}" for i in range(8)]
        )
        await _throughput(
            thumb.base,
            [f"/unsafe/96x0/filters:format(webp):quality({90 - i})/{first}" for i in range(8)],
        )
        for case in CASES:
            for width in WIDTHS:
                # Qualities (b) never asked for, so every Pixvault request is cold.
                qs = [20 + i for i in range(REQUESTS)]
                ours_paths = [f"/i/{ids[case]}?w={width}&fm=webp&q={q}" for q in qs]
                name = photos[case].name
                thumb_paths = [
                    f"/unsafe/{width}x0/filters:format(webp):quality({q})/{name}" for q in qs
                ]
                ours_rate = await _throughput(ours.base, ours_paths)
                thumb_rate = await _throughput(thumb.base, thumb_paths)
                # Time per request summed over the mix, for the overall throughput.
                totals["pixvault"] += REQUESTS / ours_rate
                totals["thumbor"] += REQUESTS / thumb_rate
                rows[f"{case} -> {width} px webp"] = {
                    "pixvault_rps": round(ours_rate, 2),
                    "thumbor_rps": round(thumb_rate, 2),
                    "ratio": round(ours_rate / thumb_rate, 2),
                }
    ratios = {case: row["ratio"] for case, row in rows.items()}
    worst = min(ratios, key=lambda case: ratios[case])
    return {
        "cases": rows,
        "mix_ratio": round(totals["thumbor"] / totals["pixvault"], 2),
        "geometric_mean_ratio": round(statistics.geometric_mean(ratios.values()), 2),
        "min_ratio": ratios[worst],
        "min_case": worst,
    }
