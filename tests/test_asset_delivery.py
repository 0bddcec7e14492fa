"""The delivery endpoint through HTTP: signatures, parameters, caching, metadata stripping."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
import pyvips

from pixvault.accounts.models import ActivityEvent
from pixvault.assets import library
from pixvault.assets.delivery import lookup
from pixvault.assets.models import Asset
from pixvault.billing.usage import current_usage
from pixvault.core.clock import clock
from tests.conftest import Env, gql
from tests.media import (
    XMP_GPS,
    encode,
    exif_blob,
    iptc_blob,
    metadata_fields,
    path_of,
    uploaded,
    with_query,
)
from tests.servers import ON_EVERY_BACKEND
from tests.waiting import eventually

pytestmark = ON_EVERY_BACKEND

Pair = tuple[httpx.AsyncClient, str]
_widths = itertools.count(200, 2)


@pytest.fixture
async def anonymous(env: Env) -> AsyncIterator[httpx.AsyncClient]:
    async with env.client() as client:
        yield client


URLS = """
query($id: ID!, $w: Int, $h: Int, $fit: ImageFit, $fm: ImageFormat, $q: Int) {
  asset(id: $id) {
    url
    variantUrl(width: $w, height: $h, fit: $fit, format: $fm, quality: $q)
    downloadUrl
  }
}
"""


async def urls(client: httpx.AsyncClient, asset_id: str, **params: Any) -> dict[str, Any]:
    result = await gql(client, URLS, {"id": asset_id, **params})
    found: dict[str, Any] = result.data["asset"]
    return found


def no_location_left(body: bytes) -> None:
    """Neither libvips nor a byte scan finds EXIF, XMP, IPTC or the GPS position in ``body``."""
    assert metadata_fields(body) == []
    for marker in (b"Exif", b"GPS", b"xmpmeta", b"8BIM", b"London"):
        assert marker not in body, marker


def decoded(body: bytes) -> Any:
    return pyvips.Image.new_from_buffer(body, "")


def red_at(image: Any, x: int, y: int) -> bool:
    pixel = image.getpoint(x, y)
    return bool(pixel[0] > 200 and pixel[1] < 60 and pixel[2] < 60)


def located(width: int, orientation: int = 6, suffix: str = ".jpg") -> bytes:
    """An image with GPS in EXIF and XMP, an IPTC city, and an EXIF orientation."""
    return encode(
        suffix,
        width=width,
        height=100,
        exif=exif_blob(orientation=orientation),
        xmp=XMP_GPS,
        iptc=iptc_blob(),
    )


async def upload_located(owner: Pair, visibility: str = "PUBLIC") -> dict[str, Any]:
    return await uploaded(owner[0], located(next(_widths)), visibility=visibility)


async def test_public_original_needs_no_signature_and_is_stripped_and_upright(
    owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset = await upload_located(owner)
    assert asset["hasLocationData"] is True
    url = asset["url"]
    assert "sig=" not in url and "exp=" not in url
    response = await anonymous.get(path_of(url))
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert int(response.headers["content-length"]) == len(response.content)
    # Recallable, so never immutable (see test_asset_recall.py for every case).
    assert response.headers["cache-control"] == "public, max-age=300, s-maxage=300"
    assert "vary" not in response.headers
    assert response.headers["etag"]
    no_location_left(response.content)
    # Orientation 6 applied: a wide upload arrives tall, its red top-left block top-right.
    image = decoded(response.content)
    assert (image.width, image.height) == (asset["width"], asset["height"])
    assert image.width == 100 and image.height > 100
    assert red_at(image, image.width - 3, 3) and not red_at(image, 3, 3)


@pytest.mark.parametrize("fm", ["JPEG", "PNG", "WEBP", "AVIF"])
async def test_no_rendition_in_any_format_keeps_location_metadata(
    owner: Pair, anonymous: httpx.AsyncClient, fm: str
) -> None:
    asset = await upload_located(owner)
    variant = (await urls(owner[0], asset["id"], w=60, fm=fm))["variantUrl"]
    response = await anonymous.get(path_of(variant))
    assert response.status_code == 200
    assert response.headers["content-type"] == f"image/{fm.lower()}"
    no_location_left(response.content)
    image = decoded(response.content)
    assert image.width == 60
    assert red_at(image, image.width - 2, 2), "orientation applied"


@pytest.mark.parametrize("suffix", [".png", ".webp"])
async def test_other_sources_are_stripped_too(
    owner: Pair, anonymous: httpx.AsyncClient, suffix: str
) -> None:
    data = encode(suffix, width=next(_widths), height=90, exif=exif_blob(), xmp=XMP_GPS)
    asset = await uploaded(owner[0], data, visibility="PUBLIC")
    assert asset["hasLocationData"] is True
    for url in (asset["url"], (await urls(owner[0], asset["id"], w=50))["variantUrl"]):
        response = await anonymous.get(path_of(url))
        assert response.status_code == 200
        no_location_left(response.content)


@pytest.mark.parametrize(
    ("fit", "size"),
    [("COVER", (50, 50)), ("CONTAIN", (50, 50)), ("FILL", (50, 50)), ("INSIDE", (50, 25))],
)
async def test_fits(
    owner: Pair, anonymous: httpx.AsyncClient, fit: str, size: tuple[int, int]
) -> None:
    asset = await uploaded(owner[0], encode(".png", width=200, height=100), visibility="PUBLIC")
    variant = (await urls(owner[0], asset["id"], w=50, h=50, fit=fit, fm="PNG"))["variantUrl"]
    response = await anonymous.get(path_of(variant))
    image = decoded(response.content)
    assert (image.width, image.height) == size
    if fit == "CONTAIN":
        assert image.bands == 4 and image.getpoint(25, 2)[3] == 0, "padding is transparent"


async def test_auto_format_follows_accept_and_varies_on_it(
    owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset = await uploaded(owner[0], encode(".jpg", width=next(_widths)), visibility="PUBLIC")
    variant = path_of((await urls(owner[0], asset["id"], w=40))["variantUrl"])
    assert "fm=auto" in variant
    cases = {
        "image/avif,image/webp,image/*,*/*;q=0.8": "image/avif",
        "image/webp,*/*": "image/webp",
        "image/png,image/*;q=0.8": "image/jpeg",
    }
    etags = set()
    for accept, media_type in cases.items():
        response = await anonymous.get(variant, headers={"Accept": accept})
        assert response.status_code == 200
        assert response.headers["content-type"] == media_type
        assert response.headers["vary"] == "Accept"
        etags.add(response.headers["etag"])
    assert len(etags) == 3
    alpha = await uploaded(owner[0], encode(".png", width=77, alpha=True), visibility="PUBLIC")
    alpha_variant = path_of((await urls(owner[0], alpha["id"], w=40))["variantUrl"])
    fallback = await anonymous.get(alpha_variant, headers={"Accept": "*/*"})
    assert fallback.headers["content-type"] == "image/png"


async def test_private_assets_need_a_valid_unexpired_signature(
    owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset = await upload_located(owner, visibility="PRIVATE")
    found = await urls(owner[0], asset["id"], w=64)
    for url in (found["url"], found["variantUrl"]):
        assert "sig=" in url and "exp=" in url
        ok = await anonymous.get(path_of(url))
        assert ok.status_code == 200
        assert ok.headers["cache-control"].startswith("private, max-age=")
        no_location_left(ok.content)
        assert (await anonymous.get(with_query(url, sig=None))).status_code == 403
        assert (await anonymous.get(with_query(url, exp=None))).status_code == 403
        assert (await anonymous.get(with_query(url, sig="A" * 24))).status_code == 403
        later = str(int(dict(parse_qsl(urlsplit(url).query))["exp"]) + 600)
        assert (await anonymous.get(with_query(url, exp=later))).status_code == 403
        assert (await anonymous.get(with_query(url, w="65"))).status_code == 403
        assert (await anonymous.get(with_query(url, q="50"))).status_code == 403
    clock.advance(timedelta(hours=2))
    assert (await anonymous.get(path_of(found["variantUrl"]))).status_code == 403


async def test_signed_urls_are_stable_within_their_window(owner: Pair) -> None:
    asset = await uploaded(owner[0], encode(".jpg", width=next(_widths)))
    first = await urls(owner[0], asset["id"], w=30)
    clock.advance(timedelta(seconds=1))
    assert await urls(owner[0], asset["id"], w=30) == first


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("w=401", 400),  # more than twice the 200 px original
        ("h=201", 400),
        ("w=8001", 400),
        ("w=0", 400),
        ("w=abc", 400),
        ("w=-5", 400),
        ("q=0", 400),
        ("q=101", 400),
        ("fm=gif", 400),
        ("fm=tiff", 400),
        ("fit=crop", 400),
        ("w=10&w=20", 400),
        ("blur=5", 400),
        ("w=30", 400),  # not one of the public sizes (PIXVAULT_PUBLIC_RENDITION_SIZES)
        ("w=400&h=192&fit=fill&q=1&fm=webp", 200),
        ("q=100", 200),
    ],
)
async def test_parameters_are_checked(
    owner: Pair, anonymous: httpx.AsyncClient, query: str, status: int
) -> None:
    asset = await uploaded(owner[0], encode(".jpg", width=200, height=100), visibility="PUBLIC")
    response = await anonymous.get(f"/i/{asset['id']}?{query}")
    assert response.status_code == status, response.text


async def test_variant_url_refuses_what_delivery_would(owner: Pair) -> None:
    asset = await uploaded(owner[0], encode(".jpg", width=200, height=100))
    for params in ({"w": 401}, {"w": 9000}, {"h": 0}, {"q": 101}):
        result = await gql(owner[0], URLS, {"id": asset["id"], **params})
        assert result.errors[0]["extensions"]["code"] == "BAD_USER_INPUT", params


async def test_unknown_deleted_and_quarantined(owner: Pair, anonymous: httpx.AsyncClient) -> None:
    assert (await anonymous.get("/i/not-a-uuid")).status_code == 404
    assert (await anonymous.get("/i/7d4c7d0e-0000-4000-8000-000000000000")).status_code == 404
    public = await uploaded(owner[0], encode(".jpg", width=next(_widths)), visibility="PUBLIC")
    private = await uploaded(owner[0], encode(".jpg", width=next(_widths)))
    private_url = (await urls(owner[0], private["id"]))["url"]
    for url in (public["url"], private_url):
        assert (await anonymous.get(path_of(url))).status_code == 200
    for asset in (public, private):
        await library.set_status(asset["id"], "QUARANTINED")
    assert (await anonymous.get(path_of(public["url"]))).status_code == 451
    assert (await anonymous.get(path_of(private_url))).status_code == 451
    assert (await anonymous.get(with_query(private_url, sig=None))).status_code == 403
    await library.set_status(public["id"], "REMOVED")
    assert (await anonymous.get(path_of(public["url"]))).status_code == 404


async def test_visibility_changes_take_effect_at_once(
    owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset = await uploaded(owner[0], encode(".jpg", width=next(_widths)), visibility="PUBLIC")
    assert (await anonymous.get(path_of(asset["url"]))).status_code == 200
    update = """
    mutation($id: ID!, $v: Visibility) { updateAsset(id: $id, input: {visibility: $v}) {
      errors { code } } }
    """
    await gql(owner[0], update, {"id": asset["id"], "v": "PRIVATE"})
    # The public URL carried a version the switch retired (test_asset_recall.py).
    assert (await anonymous.get(path_of(asset["url"]))).status_code == 404


async def test_changes_from_other_processes_are_seen_within_the_ttl(
    owner: Pair, anonymous: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lookup, "TTL_SECONDS", 0.2)
    asset = await uploaded(owner[0], encode(".jpg", width=next(_widths)), visibility="PUBLIC")
    assert (await anonymous.get(path_of(asset["url"]))).status_code == 200
    # As another worker would: straight to the database, no in-process forget.
    await Asset.filter(id=asset["id"]).update(visibility="PRIVATE")

    async def refused() -> bool:
        return (await anonymous.get(path_of(asset["url"]))).status_code == 404

    assert await eventually(refused)


async def test_etag_and_304(owner: Pair, anonymous: httpx.AsyncClient) -> None:
    asset = await uploaded(owner[0], encode(".jpg", width=next(_widths)), visibility="PUBLIC")
    first = await anonymous.get(path_of(asset["url"]))
    etag = first.headers["etag"]
    again = await anonymous.get(path_of(asset["url"]), headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert again.headers["cache-control"] == first.headers["cache-control"]
    changed = await anonymous.get(path_of(asset["url"]), headers={"If-None-Match": '"other"'})
    assert changed.status_code == 200
    head = await anonymous.head(path_of(asset["url"]))
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == first.headers["content-length"]


async def test_renditions_are_made_once_and_cached_in_storage(
    env: Env, owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    client, owner_id = owner
    asset = await uploaded(client, encode(".jpg", width=next(_widths)), visibility="PUBLIC")
    variant = path_of((await urls(client, asset["id"], w=33, fm="WEBP"))["variantUrl"])
    made = (await current_usage(owner_id)).transformations
    bodies = [(await anonymous.get(variant)).content for _ in range(3)]
    assert bodies[0] == bodies[1] == bodies[2]
    assert (await current_usage(owner_id)).transformations == made + 1
    key = f"users/{owner_id}/renditions/{asset['id']}/w33-h0-inside-q80.webp"
    stored = await env.runtime.storage.open(key)
    assert stored is not None and await stored.read() == bodies[0]
    # Equal parameters written differently are the same rendition.
    await anonymous.get(f"/i/{asset['id']}?fm=webp&w=33&q=80")
    assert (await current_usage(owner_id)).transformations == made + 1


async def test_owner_downloads_the_untouched_original(
    owner: Pair, other: Pair, anonymous: httpx.AsyncClient
) -> None:
    data = located(next(_widths))
    asset = await uploaded(owner[0], data, filename="trip.jpeg", visibility="PUBLIC")
    rename = """
    mutation($id: ID!, $i: UpdateAssetInput!) { updateAsset(id: $id, input: $i) { asset { id } } }
    """
    await gql(owner[0], rename, {"id": asset["id"], "i": {"filename": 'Ünïcode "trip"'}})
    download = (await urls(owner[0], asset["id"]))["downloadUrl"]
    assert "dl=1" in download and "sig=" in download
    response = await anonymous.get(path_of(download))
    assert response.status_code == 200
    assert response.content == data, "byte for byte, location metadata included"
    assert response.headers["cache-control"] == "private, no-store"
    disposition = response.headers["content-disposition"]
    # The name as the owner gave it, with the extension the bytes really have.
    assert disposition.startswith('attachment; filename="Unicode trip.jpg"')
    assert "filename*=UTF-8''U%CC%88ni%CC%88code%20%22trip%22.jpg" in disposition or (
        "filename*=UTF-8''%C3%9Cn%C3%AFcode%20%22trip%22.jpg" in disposition
    )
    # Only the owner gets the link; without its signature dl is refused even when public.
    others = await gql(other[0], URLS, {"id": asset["id"]})
    assert others.data["asset"]["downloadUrl"] is None
    assert others.error_codes()["asset.downloadUrl"] == "FORBIDDEN"
    assert (await anonymous.get(f"/i/{asset['id']}?dl=1")).status_code == 403
    assert (await anonymous.get(with_query(download, w="10"))).status_code == 403


async def test_views_and_downloads_are_counted_and_the_owners_recorded(
    env: Env, owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    client, owner_id = owner
    asset = await uploaded(client, encode(".jpg", width=next(_widths)), visibility="PUBLIC")
    found = await urls(client, asset["id"])
    delivered_before = (await current_usage(owner_id)).bandwidth_bytes
    for _ in range(3):
        assert (await anonymous.get(path_of(found["url"]))).status_code == 200
    for _ in range(2):
        assert (await client.get(path_of(found["url"]))).status_code == 200
    assert (await client.get(path_of(found["downloadUrl"]))).status_code == 200
    await env.app.state.delivery.counters.flush()  # type: ignore[attr-defined]
    counts = await gql(
        client,
        "query($id: ID!) { asset(id: $id) { viewCount downloadCount } }",
        {"id": asset["id"]},
    )
    assert counts.data["asset"] == {"viewCount": 5, "downloadCount": 1}
    events = await ActivityEvent.filter(user_id=owner_id, target=asset["id"]).order_by("id")
    # The owner's two views make one VIEW; the anonymous views are only counted.
    assert [e.kind for e in events] == ["UPLOAD", "VIEW", "DOWNLOAD"]
    assert events[0].browser == "Chrome"
    assert (await current_usage(owner_id)).bandwidth_bytes > delivered_before


async def test_a_gif_stays_a_gif_in_full_and_becomes_a_still_when_resized(
    owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    frame = pyvips.Image.new_from_buffer(encode(".png", width=60, height=40), "")
    pages = [frame, frame.flip("horizontal")]
    animation = pyvips.Image.arrayjoin(pages, across=1).copy()
    animation.set_type(pyvips.GValue.gint_type, "page-height", 40)
    data = animation.write_to_buffer(".gif")
    assert pyvips.Image.new_from_buffer(data, "", n=-1).get("n-pages") == 2
    asset = await uploaded(owner[0], data, visibility="PUBLIC")
    full = await anonymous.get(path_of(asset["url"]))
    assert full.headers["content-type"] == "image/gif"
    assert pyvips.Image.new_from_buffer(full.content, "", n=-1).get("n-pages") == 2
    small = (await urls(owner[0], asset["id"], w=30))["variantUrl"]
    still = await anonymous.get(path_of(small), headers={"Accept": "image/png"})
    assert still.headers["content-type"] == "image/png"


async def test_new_public_renditions_are_rate_limited_per_address(
    env: Env, owner: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(env.settings, "public_renditions_per_minute", 2)
    public = await uploaded(owner[0], encode(".jpg", width=next(_widths)), visibility="PUBLIC")
    private = await uploaded(owner[0], encode(".jpg", width=next(_widths)))
    address = f"198.51.100.{next(_widths) % 250}"
    transport = httpx.ASGITransport(app=env.app, client=(address, 4000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as visitor:
        statuses = [
            (await visitor.get(f"/i/{public['id']}?w={w}")).status_code for w in (16, 24, 32)
        ]
        assert statuses == [200, 200, 429]
        assert (await visitor.get(f"/i/{public['id']}?w=16")).status_code == 200, "cached"
        signed = (await urls(owner[0], private["id"], w=12))["variantUrl"]
        assert (await visitor.get(path_of(signed))).status_code == 200, "signed: not limited"
