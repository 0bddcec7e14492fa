"""The working copy: one high-quality, fast-to-decode copy of a large original.

Decoding the original is most of a cold rendition's time (a 24 MP JPEG takes ~150 ms even
with shrink-on-load). So the upload itself makes one copy, from the decode that proves the
upload readable (`inspect_and_copy`), and stores it with the original; a job (`pixvault
worker`, or a task of the app process without Redis) makes it when it is missing. The copy
has the longest side at ``SIDE`` px, a JPEG at quality 95 without chroma subsampling, stored
beside the original (same owner prefix, key derived from the original's).
bench/working_copy.py measured the candidates: PNG at compression 0 and libvips' .v decode a
little faster but are 3 times the size (and .v needs an untrusted loader unblocked); PNG 1 and
lossless WebP are slower to decode.

Renditions in a lossy format whose size fits inside the copy are made from it, the rest from
the original. The copy is never delivered and is not in the access export (it holds nothing
the original does not); it is deleted wherever the original is (delete, erasure). A missing
copy is never an error: the rendition is made from the original and the copy queued again.

Only still, 8-bit images without alpha get one (JPEG cannot hold alpha or 16 bits; those
are rendered from their original as before).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import anyio
import pyvips

from pixvault.assets.formats import ImageType
from pixvault.assets.inspection import ImageFacts, prove_readable, read_header, unreadable
from pixvault.assets.models import Asset
from pixvault.assets.params import Fit, Format, Rendition
from pixvault.assets.spool import temp_dir
from pixvault.assets.vips import Error, Image
from pixvault.jobs.queue import handler

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

log = logging.getLogger("pixvault.assets")
JOB = "make_working_copy"
#: The working copy's longest side.
SIDE = 2048
QUALITY = 95
MEDIA_TYPE = "image/jpeg"
#: Source types that get one: still images (a GIF may be animated).
_STILL = {
    t.value for t in (ImageType.JPEG, ImageType.PNG, ImageType.WEBP, ImageType.AVIF, ImageType.HEIC)
}
_LOSSY = (Format.JPEG, Format.WEBP, Format.AVIF)
#: Anything larger than any allowed rendition, for "no limit on this side".
_UNBOUNDED = 10_000_000


class Original(Protocol):
    """What deciding about a working copy needs to know of an asset (AssetFacts has it)."""

    @property
    def owner_id(self) -> str: ...
    @property
    def original_key(self) -> str: ...
    @property
    def content_type(self) -> str: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...
    @property
    def has_alpha(self) -> bool: ...


@dataclass(frozen=True)
class _Stored:
    owner_id: str
    original_key: str
    content_type: str
    width: int
    height: int
    has_alpha: bool


def working_key(original_key: str) -> str:
    """``users/<owner>/working/<sha256>``: beside the original, under the owner's prefix."""
    return original_key.replace("/originals/", "/working/", 1)


def deserves_one(asset: Original) -> bool:
    return _deserves(asset.content_type, asset.has_alpha, asset.width, asset.height)


def _deserves(content_type: str, has_alpha: bool, width: int, height: int) -> bool:
    return content_type in _STILL and not has_alpha and max(width, height) > SIDE


def scale_of(asset: Original, r: Rendition) -> float:
    """How much rendition ``r`` scales the (oriented) original, as libvips' thumbnail does."""
    width = (r.width or _UNBOUNDED) / asset.width
    height = (r.height or _UNBOUNDED) / asset.height
    if r.fit in (Fit.COVER, Fit.FILL):
        return max(width, height)
    return min(width, height)


def fits(asset: Original, r: Rendition) -> bool:
    """Whether ``r`` can be made from the working copy: a resized, lossy rendition that
    needs no more pixels than the copy has."""
    if r.format not in _LOSSY or (r.width is None and r.height is None):
        return False
    return deserves_one(asset) and scale_of(asset, r) * max(asset.width, asset.height) <= SIDE


def inside_size(original: tuple[int, int], r: Rendition) -> tuple[int, int]:
    """The size an inside fit of the original comes out at (libvips' thumbnail rounding), so
    a rendition made from the working copy has exactly the size one made from the original
    would have."""
    width, height = original
    target_w, target_h = r.width or _UNBOUNDED, r.height or _UNBOUNDED
    if width / target_w >= height / target_h:
        return target_w, max(1, int(height * target_w / width + 0.5))
    return max(1, int(width * target_h / height + 0.5)), target_h


def make(source: Path, out: Path) -> None:
    """Write the working copy of the image file ``source`` (blocking)."""
    image = Image.thumbnail(str(source), SIDE, height=SIDE, size="down")
    if image.interpretation not in ("srgb", "b-w") or image.format != "uchar":
        image = image.colourspace("srgb").cast("uchar")
    image.jpegsave(str(out), Q=QUALITY, subsample_mode="off", keep=pyvips.ForeignKeep.ICC)


def inspect_and_copy(source: Path, max_pixels: int, out: Path) -> tuple[ImageFacts, bool]:
    """Inspect an upload (blocking) and, when it deserves a working copy, write the copy to
    ``out``: that decode also proves the pixels readable, so the upload decodes its image once
    instead of once to check it and again in a job for the copy (bench/upload_cost.py: a 24 MP
    JPEG's upload with its copy fell from about 2x an upload without one to about 1.2x). The
    second value says whether the copy was written."""
    facts = read_header(source, max_pixels)
    if not _deserves(facts.type.value, facts.has_alpha, facts.width, facts.height):
        prove_readable(source)
        return facts, False
    try:
        make(source, out)
    except Error as error:
        raise unreadable() from error
    return facts, True


async def ensure(runtime: Runtime, asset: Original) -> None:
    """Make and store the asset's working copy unless it has one (or needs none)."""
    storage = runtime.storage
    key = working_key(asset.original_key)
    if not deserves_one(asset) or await storage.exists(key):
        return
    work = Path(tempfile.mkdtemp(prefix="working-", dir=temp_dir(runtime.settings)))
    try:
        source = storage.local_path(asset.original_key)
        if source is None:
            source = work / "original"
            if not await storage.fetch_to(asset.original_key, source):
                return
        elif not source.is_file():
            return
        out = work / "working.jpg"
        await anyio.to_thread.run_sync(make, source, out)
        await storage.put_file(key, out, MEDIA_TYPE)
    finally:
        await anyio.to_thread.run_sync(shutil.rmtree, work)
    if not await Asset.exists(owner_id=asset.owner_id, original_key=asset.original_key):
        # Its original was deleted while this was made: leave nothing behind.
        await storage.delete(key)


@handler(JOB)
async def run(runtime: Runtime, key: str) -> None:
    row = await Asset.get_or_none(id=uuid.UUID(key))
    if row is None:
        return
    await ensure(runtime, _stored(row))


def _stored(row: Asset) -> _Stored:
    return _Stored(
        owner_id=str(row.owner_id),  # type: ignore[attr-defined]
        original_key=row.original_key,
        content_type=row.content_type,
        width=row.width,
        height=row.height,
        has_alpha=row.has_alpha,
    )
