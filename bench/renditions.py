"""Rendition benchmark: `.venv/bin/python bench/renditions.py` from the repository root.

Generates photos locally (bench/out/photos, reused across runs), serves a fresh Pixvault
(SQLite, filesystem storage under bench/out) on two workers, uploads the photos through the
graph and prints:

  (b) a cold rendition through the full HTTP path against bare pyvips.thumbnail in-process,
      12 and 24 MP JPEG, PNG and WebP to 320 and 1280 px WebP (median of --reps each);
  (c) a cached rendition served by Pixvault against a bare Starlette FileResponse of the same
      bytes (requests per second, both on two uvicorn workers, 16 keep-alive connections);
  (d) the peak memory of one cold rendition of a 50 MP PNG (fresh one-worker server);
  (a) with --thumbor: cold-rendition throughput against thumbor (see bench/thumbor_compare.py).

Results also go to bench/out/results.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pyvips

from pixvault.assets.render import WEBP_EFFORT

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import run_load
from photos import generate
from server import ROOT, file_server, memory, pixvault, pixvault_command, reset_peak
from uploads import EMAIL, PASSWORD, log_in, upload, working_copies

OUT = ROOT / "bench" / "out"
SETTINGS = {
    "PIXVAULT_SECRET_KEY": "benchmark-secret-key-0123456789abcdef",
    "PIXVAULT_MAX_UPLOAD_BYTES": str(600_000_000),
    "PIXVAULT_LOG_LEVEL": "WARNING",
    "PIXVAULT_PUBLIC_RENDITIONS_PER_MINUTE": "1000000",
}
WIDTHS = (320, 1280)
CASES = [f"{size}.{fmt}" for size in ("12mp", "24mp") for fmt in ("jpeg", "png", "webp")]


async def upload_all(
    base: str, photos: dict[str, Path], data_dir: Path
) -> tuple[dict[str, str], dict[str, Any]]:
    """Log in and upload every photo through the graph; the asset id of each, and for each
    photo the upload's seconds and the seconds until its working copy was stored (the upload
    stores it before answering; a copy that comes later, from a job, is waited for before the
    next upload)."""
    ids: dict[str, str] = {}
    timings: dict[str, Any] = {}
    async with httpx.AsyncClient(base_url=base, timeout=600) as client:
        await log_in(client)
        for name, path in photos.items():
            copies = working_copies(data_dir)
            started = time.perf_counter()
            with path.open("rb") as handle:
                ids[name] = await upload(client, path.name, handle, visibility="PUBLIC")
            uploaded = time.perf_counter() - started
            deadline = started + 60
            while working_copies(data_dir) == copies:
                if time.perf_counter() > deadline:  # a small image gets none
                    break
                await asyncio.sleep(0.005)
            timings[name] = {
                "upload_s": round(uploaded, 3),
                "with_working_copy_s": round(time.perf_counter() - started, 3),
            }
    return ids, timings


def bare_thumbnail(path: Path, width: int, quality: int) -> float:
    started = time.perf_counter()
    pyvips.Image.thumbnail(str(path), width).webpsave_buffer(Q=quality, effort=WEBP_EFFORT)
    return time.perf_counter() - started


async def http_rendition(client: httpx.AsyncClient, asset_id: str, width: int, q: int) -> float:
    started = time.perf_counter()
    response = await client.get(f"/i/{asset_id}?w={width}&fm=webp&q={q}")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200 and response.headers["content-type"] == "image/webp"
    return elapsed


async def figure_b(
    base: str, ids: dict[str, str], photos: dict[str, Path], reps: int
) -> dict[str, Any]:
    """Cold renditions: each request asks for a quality not asked for before, so none is
    cached; bare pyvips does the same work in this process (its operation cache off too, as
    in the server)."""
    pyvips.cache_set_max(0)
    rows: dict[str, Any] = {}
    async with httpx.AsyncClient(base_url=base, timeout=600) as client:
        for case in CASES:
            for width in WIDTHS:
                http_times, bare_times = [], []
                for rep in range(reps):
                    http_times.append(await http_rendition(client, ids[case], width, 60 + rep))
                    bare_times.append(bare_thumbnail(photos[case], width, 60 + rep))
                http_ms = statistics.median(http_times) * 1000
                bare_ms = statistics.median(bare_times) * 1000
                rows[f"{case} -> {width} px webp"] = {
                    "http_ms": round(http_ms, 1),
                    "bare_ms": round(bare_ms, 1),
                    "ratio": round(http_ms / bare_ms, 3),
                }
    return rows


async def figure_c(base: str, data_dir: Path, asset_id: str, seconds: float) -> dict[str, Any]:
    """A cached 320 px WebP: Pixvault's route against a bare FileResponse of its file."""
    path = f"/i/{asset_id}?w=320&fm=webp"
    async with httpx.AsyncClient(base_url=base) as client:
        assert (await client.get(path)).status_code == 200  # made and cached
    cached = next((data_dir / "storage" / "users").glob(f"*/renditions/{asset_id}/w320-h0-*.webp"))
    rates: dict[str, list[float]] = {"pixvault": [], "bare": []}
    with file_server(cached, workers=2) as bare:
        for _ in range(2):  # alternate, to even out drift
            for name, port, paths in (
                ("pixvault", int(base.rsplit(":", 1)[1]), [path]),
                ("bare", bare.port, ["/rendition.webp"]),
            ):
                result = await run_load("127.0.0.1", port, paths, seconds=seconds)
                assert result.errors == 0, name
                rates[name].append(result.rate)
    pixvault_rate = statistics.mean(rates["pixvault"])
    bare_rate = statistics.mean(rates["bare"])
    return {
        "bytes": cached.stat().st_size,
        "pixvault_rps": round(pixvault_rate),
        "bare_rps": round(bare_rate),
        "ratio": round(pixvault_rate / bare_rate, 3),
    }


