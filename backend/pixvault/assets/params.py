"""Rendition parameters (imgix-style w, h, fit, fm, q): parsing, bounds and normalisation.

The same rules serve Asset.variantUrl, which writes them, and the delivery endpoint, which reads
them, so a URL the graph hands out is always one the endpoint accepts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pixvault.assets.formats import ImageType

MAX_DIMENSION = 8000
#: How far past the original's own size a rendition may be enlarged.
MAX_UPSCALE = 2


class Fit(StrEnum):
    COVER = "cover"
    CONTAIN = "contain"
    FILL = "fill"
    INSIDE = "inside"


class Format(StrEnum):
    AUTO = "auto"
    JPEG = "jpeg"
    PNG = "png"
    WEBP = "webp"
    AVIF = "avif"
    #: Only for a GIF's own full-size delivery; not a value ``fm`` accepts.
    GIF = "gif"


REQUESTABLE = (Format.AUTO, Format.JPEG, Format.PNG, Format.WEBP, Format.AVIF)
MEDIA_TYPES = {
    Format.JPEG: "image/jpeg",
    Format.PNG: "image/png",
    Format.WEBP: "image/webp",
    Format.AVIF: "image/avif",
    Format.GIF: "image/gif",
}
DEFAULT_QUALITY = {Format.JPEG: 82, Format.WEBP: 80, Format.AVIF: 55}
#: A full-size clean copy of the original keeps more of its quality.
ORIGINAL_QUALITY = {Format.JPEG: 92, Format.WEBP: 90, Format.AVIF: 70}
#: Each source's own format when delivered without fm (HEIC, which browsers lack, as JPEG).
NATURAL = {
    ImageType.JPEG: Format.JPEG,
    ImageType.PNG: Format.PNG,
    ImageType.WEBP: Format.WEBP,
    ImageType.GIF: Format.GIF,
    ImageType.AVIF: Format.AVIF,
    ImageType.HEIC: Format.JPEG,
}
#: The parameters a delivery URL may carry, in the order URLs write them.
NAMES = ("w", "h", "fit", "fm", "q", "dl", "exp", "sig")


class BadParameterError(ValueError):
    """A delivery URL's parameters are malformed or out of bounds (HTTP 400)."""


@dataclass(frozen=True)
class Spec:
    """What the URL asks for, before the source and the Accept header are known."""

    width: int | None = None
    height: int | None = None
    fit: Fit = Fit.COVER
    format: Format | None = None
    quality: int | None = None

    @property
    def is_original(self) -> bool:
        return self.width is None and self.height is None and self.format is None

    def query(self) -> list[tuple[str, str]]:
        """The URL parameters that ask for this spec (fit only when it matters)."""
        items: list[tuple[str, str]] = []
        if self.width is not None:
            items.append(("w", str(self.width)))
        if self.height is not None:
            items.append(("h", str(self.height)))
        if self.width is not None and self.height is not None:
            items.append(("fit", self.fit.value))
        if self.format is not None:
            items.append(("fm", self.format.value))
        if self.quality is not None:
            items.append(("q", str(self.quality)))
        return items


@dataclass(frozen=True)
class Rendition:
    """A concrete output: size, fit, format and quality all settled."""

    width: int | None
    height: int | None
    fit: Fit
    format: Format
    quality: int | None
    original: bool

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def name(self) -> str:
        """The normalised parameters as a file name: equal renditions get equal names."""
        ext = self.format.value
        if self.original:
            return f"original.{ext}"
        q = f"-q{self.quality}" if self.quality is not None else ""
        return f"w{self.width or 0}-h{self.height or 0}-{self.fit.value}{q}.{ext}"


def _int(name: str, value: str, low: int, high: int) -> int:
    if not value.isdigit() or len(value) > 6:
        raise BadParameterError(f"{name} must be a whole number")
    number = int(value)
    if not low <= number <= high:
        raise BadParameterError(f"{name} must be between {low} and {high}")
    return number


