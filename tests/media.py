"""Images made for tests with pyvips, with or without location metadata, and upload helpers."""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
import pyvips

from tests.conftest import GraphQLResponse

RED = [255, 0, 0]

# A GPS position written into test images; no delivered byte may carry it.
GPS_LATITUDE = (51, 30, 12)
GPS_LONGITUDE = (0, 7, 39)


def _ifd(entries: list[tuple[int, int, int, bytes]], data_offset: int) -> bytes:
    """A little-endian TIFF IFD; values longer than 4 bytes go right after it."""
    head = struct.pack("<H", len(entries))
    extra = b""
    for tag, kind, count, value in entries:
        if len(value) <= 4:
            head += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\0")
        else:
            head += struct.pack("<HHII", tag, kind, count, data_offset + len(extra))
            extra += value
    return head + struct.pack("<I", 0) + extra


def _rationals(values: tuple[int, ...]) -> bytes:
    return b"".join(struct.pack("<II", v, 1) for v in values)


def exif_blob(*, orientation: int = 1, gps: bool = True) -> bytes:
    """An EXIF block with an orientation and, optionally, a GPS IFD."""
    ifd0_entries = [(0x0112, 3, 1, struct.pack("<H", orientation))]
    if gps:
        ifd0_entries.append((0x8825, 4, 1, b"\0\0\0\0"))
    ifd0_size = 2 + 12 * len(ifd0_entries) + 4
    gps_offset = 8 + ifd0_size
    if gps:
        ifd0_entries[-1] = (0x8825, 4, 1, struct.pack("<I", gps_offset))
    tiff = b"II*\0" + struct.pack("<I", 8) + _ifd(ifd0_entries, 8 + ifd0_size)
    if gps:
        gps_entries = [
            (1, 2, 2, b"N\0"),
            (2, 5, 3, _rationals(GPS_LATITUDE)),
            (3, 2, 2, b"W\0"),
            (4, 5, 3, _rationals(GPS_LONGITUDE)),
        ]
        tiff += _ifd(gps_entries, gps_offset + 2 + 12 * len(gps_entries) + 4)
    return b"Exif\0\0" + tiff


XMP_GPS = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.2N" '
    b'exif:GPSLongitude="0,7.65W"/></rdf:RDF></x:xmpmeta>'
)
XMP_PLAIN = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="image/jpeg"/></rdf:RDF>'
    b"</x:xmpmeta>"
)


def iptc_blob(city: bytes = b"London") -> bytes:
    """A Photoshop APP13 block holding an IPTC-IIM City (2:90) dataset."""
    iim = b"\x1c\x02\x5a" + struct.pack(">H", len(city)) + city
    iim += b"\0" * (len(iim) % 2)
    return b"Photoshop 3.0\0" + b"8BIM\x04\x04\0\0" + struct.pack(">I", len(iim)) + iim


def picture(width: int = 120, height: int = 80, *, alpha: bool = False) -> Any:
    """A grey image with a red block in its top-left corner (to see rotations)."""
    image = (pyvips.Image.black(width, height, bands=3) + 128).cast("uchar")
    block = (pyvips.Image.black(width // 4, height // 4, bands=3) + RED).cast("uchar")
    image = image.insert(block, 0, 0).copy(interpretation="srgb")
    if alpha:
        image = image.bandjoin(255)
    return image.copy()


def encode(
    suffix: str,
    *,
    width: int = 120,
    height: int = 80,
    exif: bytes | None = None,
    xmp: bytes | None = None,
    iptc: bytes | None = None,
    alpha: bool = False,
) -> bytes:
    image = picture(width, height, alpha=alpha)
    if exif is not None:
        image.set_type(pyvips.GValue.blob_type, "exif-data", exif)
    if xmp is not None:
        image.set_type(pyvips.GValue.blob_type, "xmp-data", xmp)
    if iptc is not None:
        image.set_type(pyvips.GValue.blob_type, "iptc-data", iptc)
    data: bytes = image.write_to_buffer(suffix, keep=pyvips.ForeignKeep.ALL)
    return data


def located_jpeg(**kwargs: Any) -> bytes:
    """A JPEG carrying GPS in EXIF and XMP, and a city in IPTC."""
    return encode(".jpg", exif=exif_blob(**kwargs), xmp=XMP_GPS, iptc=iptc_blob(), width=120)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height: a decompression bomb's header."""
    data = bytearray(encode(".png", width=8, height=8))
    struct.pack_into(">II", data, 16, width, height)
    struct.pack_into(">I", data, 29, zlib.crc32(bytes(data[12:29])))
    return bytes(data)


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<rect width="10" height="10" fill="red"/></svg>'
)

UPLOAD = """
mutation Upload($file: Upload!, $visibility: Visibility, $folder: String, $tags: [String!]) {
  uploadAsset(file: $file, visibility: $visibility, folder: $folder, tags: $tags) {
    asset {
      id filename contentType byteSize width height visibility status folder tags
      hasLocationData url
    }
    errors { field code message }
  }
}
"""


async def upload(
    client: httpx.AsyncClient,
    data: bytes,
    filename: str = "photo.jpg",
    content_type: str = "image/jpeg",
    **variables: Any,
) -> GraphQLResponse:
    """uploadAsset per the GraphQL multipart request spec (with the CSRF header)."""
    operations = {"query": UPLOAD, "variables": {"file": None, **variables}}
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (filename, data, content_type)},
        headers={"X-Requested-With": "pixvault-tests"},
    )
    return GraphQLResponse(response)


async def uploaded(client: httpx.AsyncClient, data: bytes, **kwargs: Any) -> dict[str, Any]:
    """Upload and return the new asset, failing the test on any error."""
    result = await upload(client, data, **kwargs)
    payload = result.data["uploadAsset"]
    assert payload["errors"] == [], payload
    asset: dict[str, Any] = payload["asset"]
    return asset


def metadata_fields(data: bytes) -> list[str]:
    """The EXIF, XMP and IPTC fields libvips finds in an encoded image."""
    image = pyvips.Image.new_from_buffer(data, "")
    return [
        f
        for f in image.get_fields()
        if f.startswith(("exif-", "xmp-", "iptc-")) or f == "orientation"
    ]


@asynccontextmanager
async def signed_in(
    env: Any, role: str = "CUSTOMER"
) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    """A new user (created directly, so sign-up throttles do not apply) and a client logged in
    as them."""
    from tests.conftest import log_in, make_staff

    user_id, email = await make_staff(env, role)
    async with env.client() as client:
        result = await log_in(client, email)
        assert result.data["logIn"]["errors"] == [], result.body
        yield client, user_id


def path_of(url: str) -> str:
    """A delivery URL relative to the app (what the test client requests)."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def with_query(url: str, **changes: str | None) -> str:
    """``url``'s path with its query changed: a value replaces a parameter, None drops it."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return f"{parts.path}?{urlencode(query)}" if query else parts.path
