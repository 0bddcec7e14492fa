"""The library through the graph: queries, filters, pagination, guards, edits, deletion."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from pixvault.assets import library
from pixvault.assets.models import Asset
from pixvault.audit.models import AuditEntry
from pixvault.core.clock import now
from pixvault.safety.models import AbuseReport
from tests.conftest import Env, gql
from tests.media import encode, located_jpeg, signed_in, uploaded
from tests.servers import ON_EVERY_BACKEND
from tests.sql_count import counting_queries

pytestmark = ON_EVERY_BACKEND

Pair = tuple[httpx.AsyncClient, str]


@pytest.fixture
async def anonymous(env: Env) -> AsyncIterator[httpx.AsyncClient]:
    async with env.client() as client:
        yield client


_sizes = itertools.count(40)


def fresh(suffix: str = ".jpg") -> bytes:
    """A new image each call (a distinct size), so uploads never share an original."""
    return encode(suffix, width=next(_sizes), height=20)


ASSET = """
query($id: ID!) {
  asset(id: $id) {
    id filename visibility status folder tags
    owner { id }
    hasLocationData viewCount downloadCount
  }
}
"""

UPDATE = """
mutation($id: ID!, $input: UpdateAssetInput!) {
  updateAsset(id: $id, input: $input) {
    asset { id filename visibility folder tags }
    errors { field code message }
  }
}
"""

DELETE = "mutation($id: ID!) { deleteAsset(id: $id) { deletedId errors { code } } }"


async def test_owner_sees_everything_about_their_asset(owner: Pair) -> None:
    client, owner_id = owner
    asset = await uploaded(client, located_jpeg())
    result = await gql(client, ASSET, {"id": asset["id"]})
    assert result.errors == []
    got = result.data["asset"]
    assert got["owner"] == {"id": owner_id}
    assert got["hasLocationData"] is True
    assert (got["viewCount"], got["downloadCount"]) == (0, 0)


async def test_private_assets_are_invisible_to_others(
    owner: Pair, other: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset = await uploaded(owner[0], fresh())
    for client in (other[0], anonymous):
        result = await gql(client, ASSET, {"id": asset["id"]})
        assert result.data["asset"] is None
    assert (await gql(owner[0], ASSET, {"id": "not-a-uuid"})).data["asset"] is None


async def test_public_assets_show_to_anyone_without_owner_or_owner_only_fields(
    owner: Pair, other: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset = await uploaded(owner[0], located_jpeg(orientation=3), visibility="PUBLIC")
    for client, denial in ((other[0], "FORBIDDEN"), (anonymous, "UNAUTHENTICATED")):
        result = await gql(client, ASSET, {"id": asset["id"]})
        got = result.data["asset"]
        # The owner's filename is theirs until they publish it (tests/test_public_details.py).
        assert got["id"] == asset["id"] and got["filename"] == "image.jpg"
        for field in ("owner", "hasLocationData", "viewCount", "downloadCount"):
            assert got[field] is None
            assert result.error_codes()[f"asset.{field}"] == denial


async def test_quarantined_public_assets_disappear_for_others(
    owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset = await uploaded(owner[0], fresh(), visibility="PUBLIC")
    await library.set_status(asset["id"], "QUARANTINED")
    assert (await gql(anonymous, ASSET, {"id": asset["id"]})).data["asset"] is None
    mine = await gql(owner[0], ASSET, {"id": asset["id"]})
    assert mine.data["asset"]["status"] == "QUARANTINED"


async def test_staff_see_a_private_asset_only_through_an_audited_read(
    owner: Pair, support: Pair
) -> None:
    client, owner_id = owner
    asset = await uploaded(client, fresh())
    before = await AuditEntry.filter(subject_id=owner_id).count()
    result = await gql(support[0], ASSET, {"id": asset["id"]})
    assert result.data["asset"]["owner"] == {"id": owner_id}
    assert result.data["asset"]["hasLocationData"] is None  # still the owner's only
    entries = await AuditEntry.filter(subject_id=owner_id).order_by("id")
    assert len(entries) == before + 1
    assert entries[-1].actor_id == support[1]
    assert entries[-1].action == "READ_PERSONAL_DATA"
    assert "Query.asset" in (entries[-1].target or "")
    # The owner's list stays the owner's own.
    listed = await gql(
        support[0], "query($id: ID!) { user(id: $id) { assets { totalCount } } }", {"id": owner_id}
    )
    assert listed.data["user"]["assets"] is None
    assert listed.error_codes()["user.assets"] == "FORBIDDEN"


async def test_staff_reads_of_public_assets_are_not_audited(owner: Pair, support: Pair) -> None:
    client, owner_id = owner
    asset = await uploaded(client, fresh(), visibility="PUBLIC")
    before = await AuditEntry.filter(subject_id=owner_id).count()
    result = await gql(support[0], ASSET, {"id": asset["id"]})
    assert result.data["asset"]["id"] == asset["id"]
    assert await AuditEntry.filter(subject_id=owner_id).count() == before


LIST = """
query($first: Int, $after: String, $search: String, $folder: String, $visibility: Visibility,
      $tag: String) {
  assets(first: $first, after: $after, search: $search, folder: $folder,
         visibility: $visibility, tag: $tag) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id filename folder tags visibility } }
  }
}
"""


async def test_listing_filters_and_pagination(env: Env) -> None:
    async with signed_in(env) as (client, _):
        made = []
        for i in range(7):
            made.append(
                await uploaded(
                    client,
                    fresh(),
                    filename=f"{'Beach' if i % 2 else 'city'}-{i}.jpg",
                    folder="Trips/2024" if i < 3 else None,
                    tags=["sea"] if i in (1, 5) else [],
                    visibility="PUBLIC" if i == 6 else "PRIVATE",
                )
            )
        newest_first = [a["id"] for a in reversed(made)]

        page = (await gql(client, LIST, {"first": 3})).data["assets"]
        assert page["totalCount"] == 7 and page["pageInfo"]["hasNextPage"] is True
        seen = [e["node"]["id"] for e in page["edges"]]
        while page["pageInfo"]["hasNextPage"]:
            after = page["pageInfo"]["endCursor"]
            page = (await gql(client, LIST, {"first": 3, "after": after})).data["assets"]
            seen += [e["node"]["id"] for e in page["edges"]]
        assert seen == newest_first

        async def ids(**variables: Any) -> set[str]:
            found = (await gql(client, LIST, variables)).data["assets"]["edges"]
            return {e["node"]["id"] for e in found}

        assert await ids(search="beach") == {made[i]["id"] for i in (1, 3, 5)}
        assert await ids(folder="Trips/2024") == {made[i]["id"] for i in (0, 1, 2)}
        assert await ids(folder="/Trips/2024/") == {made[i]["id"] for i in (0, 1, 2)}
        assert await ids(tag="SEA") == {made[i]["id"] for i in (1, 5)}
        assert await ids(visibility="PUBLIC") == {made[6]["id"]}
        assert await ids(search="beach", folder="Trips/2024") == {made[1]["id"]}

        folders = await gql(client, "{ assetFolders }")
        assert folders.data["assetFolders"] == ["Trips/2024"]
        me = await gql(client, "{ me { assets(first: 2) { totalCount edges { node { id } } } } }")
        assert me.data["me"]["assets"]["totalCount"] == 7
        assert [e["node"]["id"] for e in me.data["me"]["assets"]["edges"]] == newest_first[:2]


async def test_anonymous_viewers_have_no_own_list(anonymous: httpx.AsyncClient) -> None:
    result = await gql(anonymous, "{ assets { totalCount } }")
    assert result.data["assets"] is None
    assert result.error_codes()["assets"] == "UNAUTHENTICATED"


async def test_public_assets_lists_only_public_and_active(
    owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    shown = await uploaded(owner[0], fresh(), visibility="PUBLIC")
    hidden = await uploaded(owner[0], fresh(), visibility="PRIVATE")
    banned = await uploaded(owner[0], fresh(), visibility="PUBLIC")
    await library.set_status(banned["id"], "QUARANTINED")
    result = await gql(anonymous, "{ publicAssets(first: 200) { edges { node { id url } } } }")
    listed = {e["node"]["id"]: e["node"]["url"] for e in result.data["publicAssets"]["edges"]}
    assert shown["id"] in listed and hidden["id"] not in listed and banned["id"] not in listed
    assert "sig=" not in listed[shown["id"]]


async def test_update_renames_moves_retags_and_changes_visibility(owner: Pair) -> None:
    client, _ = owner
    asset = await uploaded(client, fresh(), folder="Old", tags=["a", "b"])
    result = await gql(
        client,
        UPDATE,
        {
            "id": asset["id"],
            "input": {
                "filename": " new\tname.jpg ",
                "folder": "New/Place",
                "tags": ["C", "a"],
                "visibility": "PUBLIC",
            },
        },
    )
    payload = result.data["updateAsset"]
    assert payload["errors"] == []
    assert payload["asset"] == {
        "id": asset["id"],
        "filename": "new name.jpg",
        "visibility": "PUBLIC",
        "folder": "New/Place",
        "tags": ["c", "a"],
    }
    # Fields left out stay; "" leaves the folders; [] clears the tags.
    cleared = await gql(client, UPDATE, {"id": asset["id"], "input": {"folder": "", "tags": []}})
    got = cleared.data["updateAsset"]["asset"]
    assert (got["filename"], got["visibility"], got["folder"], got["tags"]) == (
        "new name.jpg",
        "PUBLIC",
        None,
        [],
    )


async def test_update_refuses_others_and_bad_input(
    owner: Pair, other: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset = await uploaded(owner[0], fresh(), filename="keep.jpg")
    for client, code in ((other[0], "NOT_FOUND"), (anonymous, "UNAUTHENTICATED")):
        result = await gql(client, UPDATE, {"id": asset["id"], "input": {"filename": "x"}})
        assert result.data["updateAsset"]["errors"][0]["code"] == code
    blank = await gql(owner[0], UPDATE, {"id": asset["id"], "input": {"filename": "  "}})
    assert blank.data["updateAsset"]["errors"][0]["code"] == "INVALID_FILENAME"
    assert (await Asset.get(id=asset["id"])).filename == "keep.jpg"


async def test_delete_removes_the_row_the_original_and_every_rendition(
    env: Env, owner: Pair, other: Pair
) -> None:
    client, owner_id = owner
    storage = env.runtime.storage
    data = fresh()
    first = await uploaded(client, data)
    twin = await uploaded(client, data)  # shares the stored original
    for width in (10, 12):
        variant = await gql(
            client,
            "query($id: ID!, $w: Int) { asset(id: $id) { variantUrl(width: $w) url } }",
            {"id": first["id"], "w": width},
        )
        for url in variant.data["asset"].values():
            assert (await client.get(url)).status_code == 200
    row = await Asset.get(id=first["id"])
    prefix = f"users/{owner_id}/renditions/{first['id']}/"
    rendered = [prefix + name for name in ("original.jpeg", "w10-h0-inside-q82.jpeg")]
    rendered.append(prefix + "w12-h0-inside-q82.jpeg")
    for key in rendered:
        assert await storage.exists(key), key

    refused = await gql(other[0], DELETE, {"id": first["id"]})
    assert refused.data["deleteAsset"]["errors"][0]["code"] == "NOT_FOUND"

    deleted = await gql(client, DELETE, {"id": first["id"]})
    assert deleted.data["deleteAsset"] == {"deletedId": first["id"], "errors": []}
    assert not await Asset.exists(id=first["id"])
    for key in rendered:
        assert not await storage.exists(key), key
    assert await storage.exists(row.original_key), "the twin still needs the original"
    assert (await client.get(variant.data["asset"]["url"])).status_code == 404

    await gql(client, DELETE, {"id": twin["id"]})
    assert not await storage.exists(row.original_key)
    again = await gql(client, DELETE, {"id": twin["id"]})
    assert again.data["deleteAsset"]["errors"][0]["code"] == "NOT_FOUND"


NPLUS1 = """
query($first: Int) {
  assets(first: $first) {
    totalCount
    edges {
      node {
        id filename tags url variantUrl(width: 30) downloadUrl hasLocationData viewCount
        downloadCount moderationNote owner { id name }
      }
    }
  }
}
"""


async def test_lists_cost_the_same_queries_for_5_20_or_100_assets(env: Env) -> None:
    async with signed_in(env) as (client, owner_id):
        for i in range(100):
            await uploaded(client, fresh(), tags=[f"t{i % 3}", "all"])
        # Upheld abuse reports on a few of them, so that moderation notes are read too.
        rows = await Asset.filter(owner_id=owner_id).order_by("-created_at", "-id").limit(100)
        for i, row in enumerate(rows[::7]):
            await AbuseReport.create(
                asset=row,
                owner_id=owner_id,
                reporter_email="reporter@example.com",
                reason="ABUSIVE",
                status="UPHELD",
                created_at=now(),
                resolved_at=now(),
                resolution_note=f"note {i}",
            )
        with counting_queries() as five:
            small = await gql(client, NPLUS1, {"first": 5})
        with counting_queries() as twenty:
            page = await gql(client, NPLUS1, {"first": 20})
        with counting_queries() as hundred:
            large = await gql(client, NPLUS1, {"first": 100})
    assert small.errors == [] and page.errors == [] and large.errors == []
    edges = large.data["assets"]["edges"]
    assert len(edges) == 100 and len(page.data["assets"]["edges"]) == 20
    assert all(e["node"]["owner"]["name"] for e in edges)
    assert all("all" in e["node"]["tags"] for e in edges)
    notes = [e["node"]["moderationNote"] for e in edges]
    assert notes[::7] == [
        f"Quarantined after an upheld abuse report (abusive). note {i}" for i in range(15)
    ]
    assert sum(n is not None for n in notes) == 15
    assert len(five) > 0
    assert len(twenty) == len(five), (five, twenty)
    assert len(hundred) == len(twenty), (twenty, hundred)


async def test_set_status_refuses_unknown_statuses(owner: Pair) -> None:
    asset = await uploaded(owner[0], fresh())
    with pytest.raises(ValueError, match="unknown asset status"):
        await library.set_status(asset["id"], "DELETED")
    assert (await Asset.get(id=asset["id"])).status == "ACTIVE"
