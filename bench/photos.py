"""Photo-like test images made locally with pyvips (nothing is downloaded)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyvips

SIZES = {"12mp": (4000, 3000), "24mp": (6000, 4000)}
#: Saver options per format: photo-like quality settings.
FORMATS = {"jpeg": ".jpg[Q=90]", "png": ".png[compression=6]", "webp": ".webp[Q=90]"}
BIG_PNG = ("50mp", 8660, 5774)


def photo(width: int, height: int) -> Any:
    """Smooth colour gradients, a few soft shapes and fine grain, like a photograph."""
    xy = pyvips.Image.xyz(width, height)
    x, y = xy[0], xy[1]
    red = x * (200 / width) + 30
    green = y * (180 / height) + 40
    blue = ((x * 0.002).sin() * 60 + (y * 0.003).cos() * 60) + 120
    image = red.bandjoin([green, blue])
    for i in range(5):
        cx, cy, r = width * (i + 1) / 6, height * (0.3 + 0.1 * i), min(width, height) / 7
        disc = (((x - cx) ** 2 + (y - cy) ** 2) < r * r).ifthenelse(
            [40 * i, 180 - 30 * i, 60 + 20 * i], [0, 0, 0]
        )
        image = image + disc.gaussblur(8) * 0.5
    # Texture at several scales (foliage, fabric, grain), so detail survives downscaling.
    for scale, sigma in ((48, 30.0), (12, 18.0), (3, 10.0), (1, 5.0)):
        bands = []
        for band in range(3):
            noise = pyvips.Image.gaussnoise(
                max(width // scale, 1),
                max(height // scale, 1),
                sigma=sigma * (1 + band / 4),
                mean=0,
            )
            if scale > 1:
                noise = noise.resize(width / noise.width, vscale=height / noise.height)
            bands.append(noise)
        image = image + bands[0].bandjoin(bands[1:])
    return image.cast("uchar").copy(interpretation="srgb")


def generate(folder: Path) -> dict[str, Path]:
    """The benchmark's photos (made once, then reused): 12 and 24 MP in each format, and a
    50 MP PNG. Keys look like '24mp.webp'."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}
    wanted = [(f"{size}.{fmt}", SIZES[size], FORMATS[fmt]) for size in SIZES for fmt in FORMATS]
    wanted.append((f"{BIG_PNG[0]}.png", (BIG_PNG[1], BIG_PNG[2]), FORMATS["png"]))
    for name, (width, height), saver in wanted:
        path = folder / name.replace("jpeg", "jpg")
        if not path.exists():
            partial = path.with_suffix(".partial" + path.suffix)
            photo(width, height).write_to_file(str(partial) + saver[saver.index("[") :])
            partial.rename(path)
        made[name] = path
    return made
