"""Asset.thumbnailUrl: previews for lists and views that work for images of every size."""

from __future__ import annotations

from typing import Any

import httpx
import pyvips

from tests.conftest import gql
from tests.media import encode, path_of, uploaded

Pair = tuple[httpx.AsyncClient, str]

QUERY = """
query($id: ID!, $size: Int, $square: Boolean, $fm: ImageFormat) {
  asset(id: $id) {
    thumbnailUrl(size: $size, square: $square, format: $fm)
  }
}
"""

SQUARE_VARIANT = """
query($id: ID!) { asset(id: $id) { variantUrl(width: 320, height: 320, format: WEBP) } }
"""


async def thumbnail(client: httpx.AsyncClient, asset_id: str, **variables: Any) -> Any:
    """The delivered thumbnail, decoded, and its content type."""
    result = await gql(client, QUERY, {"id": asset_id, **variables})
    assert result.errors == [], result.body
    response = await client.get(path_of(result.data["asset"]["thumbnailUrl"]))
    assert response.status_code == 200
    return pyvips.Image.new_from_buffer(response.content, ""), response.headers["content-type"]


async def test_a_tiny_image_gets_a_square_thumbnail_where_variant_url_refuses(owner: Pair) -> None:
    client = owner[0]
    asset = await uploaded(client, encode(".png", width=40, height=30), filename="icon.png")
    refused = await gql(client, SQUARE_VARIANT, {"id": asset["id"]})
    assert refused.error_codes() == {"asset.variantUrl": "BAD_USER_INPUT"}

    image, content_type = await thumbnail(client, asset["id"])
    assert content_type == "image/webp"
    # As large as twice the shorter side allows, and square.
    assert (image.width, image.height) == (60, 60)


async def test_a_large_image_gets_the_size_asked_for(owner: Pair) -> None:
    client = owner[0]
    asset = await uploaded(client, encode(".jpg", width=600, height=400), filename="wide.jpg")
    image, content_type = await thumbnail(client, asset["id"], size=200)
    assert content_type == "image/webp"
    assert (image.width, image.height) == (200, 200)

    fitted, content_type = await thumbnail(client, asset["id"], size=300, square=False, fm="JPEG")
    assert content_type == "image/jpeg"
    assert (fitted.width, fitted.height) == (300, 200)

    small, _ = await thumbnail(client, asset["id"], size=1200, square=False, fm="PNG")
    assert (small.width, small.height) == (600, 400)  # never enlarged


async def test_size_out_of_bounds_is_bad_input(owner: Pair) -> None:
    client = owner[0]
    asset = await uploaded(client, encode(".png", width=50, height=50))
    for size in (0, 2001):
        result = await gql(client, QUERY, {"id": asset["id"], "size": size})
        assert result.error_codes() == {"asset.thumbnailUrl": "BAD_USER_INPUT"}, size
