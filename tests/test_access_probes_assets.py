"""Access probes of assets: a private asset and a quarantined one, tried through every field
that takes an asset id and through their delivery URLs (see tests/access_probes.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest

from pixvault.assets import library
from pixvault.assets.models import Asset, AssetTag
from pixvault.core.clock import clock
from pixvault.graphkit.access import Audience, rule
from pixvault.safety.models import AbuseReport
from tests.access_probes import (
    NOBODY,
    PROBERS,
    Cast,
    ListProbe,
    Probe,
    open_cast,
    rows,
    run_list_probe,
    run_probe,
)
from tests.conftest import Env, gql
from tests.media import encode, located_jpeg, path_of, uploaded, with_query

#: library.visible_asset: the owner and the staff who handle images (not BILLING) see a
#: non-public asset (staff reads audited).
SEERS = rule(Audience.SELF, Audience.SUPPORT, Audience.PRIVACY_OFFICER, Audience.ADMIN)
#: library.update_asset and delete_asset look the asset up among the viewer's own.
OWNER = rule(Audience.SELF)

PROBES = [
    Probe("Query.asset", "id", "private", SEERS),
    Probe("Query.asset", "id", "quarantined", SEERS, variant="quarantined"),
    Probe("Mutation.updateAsset", "id", "private", OWNER, {"input": {"filename": "mine.jpg"}}),
    Probe(
        "Mutation.updateAsset",
        "id",
        "private",
        OWNER,
        {"input": {"visibility": "PUBLIC"}},
        variant="visibility",
    ),
    Probe(
        "Mutation.updateAsset", "id", "private", OWNER, {"input": {"folder": ""}}, variant="move"
    ),
    Probe("Mutation.updateAsset", "id", "private", OWNER, {"input": {"tags": []}}, variant="tag"),
    Probe(
        "Mutation.updateAsset",
        "id",
        "quarantined",
        OWNER,
        {"input": {"visibility": "PRIVATE"}},
        variant="quarantined",
    ),
    Probe("Mutation.deleteAsset", "id", "private", OWNER),
    Probe("Mutation.deleteAsset", "id", "quarantined", OWNER, variant="quarantined"),
    # abuse.report_asset: only a PUBLIC and ACTIVE asset can be reported, so a report cannot
    # tell a private asset from no asset.
    Probe(
        "Mutation.reportAsset",
        "input.assetId",
        "private",
        NOBODY,
        {"input": {"reason": "OTHER", "reporterEmail": "someone@example.com"}},
    ),
]

LISTS = [
    ListProbe("Query.assets", "private", OWNER),
    ListProbe("Query.assetFolders", "folder", OWNER),
    ListProbe("Query.publicAssets", "private", NOBODY),
    ListProbe("Query.publicAssets", "quarantined", NOBODY),
]

URLS = "query($id: ID!) { asset(id: $id) { url downloadUrl variantUrl(width: 40) } }"


@dataclass
class Library:
    cast: Cast
    ids: dict[str, str]
    urls: dict[str, dict[str, str]]
    secrets: list[str]


@pytest.fixture(scope="module")
async def lib(env: Env) -> AsyncIterator[Library]:
    async with open_cast(env) as cast:
        private = await uploaded(
            cast.owner,
            located_jpeg(),
            filename="holiday-h7f3q.jpg",
            folder="Family/k2x9",
            tags=["tag-z8v1"],
        )
        quarantined = await uploaded(
            cast.owner, encode(".png"), filename="poster-m4n8.png", visibility="PUBLIC"
        )
        await library.set_status(quarantined["id"], "QUARANTINED")
        ids = {"private": private["id"], "quarantined": quarantined["id"]}
        urls = {}
        for name, asset_id in list(ids.items()):
            read = await gql(cast.owner, URLS, {"id": asset_id})
            assert read.errors == [], read.body
            urls[name] = read.data["asset"]
        yield Library(
            cast=cast,
            ids={**ids, "folder": "Family/k2x9"},
            urls=urls,
            secrets=["holiday-h7f3q", "k2x9", "tag-z8v1", "poster-m4n8", cast.emails["owner"]],
        )


async def state_of(env: Env, asset_id: str) -> object:
    """The asset as stored, its tags and reports, and whether its original is still there."""
    stored = await rows(
        Asset,
        ["filename", "visibility", "status", "folder", "updated_at", "original_key"],
        id=asset_id,
    )
    original = await env.runtime.storage.open(stored[0]["original_key"]) if stored else None
    return (
        stored,
        await rows(AssetTag, ["name"], asset_id=asset_id),
        await rows(AbuseReport, ["status"], asset_id=asset_id),
        original is not None,
    )


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.name)
async def test_asset_probe(env: Env, lib: Library, probe: Probe) -> None:
    asset_id = lib.ids[probe.obj]
    await run_probe(lib.cast, probe, asset_id, lib.secrets, lambda: state_of(env, asset_id))


@pytest.mark.parametrize("probe", LISTS, ids=lambda p: p.name)
async def test_asset_list_probe(lib: Library, probe: ListProbe) -> None:
    await run_list_probe(lib.cast, probe, lib.ids[probe.marker], lib.secrets)


async def test_the_owner_still_has_both_assets_unchanged(lib: Library) -> None:
    result = await gql(
        lib.cast.owner,
        "{ assets { edges { node { id filename visibility status folder tags } } } }",
    )
    assets = {e["node"]["id"]: e["node"] for e in result.data["assets"]["edges"]}
    assert assets[lib.ids["private"]] == {
        "id": lib.ids["private"],
        "filename": "holiday-h7f3q.jpg",
        "visibility": "PRIVATE",
        "status": "ACTIVE",
        "folder": "Family/k2x9",
        "tags": ["tag-z8v1"],
    }
    assert assets[lib.ids["quarantined"]]["status"] == "QUARANTINED"


@pytest.mark.parametrize("who", ["SUPPORT", "PRIVACY_OFFICER", "ADMIN"])
async def test_staff_see_a_private_asset_but_never_its_download_link(
    lib: Library, who: str
) -> None:
    read = await gql(lib.cast.clients[who], URLS, {"id": lib.ids["private"]})
    assert read.error_codes() == {"asset.downloadUrl": "FORBIDDEN"}
    assert read.data["asset"]["downloadUrl"] is None
    assert "dl=1" not in read.http.text


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


@pytest.mark.parametrize("who", PROBERS)
async def test_a_private_assets_signed_urls_work_as_given(lib: Library, who: str) -> None:
    """The control for the refusals below: a signed URL is a capability until it expires."""
    for key in ("url", "variantUrl", "downloadUrl"):
        got = await lib.cast.clients[who].get(path_of(lib.urls["private"][key]))
        assert got.status_code == 200, (key, got.text)


async def test_private_delivery_urls_cannot_be_forged_or_reused(env: Env, lib: Library) -> None:
    urls = lib.urls["private"]
    asset_id = lib.ids["private"]
    # The customer's own private asset: its signed URLs must not open the owner's.
    theirs = await uploaded(lib.cast.clients["customer"], encode(".jpg"))
    read = await gql(lib.cast.clients["customer"], URLS, {"id": theirs["id"]})
    own = read.data["asset"]
    attempts = {
        "unsigned": f"/i/{asset_id}",
        "unsigned rendition": f"/i/{asset_id}?w=40",
        "unsigned original": f"/i/{asset_id}?dl=1",
        "no signature": with_query(urls["url"], sig=None),
        "no expiry": with_query(urls["url"], exp=None),
        "later expiry": with_query(urls["url"], exp=str(int(query_of(urls["url"])["exp"]) + 600)),
        "other size": with_query(urls["variantUrl"], w="41"),
        "download added": with_query(urls["url"], dl="1"),
        "bad signature": with_query(urls["url"], sig="A" * 24),
    }
    for kind in ("url", "variantUrl", "downloadUrl"):
        attempts[f"another asset's {kind}"] = path_of(own[kind]).replace(theirs["id"], asset_id)
    for who in PROBERS:
        for name, path in attempts.items():
            got = await lib.cast.clients[who].get(path)
            assert got.status_code == 403, (who, name, got.status_code)
            assert got.headers["content-type"].startswith("text/plain"), (who, name)
    # After the expiry, even the owner's own URLs are refused.
    clock.advance(timedelta(seconds=env.settings.signed_url_seconds + 1200))
    for key in ("url", "variantUrl", "downloadUrl"):
        got = await lib.cast.owner.get(path_of(urls[key]))
        assert got.status_code == 403, key


@pytest.mark.parametrize("who", PROBERS)
async def test_a_quarantined_asset_is_451_for_all_but_its_owner(
    env: Env, lib: Library, who: str
) -> None:
    urls = lib.urls["quarantined"]
    asset_id = lib.ids["quarantined"]
    # Its URLs are signed now, but it was PUBLIC, so its old unsigned URL is still asked for.
    for path in (path_of(urls["url"]), path_of(urls["variantUrl"]), f"/i/{asset_id}?w=30&exp=soon"):
        got = await lib.cast.clients[who].get(path)
        if who == "owner":
            assert got.status_code == 200, (path, got.text)
            assert got.headers["cache-control"].startswith("private"), path
        else:
            assert got.status_code == 451, (path, got.status_code)
            assert "poster-m4n8" not in got.text
