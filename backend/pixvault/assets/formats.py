"""Image types Pixvault accepts, recognised from their leading bytes alone.

The name and the Content-Type a client sends are never consulted: a file is what its magic
number says it is, and libvips then opens it with that type's own loader only.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from enum import StrEnum


class ImageType(StrEnum):
    JPEG = "image/jpeg"
    PNG = "image/png"
    WEBP = "image/webp"
    GIF = "image/gif"
    AVIF = "image/avif"
    HEIC = "image/heic"


@dataclass(frozen=True)
class TypeInfo:
    #: The libvips loader that may open it (no other loader is ever tried).
    loader: str
    extension: str


TYPES: dict[ImageType, TypeInfo] = {
    ImageType.JPEG: TypeInfo("jpegload", "jpg"),
    ImageType.PNG: TypeInfo("pngload", "png"),
    ImageType.WEBP: TypeInfo("webpload", "webp"),
    ImageType.GIF: TypeInfo("gifload", "gif"),
    ImageType.AVIF: TypeInfo("heifload", "avif"),
    ImageType.HEIC: TypeInfo("heifload", "heic"),
}

#: How many leading bytes sniff() wants.
SNIFF_BYTES = 64

_AVIF_BRANDS = {b"avif", b"avis"}
_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"}


def _iso_brands(head: bytes) -> set[bytes]:
    """The major and compatible brands of an ISO-BMFF 'ftyp' box at the start of ``head``."""
    if len(head) < 16 or head[4:8] != b"ftyp":
        return set()
    size = struct.unpack(">I", head[:4])[0]
    end = min(size, len(head))
    brands = {head[8:12]}
    brands.update(head[i : i + 4] for i in range(16, end - 3, 4))
    return brands


def sniff(head: bytes) -> ImageType | None:
    """The image type of a file from its first bytes, or None for anything not accepted."""
    if head.startswith(b"\xff\xd8\xff"):
        return ImageType.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ImageType.PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ImageType.WEBP
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return ImageType.GIF
    brands = _iso_brands(head)
    if brands & _AVIF_BRANDS:
        return ImageType.AVIF
    if brands & _HEIC_BRANDS:
        return ImageType.HEIC
    return None
