"""Working-copy format benchmark: `.venv/bin/python bench/working_copy.py` from the repository root.

For each bench photo (12 and 24 MP JPEG, PNG and WebP) it makes a working copy (longest side
2048 px) in each candidate format and prints, per format: the time to make it, its size, and
the time of a 320 px and a 1280 px WebP rendition made from it, against the same renditions
made from the original (the libvips operation cache off, as in the server; medians of --reps).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyvips

sys.path.insert(0, str(Path(__file__).resolve().parent))

from photos import generate
from pixvault.assets.render import WEBP_EFFORT
from server import ROOT

SIDE = 2048
CANDIDATES = {
    "png0": ".png[compression=0]",
    "png1": ".png[compression=1]",
    "jpeg95": ".jpg[Q=95]",
    "webp-lossless": ".webp[lossless,effort=0]",
    "vips": ".v",
}
CASES = [f"{size}.{fmt}" for size in ("12mp", "24mp") for fmt in ("jpeg", "png", "webp")]


def timed(action: object, reps: int) -> float:
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def rendition(path: Path, width: int) -> None:
    pyvips.Image.thumbnail(str(path), width).webpsave_buffer(Q=80, effort=WEBP_EFFORT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    pyvips.cache_set_max(0)
    # Pixvault blocks libvips' untrusted loaders, .v among them; allowed here to measure it.
    pyvips.operation_block_set("VipsForeignLoadVips", False)
    photos = generate(ROOT / "bench" / "out" / "photos")
    work = Path(tempfile.mkdtemp(prefix="working-copy-"))
    print(f"{'source':12} {'copy':14} {'make ms':>8} {'KB':>7} {'320 ms':>8} {'1280 ms':>8}")
    for case in CASES:
        source = photos[case]
        r320 = timed(lambda s=source: rendition(s, 320), args.reps)
        r1280 = timed(lambda s=source: rendition(s, 1280), args.reps)
        print(
            f"{case:12} {'(original)':14} {'':>8} {source.stat().st_size // 1024:7} "
            f"{r320:8.1f} {r1280:8.1f}"
        )
        for name, saver in CANDIDATES.items():
            out = work / f"{case}.{name}{saver.split('[')[0]}"

            def make(s: Path = source, o: Path = out, v: str = saver) -> None:
                pyvips.Image.thumbnail(str(s), SIDE, height=SIDE).write_to_file(
                    str(o) + v[len(v.split("[")[0]) :]
                )

            made = timed(make, args.reps)
            r320 = timed(lambda o=out: rendition(o, 320), args.reps)
            r1280 = timed(lambda o=out: rendition(o, 1280), args.reps)
            print(
                f"{'':12} {name:14} {made:8.1f} {out.stat().st_size // 1024:7} "
                f"{r320:8.1f} {r1280:8.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
