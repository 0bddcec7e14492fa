"""Finding location metadata in an image's header: EXIF GPS, XMP and IPTC place fields.

Detection only tells the owner; delivery strips all of it regardless (see assets/render.py).
"""

from __future__ import annotations

import re
import struct
from typing import Any

_XMP_LOCATION = re.compile(
    rb"GPS[A-Z][A-Za-z]*|photoshop:(?:City|State|Country)|"
    rb"Iptc4xmpCore:(?:Location|CountryCode)|"
    rb"Iptc4xmpExt:(?:LocationCreated|LocationShown|City|CountryName|ProvinceState|Sublocation)"
)
#: IPTC-IIM record 2 datasets that name a place: content location code and name, city,
#: sub-location, province or state, country code and country name.
_IPTC_PLACES = {26, 27, 90, 92, 95, 100, 101}
_GPS_POINTER_TAG = 0x8825


def _blob(image: Any, name: str) -> bytes:
    if image.get_typeof(name) == 0:
        return b""
    value = image.get(name)
    return bytes(value) if isinstance(value, (bytes, bytearray)) else b""


def exif_has_gps(exif: bytes) -> bool:
    """Whether IFD0 of a (possibly 'Exif\\0\\0'-prefixed) TIFF block points at a GPS IFD."""
    tiff = exif[6:] if exif.startswith(b"Exif\x00\x00") else exif
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return False
    order = "<" if tiff[:2] == b"II" else ">"
    (offset,) = struct.unpack(order + "I", tiff[4:8])
    if offset + 2 > len(tiff):
        return False
    (count,) = struct.unpack(order + "H", tiff[offset : offset + 2])
    for i in range(count):
        start = offset + 2 + 12 * i
        if start + 12 > len(tiff):
            return False
        tag, _, _, value = struct.unpack(order + "HHII", tiff[start : start + 12])
        if tag == _GPS_POINTER_TAG and value:
            return True
    return False


def xmp_has_location(xmp: bytes) -> bool:
    return _XMP_LOCATION.search(xmp) is not None


def iptc_has_location(iptc: bytes) -> bool:
    """Scan IPTC-IIM datasets (tag marker 0x1C, record 2) for a non-empty place field."""
    i = 0
    while (i := iptc.find(b"\x1c\x02", i)) != -1 and i + 5 <= len(iptc):
        dataset = iptc[i + 2]
        (length,) = struct.unpack(">H", iptc[i + 3 : i + 5])
        if dataset in _IPTC_PLACES and length and not length & 0x8000:
            return True
        i += 1
    return False


def has_location_data(image: Any) -> bool:
    """Whether a pyvips image's header carries GPS or other location metadata."""
    if any(field.startswith("exif-ifd3-") for field in image.get_fields()):
        return True
    return (
        exif_has_gps(_blob(image, "exif-data"))
        or xmp_has_location(_blob(image, "xmp-data"))
        or iptc_has_location(_blob(image, "iptc-data"))
    )
