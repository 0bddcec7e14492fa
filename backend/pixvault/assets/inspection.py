"""What an uploaded file is, read from its bytes and its header before anything is decoded.

Runs in a worker thread (it is blocking). The pixel limit is checked from the header alone, so
a decompression bomb costs a header read; only then is the image decoded once, to prove it is
readable before it is stored (for a large still image that decode is the one making its working
copy, assets/working_copy.py `inspect_and_copy`, so an upload decodes its image once).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pixvault.assets.formats import SNIFF_BYTES, TYPES, ImageType, sniff
from pixvault.assets.location import has_location_data
from pixvault.assets.vips import Error, Image
from pixvault.core.errors import UserFacingError

ACCEPTED = "JPEG, PNG, WebP, GIF, AVIF or HEIC"
#: EXIF orientations that turn the image a quarter turn, swapping width and height.
_QUARTER_TURNS = {5, 6, 7, 8}


@dataclass(frozen=True)
class ImageFacts:
    type: ImageType
    #: As displayed, with the EXIF orientation applied.
    width: int
    height: int
    has_alpha: bool
    has_location_data: bool


def unreadable() -> UserFacingError:
    """The error for a file that looks like an image but does not decode."""
    return UserFacingError(
        "UNREADABLE_IMAGE", "The file looks like an image but cannot be read.", "file"
    )


def read_header(path: Path, max_pixels: int) -> ImageFacts:
    """The facts from the file's bytes and header alone (refusing too many pixels); nothing is
    decoded yet, so the file is not proven readable: `prove_readable` or another full decode
    (the working copy's) must follow before it is stored."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    kind = sniff(head)
    if kind is None:
        raise UserFacingError("UNSUPPORTED_TYPE", f"Upload a {ACCEPTED} image.", "file")
    load = getattr(Image, TYPES[kind].loader)
    try:
        header = load(str(path), access="sequential")  # lazy: reads the header only
        width, height = header.width, header.height
        pages = header.get("n-pages") if header.get_typeof("n-pages") else 1
        orientation = header.get("orientation") if header.get_typeof("orientation") else 1
    except Error as error:
        raise unreadable() from error
    if width * height * max(pages, 1) > max_pixels:
        raise UserFacingError(
            "TOO_MANY_PIXELS",
            f"The image has more than {max_pixels / 1_000_000:g} megapixels.",
            "file",
        )
    if orientation in _QUARTER_TURNS:
        width, height = height, width
    return ImageFacts(
        type=kind,
        width=width,
        height=height,
        has_alpha=bool(header.hasalpha()),
        has_location_data=has_location_data(header),
    )


def prove_readable(path: Path) -> None:
    """One full decode (small output) proves the pixels are readable."""
    try:
        Image.thumbnail(str(path), 32).avg()
    except Error as error:
        raise unreadable() from error
