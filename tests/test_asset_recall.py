"""Recalling public images: made private, quarantined, deleted or erased, every public URL given
out before answers 404 or 451 at once; what such a URL served was never cacheable for long or
as immutable; and the purge hook tells the caches in front, retried until acknowledged."""

from __future__ import annotations

import itertools
import json
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from pixvault.assets.models import CachePurge
from tests.conftest import PASSWORD, Env, drain_jobs, environment, gql
from tests.media import encode, path_of, signed_in, uploaded
from tests.servers import recording_server

Pair = tuple[httpx.AsyncClient, str]
_widths = itertools.count(40, 2)

ASSET = "query($id: ID!) { asset(id: $id) { url variantUrl(width: 16, format: PNG) } }"
UPDATE = """mutation($id: ID!, $v: Visibility!) { updateAsset(id: $id, input: {visibility: $v}) {
  asset { url variantUrl(width: 16, format: PNG) } errors { code } } }"""
DELETE = "mutation($id: ID!) { deleteAsset(id: $id) { deletedId errors { code } } }"
REPORT = """mutation($input: ReportAssetInput!) { reportAsset(input: $input) {
  report { id } errors { code } } }"""
RESOLVE = """mutation($id: ID!) { resolveAbuseReport(id: $id, decision: UPHOLD) {
  errors { code } } }"""
CLOSE = "mutation($p: String!) { closeAccount(password: $p) { request { id } } }"


@pytest.fixture
async def anonymous(env: Env) -> AsyncIterator[httpx.AsyncClient]:
    async with env.client() as client:
        yield client


async def public_asset(owner: Pair) -> tuple[str, list[str]]:
    """A new PUBLIC asset's id and its public URLs (original and a rendition)."""
    asset = await uploaded(owner[0], encode(".png", width=next(_widths)), visibility="PUBLIC")
    urls = (await gql(owner[0], ASSET, {"id": asset["id"]})).data["asset"]
    return asset["id"], [path_of(urls["url"]), path_of(urls["variantUrl"])]


async def statuses(client: httpx.AsyncClient, paths: list[str]) -> list[int]:
    return [(await client.get(path)).status_code for path in paths]


async def set_visibility(owner: Pair, asset_id: str, visibility: str) -> list[str]:
    changed = await gql(owner[0], UPDATE, {"id": asset_id, "v": visibility})
    payload = changed.data["updateAsset"]
    assert payload["errors"] == [], payload
    return [path_of(payload["asset"]["url"]), path_of(payload["asset"]["variantUrl"])]


async def test_public_urls_carry_a_version_that_a_switch_to_private_retires(
    owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset_id, old = await public_asset(owner)
    assert all(re.match(rf"/i/{asset_id}/1(\?|$)", p) for p in old), old
    assert all("sig=" not in p for p in old)
    assert await statuses(anonymous, old) == [200, 200]

    await set_visibility(owner, asset_id, "PRIVATE")
    assert await statuses(anonymous, old) == [404, 404], "recalled at once"

    again = await set_visibility(owner, asset_id, "PUBLIC")
    assert all(re.match(rf"/i/{asset_id}/2(\?|$)", p) for p in again), again
    assert await statuses(anonymous, again) == [200, 200]
    assert await statuses(anonymous, old) == [404, 404], "an old URL stays dead for good"


async def test_quarantine_answers_451_under_every_public_url(
    env: Env, owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset_id, old = await public_asset(owner)
    assert await statuses(anonymous, old) == [200, 200]
    report = {"assetId": asset_id, "reason": "ABUSIVE", "reporterEmail": "seen@example.com"}
    reported = await gql(anonymous, REPORT, {"input": report})
    report_id = reported.data["reportAsset"]["report"]["id"]
    async with signed_in(env, "SUPPORT") as (support, _):
        resolved = await gql(support, RESOLVE, {"id": report_id})
    assert resolved.data["resolveAbuseReport"]["errors"] == []
    assert await statuses(anonymous, old) == [451, 451]


async def test_deletion_and_erasure_retire_public_urls(
    env: Env, owner: Pair, anonymous: httpx.AsyncClient
) -> None:
    asset_id, old = await public_asset(owner)
    deleted = await gql(owner[0], DELETE, {"id": asset_id})
    assert deleted.data["deleteAsset"]["errors"] == []
    assert await statuses(anonymous, old) == [404, 404]

    async with signed_in(env) as erased:
        erased_id, theirs = await public_asset(erased)
        assert await statuses(anonymous, theirs) == [200, 200]
        closed = await gql(erased[0], CLOSE, {"p": PASSWORD})
        assert closed.data["closeAccount"]["request"] is not None, closed.body
        await drain_jobs(env)
    assert await statuses(anonymous, theirs) == [404, 404]
    assert await statuses(anonymous, [f"/i/{erased_id}"]) == [404]


async def test_cache_lifetimes_per_case(owner: Pair, anonymous: httpx.AsyncClient) -> None:
    asset_id, (public, _) = await public_asset(owner)
    served = await anonymous.get(public)
    # No purge hook: a shared cache can only be trusted to forget after as long as a browser.
    assert served.headers["cache-control"] == "public, max-age=300, s-maxage=300"
    assert served.headers["cache-tag"] == served.headers["surrogate-key"]
    assert served.headers["cache-tag"] == f"pixvault-asset-{asset_id}"

    signed = (await set_visibility(owner, asset_id, "PRIVATE"))[0]
    assert "sig=" in signed
    private = await owner[0].get(signed)
    assert private.status_code == 200
    directive, max_age = private.headers["cache-control"].split(", max-age=")
    assert directive == "private" and 0 < int(max_age) <= 3600 + 600
    assert "cache-tag" not in private.headers and "surrogate-key" not in private.headers

    refused = await anonymous.get(public)
    assert refused.status_code == 404
    assert refused.headers["cache-control"] == "no-store"


async def test_the_purge_hook_is_told_until_it_acknowledges(tmp_path: Path) -> None:
    # The endpoint fails twice (down, then an error) before it acknowledges.
    with recording_server([503, 500, 200]) as (url, received):
        async with environment(
            tmp_path, cache_purge_url=url, cache_purge_header="Authorization: Bearer s3cret"
        ) as hooked:
            async with signed_in(hooked) as owner, hooked.client() as anonymous:
                asset_id, (public, _) = await public_asset(owner)
                served = await anonymous.get(public)
                # The hook can reach shared caches: they may keep it for a day.
                assert served.headers["cache-control"] == "public, max-age=300, s-maxage=86400"

                started = time.monotonic()
                await set_visibility(owner, asset_id, "PRIVATE")
                assert await statuses(anonymous, [public]) == [404]
                await drain_jobs(hooked)  # the sender retries until acknowledged
                took = time.monotonic() - started
                assert await CachePurge.all().count() == 0
                # An asset that was never public has nothing to purge.
                never = await uploaded(owner[0], encode(".png", width=next(_widths)))
                assert (await gql(owner[0], DELETE, {"id": never["id"]})).data["deleteAsset"][
                    "errors"
                ] == []
                await drain_jobs(hooked)
            settings = hooked.settings
    assert len(received) == 3, [r.body for r in received]
    expected: dict[str, Any] = {
        "prefixes": [f"{settings.public_url}/i/{asset_id}"],
        "tags": [f"pixvault-asset-{asset_id}"],
    }
    for request in received:
        assert request.path == "/purge"
        assert json.loads(request.body) == expected
        assert request.headers["Surrogate-Key"] == f"pixvault-asset-{asset_id}"
        assert request.headers["Authorization"] == "Bearer s3cret"
    assert took < 30, "retried after 1 s and 2 s"