def make_spec(
    width: int | None = None,
    height: int | None = None,
    fit: str = "cover",
    fm: str | None = None,
    quality: int | None = None,
) -> Spec:
    """A spec from typed values (the graph's variantUrl arguments); raises BadParameterError."""
    for name, value in (("width", width), ("height", height)):
        if value is not None and not 1 <= value <= MAX_DIMENSION:
            raise BadParameterError(f"{name} must be between 1 and {MAX_DIMENSION}")
    if quality is not None and not 1 <= quality <= 100:
        raise BadParameterError("quality must be between 1 and 100")
    try:
        fit_value = Fit(fit)
        format_value = Format(fm) if fm is not None else None
    except ValueError as error:
        raise BadParameterError(str(error)) from error
    if format_value is not None and format_value not in REQUESTABLE:
        raise BadParameterError(f"unknown format {fm}")
    both = width is not None and height is not None
    return Spec(width, height, fit_value if both else Fit.COVER, format_value, quality)


def parse(query: Sequence[tuple[str, str]]) -> tuple[Spec, dict[str, str]]:
    """The spec and the other parameters (dl, exp, sig) of a delivery URL's query."""
    values: dict[str, str] = {}
    for name, value in query:
        if name not in NAMES:
            raise BadParameterError(f"unknown parameter {name}")
        if name in values:
            raise BadParameterError(f"{name} is given twice")
        values[name] = value
    width = _int("w", values["w"], 1, MAX_DIMENSION) if "w" in values else None
    height = _int("h", values["h"], 1, MAX_DIMENSION) if "h" in values else None
    quality = _int("q", values["q"], 1, 100) if "q" in values else None
    fm = values.get("fm")
    if fm is not None and fm not in {f.value for f in REQUESTABLE}:
        raise BadParameterError(f"unknown format {fm}")
    fit = values.get("fit", "cover")
    if fit not in {f.value for f in Fit}:
        raise BadParameterError(f"unknown fit {fit}")
    if values.get("dl", "1") != "1":
        raise BadParameterError("dl must be 1")
    spec = make_spec(width, height, fit, fm, quality)
    rest = {k: v for k, v in values.items() if k in ("dl", "exp", "sig")}
    return spec, rest


def check_bounds(spec: Spec, source_width: int, source_height: int) -> None:
    """Refuse enlargements past twice the original's size."""
    if spec.width is not None and spec.width > MAX_UPSCALE * source_width:
        raise BadParameterError(f"w may be at most {MAX_UPSCALE * source_width} for this image")
    if spec.height is not None and spec.height > MAX_UPSCALE * source_height:
        raise BadParameterError(f"h may be at most {MAX_UPSCALE * source_height} for this image")


def on_ladder(spec: Spec, sizes: frozenset[int]) -> bool:
    """Whether an unsigned URL may ask for this spec: each given width and height is one of
    the public sizes (settings.public_rendition_sizes)."""
    return all(side is None or side in sizes for side in (spec.width, spec.height))


def negotiate(accept: str, has_alpha: bool) -> Format:
    """fm=auto: AVIF, else WebP, when the Accept header names them, else PNG or JPEG."""
    media = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    if "image/avif" in media:
        return Format.AVIF
    if "image/webp" in media:
        return Format.WEBP
    return Format.PNG if has_alpha else Format.JPEG


def settle(spec: Spec, source: ImageType, has_alpha: bool, accept: str) -> Rendition:
    """The concrete rendition a spec yields for this source and this Accept header."""
    if spec.format is Format.AUTO:
        fmt = negotiate(accept, has_alpha)
    elif spec.format is not None:
        fmt = spec.format
    else:
        fmt = NATURAL[source]
    full_size = spec.width is None and spec.height is None
    if fmt is Format.GIF and not (full_size and spec.format is None):
        fmt = Format.PNG  # a resized GIF is a still of its first frame
    original = full_size and fmt is NATURAL[source] and spec.quality is None
    defaults = ORIGINAL_QUALITY if original else DEFAULT_QUALITY
    quality = (spec.quality or defaults[fmt]) if fmt in defaults else None
    both = spec.width is not None and spec.height is not None
    return Rendition(
        width=spec.width,
        height=spec.height,
        fit=spec.fit if both else Fit.INSIDE,
        format=fmt,
        quality=quality,
        original=original,
    )


def query_items(query: Mapping[str, str]) -> list[tuple[str, str]]:
    """Parameters in the canonical order URLs write them."""
    return [(name, query[name]) for name in NAMES if name in query]
