"""New renditions through public URLs (issue 22, point 5): a bounded set of sizes, a cap per
asset on top of the limit per address, and a share of the owner's monthly transformations that
strangers can never pass, so the owner's own renditions keep working."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator

import httpx
import pytest

from pixvault.billing.metering import TRANSFORMATIONS, meter
from tests.conftest import Env, gql
from tests.media import encode, path_of, signed_in, uploaded, with_query

Pair = tuple[httpx.AsyncClient, str]
_widths = itertools.count(500, 2)
VARIANT = "query($id: ID!, $w: Int) { asset(id: $id) { variantUrl(width: $w) } }"


@pytest.fixture
async def owner(env: Env) -> AsyncIterator[Pair]:
    """A new owner per test, so each starts with a whole month of transformations."""
    async with signed_in(env) as pair:
        yield pair


async def public_image(owner: Pair) -> str:
    data = encode(".jpg", width=next(_widths), height=300)
    asset = await uploaded(owner[0], data, visibility="PUBLIC")
    return str(asset["id"])


async def test_unsigned_urls_ask_only_for_the_public_sizes(env: Env, owner: Pair) -> None:
    asset_id = await public_image(owner)
    async with env.client() as stranger:
        refused = await stranger.get(f"/i/{asset_id}?w=31")
        assert refused.status_code == 400 and "must be one of" in refused.text
        assert (await stranger.get(f"/i/{asset_id}?w=32&h=48")).status_code == 200
        # Other sizes come from the graph, signed: such a URL cannot be turned into another.
        url = (await gql(stranger, VARIANT, {"id": asset_id, "w": 31})).data["asset"]
        signed = path_of(url["variantUrl"])
        assert "sig=" in signed
        assert (await stranger.get(signed)).status_code == 200
        assert (await stranger.get(with_query(signed, w="33"))).status_code == 403
        on_ladder = (await gql(stranger, VARIANT, {"id": asset_id, "w": 64})).data["asset"]
        assert "sig=" not in on_ladder["variantUrl"]


async def test_new_renditions_of_one_asset_are_capped_across_addresses(
    env: Env, owner: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(env.settings, "public_renditions_per_asset_per_hour", 3)
    asset_id = await public_image(owner)
    statuses = []
    for width in (16, 24, 32, 48):  # each from an address of its own
        async with env.client() as stranger:
            statuses.append((await stranger.get(f"/i/{asset_id}?w={width}")).status_code)
    assert statuses == [200, 200, 200, 429]
    async with env.client() as stranger:
        assert (await stranger.get(f"/i/{asset_id}?w=16")).status_code == 200, "cached"
        assert (await stranger.get(f"/i/{await public_image(owner)}?w=48")).status_code == 200
    assert (await owner[0].get(f"/i/{asset_id}?w=48")).status_code == 200, "the owner's own"


async def test_strangers_cannot_spend_the_owners_share_of_transformations(
    env: Env, owner: Pair
) -> None:
    asset_id = await public_image(owner)
    plan = (await gql(owner[0], "{ me { plan { monthlyTransformations } } }")).data["me"]
    quota = plan["plan"]["monthlyTransformations"]
    share = quota * env.settings.public_transformation_share_percent // 100
    meter.add(owner[1], TRANSFORMATIONS, share - 1)  # earlier public traffic this month

    async with env.client() as stranger:
        assert (await stranger.get(f"/i/{asset_id}?w=64")).status_code == 200
    async with env.client() as another:
        refused = await another.get(f"/i/{asset_id}?w=96")
        assert refused.status_code == 429 and "public requests" in refused.text
        assert (await another.get(f"/i/{asset_id}?w=64")).status_code == 200, "cached"
    # The owner's own new renditions (their library's thumbnails) still work.
    assert (await owner[0].get(f"/i/{asset_id}?w=96")).status_code == 200
    thumbnail = await gql(
        owner[0], "query($id: ID!) { asset(id: $id) { thumbnailUrl(size: 128) } }", {"id": asset_id}
    )
    assert (await owner[0].get(path_of(thumbnail.data["asset"]["thumbnailUrl"]))).status_code == 200