async def figure_d(data_dir: Path, ids: dict[str, str]) -> dict[str, Any]:
    """One cold 50 MP PNG -> 1280 px WebP on a fresh one-worker server: its peak RSS over the
    RSS just before (libraries already loaded by a small rendition)."""
    with pixvault(data_dir, workers=1, **SETTINGS) as server:
        async with httpx.AsyncClient(base_url=server.base, timeout=600) as client:
            warm = await client.get(f"/i/{ids['12mp.jpeg']}?w=320&fm=webp&q=33")
            assert warm.status_code == 200
            await asyncio.sleep(0.5)
            before = memory(server.pid)["VmRSS"]
            reset_peak(server.pid)
            started = time.perf_counter()
            response = await client.get(f"/i/{ids['50mp.png']}?w=1280&fm=webp")
            elapsed = time.perf_counter() - started
            assert response.status_code == 200
            after = memory(server.pid)
    return {
        "rss_before_mb": round(before / 2**20, 1),
        "peak_rss_mb": round(after["VmHWM"] / 2**20, 1),
        "peak_increase_mb": round((after["VmHWM"] - before) / 2**20, 1),
        "seconds": round(elapsed, 2),
    }


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=5, help="cold renditions per case (b)")
    parser.add_argument("--seconds", type=float, default=5.0, help="load duration (c)")
    parser.add_argument("--thumbor", action="store_true", help="also run (a) against thumbor")
    args = parser.parse_args()

    print("generating photos (once) ...", flush=True)
    photos = generate(OUT / "photos")
    data_dir = OUT / "data"
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
    results: dict[str, Any] = {}
    with pixvault(data_dir, workers=2, **SETTINGS) as server:
        print("uploading through the graph ...", flush=True)
        ids, results["uploads"] = await upload_all(server.base, photos, data_dir)
        print("(b) cold renditions ...", flush=True)
        results["b"] = await figure_b(server.base, ids, photos, args.reps)
        print("(c) cached renditions ...", flush=True)
        results["c"] = await figure_c(server.base, data_dir, ids["12mp.jpeg"], args.seconds)
    print("(d) memory ...", flush=True)
    results["d"] = await figure_d(data_dir, ids)
    if args.thumbor:
        from thumbor_compare import figure_a

        print("(a) against thumbor ...", flush=True)
        results["a"] = await figure_a(data_dir, ids, photos, SETTINGS)

    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    report(results)
    return 0


def report(results: dict[str, Any]) -> None:
    print()
    if "a" in results:
        a = results["a"]
        print("(a) cold throughput, Pixvault vs thumbor (requests/s, 4 in flight):")
        for case, row in a["cases"].items():
            print(
                f"    {case:28} {row['pixvault_rps']:8.2f} {row['thumbor_rps']:8.2f}"
                f"  {row['ratio']:.2f}x"
            )
        print(
            f"    over the mix {a['mix_ratio']:.2f}x (geometric mean "
            f"{a['geometric_mean_ratio']:.2f}x), lowest {a['min_ratio']:.2f}x ({a['min_case']})"
        )
    if "uploads" in results:
        print("uploads (s): answer, then working copy stored")
        for case, row in results["uploads"].items():
            print(f"    {case:12} {row['upload_s']:7.3f} {row['with_working_copy_s']:7.3f}")
    b = results["b"]
    print("(b) cold rendition, full HTTP path vs bare pyvips.thumbnail (median ms):")
    for case, row in b.items():
        print(f"    {case:28} {row['http_ms']:8.1f} {row['bare_ms']:8.1f}  {row['ratio']:.2f}x")
    ratios = [row["ratio"] for row in b.values()]
    print(
        f"    overall (geometric mean) {statistics.geometric_mean(ratios):.2f}x, "
        f"worst {max(ratios):.2f}x"
    )
    c = results["c"]
    print(
        f"(c) cached rendition ({c['bytes']} bytes): {c['pixvault_rps']} req/s vs bare "
        f"FileResponse {c['bare_rps']} req/s = {c['ratio']:.2f}x"
    )
    d = results["d"]
    print(
        f"(d) cold 50 MP PNG -> 1280 px WebP: peak +{d['peak_increase_mb']} MB over "
        f"{d['rss_before_mb']} MB (process peak {d['peak_rss_mb']} MB), {d['seconds']} s"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--report":
        report(json.loads((OUT / "results.json").read_text()))
        sys.exit(0)
    sys.exit(asyncio.run(main()))
