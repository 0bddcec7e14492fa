"""Test photos for the load test, made with pyvips (no locust import, so run.py can use them)."""

from __future__ import annotations

import random

import pyvips


def photo(seed: int) -> bytes:
    """A 1024x768 JPEG of noise over a gradient (about 150 KB), different for each seed."""
    rng = random.Random(seed)
    noise = pyvips.Image.gaussnoise(1024, 768, sigma=20, mean=128)
    gradient = pyvips.Image.xyz(1024, 768)[0] / 4
    image = (noise + gradient + rng.randint(0, 60)).cast("uchar")
    rgb = image.bandjoin([image.flip("horizontal"), image.flip("vertical")])
    data: bytes = rgb.jpegsave_buffer(Q=80)
    return data


PHOTOS = [photo(i) for i in range(8)]
