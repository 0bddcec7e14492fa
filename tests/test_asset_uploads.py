"""uploadAsset through HTTP: accepted types decided from bytes, limits, names, storage."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import httpx
import pytest

from pixvault.accounts.models import ActivityEvent
from pixvault.assets.models import Asset
from pixvault.storage.s3 import S3Storage
from tests.conftest import Env, gql, setting
from tests.media import (
    SVG,
    XMP_PLAIN,
    encode,
    exif_blob,
    iptc_blob,
    located_jpeg,
    png_claiming,
    signed_in,
    upload,
    uploaded,
)
from tests.servers import ON_EVERY_BACKEND

pytestmark = ON_EVERY_BACKEND


@pytest.fixture
def client(owner: tuple[httpx.AsyncClient, str]) -> httpx.AsyncClient:
    return owner[0]


@pytest.fixture
def user(owner: tuple[httpx.AsyncClient, str]) -> dict[str, Any]:
    return {"id": owner[1]}


def error_code(result: Any) -> str:
    errors = result.data["uploadAsset"]["errors"]
    assert result.data["uploadAsset"]["asset"] is None
    assert len(errors) == 1, errors
    code: str = errors[0]["code"]
    return code


@pytest.mark.parametrize(
    ("suffix", "content_type"),
    [
        (".jpg", "image/jpeg"),
        (".png", "image/png"),
        (".webp", "image/webp"),
        (".gif", "image/gif"),
        (".avif", "image/avif"),
    ],
)
async def test_each_accepted_type_is_stored_with_its_facts(
    env: Env, client: httpx.AsyncClient, user: dict[str, Any], suffix: str, content_type: str
) -> None:
    data = encode(suffix, width=90, height=60)
    # The name and the declared type lie; only the bytes count.
    asset = await uploaded(client, data, filename="holiday.bmp", content_type="text/plain")
    assert asset["contentType"] == content_type
    assert (asset["width"], asset["height"]) == (90, 60)
    assert asset["byteSize"] == len(data)
    assert asset["visibility"] == "PRIVATE"
    assert asset["status"] == "ACTIVE"
    assert asset["filename"] == "holiday.bmp"
    row = await Asset.get(id=asset["id"])
    digest = hashlib.sha256(data).hexdigest()
    assert row.sha256 == digest
    assert row.original_key == f"users/{user['id']}/originals/{digest}"
    stored = await env.runtime.storage.open(row.original_key)
    assert stored is not None and await stored.read() == data


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (SVG, "UNSUPPORTED_TYPE"),
        (b"%PDF-1.4\n" + b"0" * 200, "UNSUPPORTED_TYPE"),
        (b"\x00" * 500, "UNSUPPORTED_TYPE"),
        (b"<html><script>alert(1)</script></html>", "UNSUPPORTED_TYPE"),
        # The right magic number on a body that is not an image.
        (b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 20, "UNREADABLE_IMAGE"),
        # A HEIC container this server cannot decode.
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 100, "UNREADABLE_IMAGE"),
        (b"", "EMPTY_FILE"),
    ],
)
async def test_other_files_are_refused_with_a_user_error(
    env: Env, client: httpx.AsyncClient, user: dict[str, Any], data: bytes, code: str
) -> None:
    before = await Asset.filter(owner_id=user["id"]).count()
    # An SVG named .png and declared image/png is still an SVG.
    result = await upload(client, data, filename="x.png", content_type="image/png")
    assert result.http.status_code == 200
    assert error_code(result) == code
    assert await Asset.filter(owner_id=user["id"]).count() == before
    assert list((env.settings.data_dir / "tmp").glob("spool-*")) == [], "spool left behind"


async def test_the_byte_limit_is_a_user_error_and_the_body_limit_a_413(
    env: Env, client: httpx.AsyncClient, user: dict[str, Any]
) -> None:
    data = encode(".png", width=300, height=300)
    with setting(env, "max_upload_bytes", len(data) - 1):
        assert error_code(await upload(client, data)) == "FILE_TOO_LARGE"
    with setting(env, "max_upload_bytes", 1000):
        big = await upload(client, data + b"\0" * 100_000)
        assert big.http.status_code == 413
    with setting(env, "max_upload_bytes", len(data)):
        await uploaded(client, data)


async def test_pixel_limit_is_checked_from_the_header_before_decoding(
    env: Env, client: httpx.AsyncClient, user: dict[str, Any]
) -> None:
    # 30,000 x 30,000 claimed by a 100-byte file whose pixel data is garbage: decoding it would
    # fail as UNREADABLE_IMAGE, so TOO_MANY_PIXELS shows the header alone decided.
    assert error_code(await upload(client, png_claiming(30_000, 30_000))) == "TOO_MANY_PIXELS"
    with setting(env, "max_upload_pixels", 100 * 100):
        assert error_code(await upload(client, encode(".jpg", width=101, height=100))) == (
            "TOO_MANY_PIXELS"
        )
        await uploaded(client, encode(".jpg", width=100, height=100))


async def test_storage_quota_follows_the_plan(env: Env) -> None:
    from pixvault.billing.models import Plan

    first = encode(".png", width=50, height=50)
    second = encode(".png", width=60, height=50)
    free = await Plan.get(id="free")
    original = free.storage_quota_bytes
    try:
        async with signed_in(env) as (client, _):
            await Plan.filter(id="free").update(storage_quota_bytes=len(first) + len(second) - 1)
            await uploaded(client, first)
            assert error_code(await upload(client, second)) == "QUOTA_EXCEEDED"
            await Plan.filter(id="free").update(storage_quota_bytes=len(first) + len(second))
            await uploaded(client, second)
            usage = await gql(client, "{ me { usage { storageBytes } } }")
            assert usage.data["me"]["usage"]["storageBytes"] == len(first) + len(second)
    finally:
        await Plan.filter(id="free").update(storage_quota_bytes=original)


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\Pictures\\cat.jpg", "cat.jpg"),
        ("evil\u202egpj.exe", "evilgpj.exe"),
        ("  spaced   out\u200b.jpg  ", "spaced out.jpg"),
        (".hidden.jpg", "hidden.jpg"),
        ("///", "image"),
        ("a" * 300 + ".jpeg", "a" * 250 + ".jpeg"),
    ],
)
async def test_filenames_are_cleaned_for_display_and_never_used_as_paths(
    env: Env, client: httpx.AsyncClient, user: dict[str, Any], sent: str, shown: str
) -> None:
    data = encode(".jpg", width=40 + len(sent) % 50, height=30)
    asset = await uploaded(client, data, filename=sent)
    assert asset["filename"] == shown
    row = await Asset.get(id=asset["id"])
    assert row.original_key.endswith(hashlib.sha256(data).hexdigest())


async def test_identical_uploads_share_one_stored_original(
    env: Env, client: httpx.AsyncClient, user: dict[str, Any]
) -> None:
    data = encode(".webp", width=77, height=33)
    one = await uploaded(client, data, filename="one.webp")
    two = await uploaded(client, data, filename="two.webp")
    assert one["id"] != two["id"]
    rows = await Asset.filter(id__in=[one["id"], two["id"]])
    assert len({r.original_key for r in rows}) == 1


async def test_visibility_folder_and_tags_on_upload(
    client: httpx.AsyncClient, user: dict[str, Any]
) -> None:
    asset = await uploaded(
        client,
        encode(".jpg", width=41, height=41),
        visibility="PUBLIC",
        folder="/Trips//2024/ ",
        tags=["Beach", "beach", " sunset "],
    )
    assert asset["visibility"] == "PUBLIC"
    assert asset["folder"] == "Trips/2024"
    assert asset["tags"] == ["beach", "sunset"]
    result = await upload(client, encode(".jpg"), tags=["x" * 51])
    assert error_code(result) == "INVALID_TAG"


@pytest.mark.parametrize(
    ("data", "located"),
    [
        (encode(".jpg", exif=exif_blob(gps=True)), True),
        (encode(".png", exif=exif_blob(gps=True)), True),
        (encode(".webp", exif=exif_blob(gps=True)), True),
        (encode(".jpg", xmp=b"<x>" + b"exif:GPSLatitude=1" + b"</x>"), True),
        (encode(".jpg", iptc=iptc_blob(b"Paris")), True),
        (located_jpeg(), True),
        (encode(".jpg", exif=exif_blob(gps=False), xmp=XMP_PLAIN), False),
        (encode(".png"), False),
    ],
)
async def test_location_metadata_is_detected_and_told_to_the_owner(
    client: httpx.AsyncClient, user: dict[str, Any], data: bytes, located: bool
) -> None:
    asset = await uploaded(client, data)
    assert asset["hasLocationData"] is located


async def test_orientation_sets_the_displayed_size(
    client: httpx.AsyncClient, user: dict[str, Any]
) -> None:
    data = encode(".jpg", width=120, height=80, exif=exif_blob(orientation=6, gps=False))
    asset = await uploaded(client, data)
    assert (asset["width"], asset["height"]) == (80, 120)


async def test_upload_is_recorded_as_activity(
    client: httpx.AsyncClient, user: dict[str, Any]
) -> None:
    asset = await uploaded(client, encode(".jpg", width=43, height=43))
    event = await ActivityEvent.filter(user_id=user["id"], kind="UPLOAD").order_by("-id").first()
    assert event is not None and event.target == asset["id"]
    assert event.ip_address == client._transport.client[0]  # type: ignore[attr-defined]


async def test_anonymous_uploads_are_refused(env: Env) -> None:
    async with env.client() as anonymous:
        result = await upload(anonymous, encode(".jpg"))
    assert error_code(result) == "UNAUTHENTICATED"


async def test_cookie_authenticated_multipart_needs_x_requested_with(
    client: httpx.AsyncClient, user: dict[str, Any]
) -> None:
    operations = {"query": "mutation($f: Upload!) { uploadAsset(file: $f) { errors { code } } }"}
    operations["variables"] = {"f": None}  # type: ignore[assignment]
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.f"]})},
        files={"0": ("a.jpg", encode(".jpg"), "image/jpeg")},
    )
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "CSRF"


async def test_uploads_need_a_file_not_a_string(
    client: httpx.AsyncClient, user: dict[str, Any]
) -> None:
    result = await gql(
        client,
        "mutation($f: Upload!) { uploadAsset(file: $f) { errors { code } } }",
        {"f": "not a file"},
    )
    assert result.data["uploadAsset"]["errors"][0]["code"] == "INVALID_FILE"


async def test_originals_land_in_the_configured_backend(
    env: Env, client: httpx.AsyncClient, user: dict[str, Any]
) -> None:
    data = encode(".jpg", width=123, height=45)
    row = await Asset.get(id=(await uploaded(client, data))["id"])
    on_disk = env.settings.data_dir / "storage" / row.original_key
    storage = env.runtime.storage
    if isinstance(storage, S3Storage):
        assert not on_disk.exists()
        head = storage.client.head_object(Bucket=storage.bucket, Key="pv/" + row.original_key)
        assert head["ContentLength"] == len(data)
        assert head["ContentType"] == "image/jpeg"
    else:
        assert on_disk.read_bytes() == data
