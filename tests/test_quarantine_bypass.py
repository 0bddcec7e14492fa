"""Quarantine cannot be undone by the owner (issue 22, point 4): the same bytes uploaded again,
by anyone, are refused; copies made before the decision are quarantined with it; deleting the
asset keeps its reports and the decision on record."""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest

from pixvault.safety.models import AbuseReport
from tests.conftest import Env, gql, unique_email
from tests.media import encode, path_of, signed_in, upload, uploaded
from tests.servers import http_server
from tests.test_abuse_reports import QUEUE, RESOLVE, report
from tests.test_asset_imports import IMPORT, send

Pair = tuple[httpx.AsyncClient, str]
_widths = itertools.count(301, 2)

DELETE = "mutation($id: ID!) { deleteAsset(id: $id) { deletedId errors { code } } }"
PUBLISH = """mutation($id: ID!) { updateAsset(id: $id, input: {visibility: PUBLIC}) {
  asset { id status visibility } errors { code } } }"""


def fresh_image() -> bytes:
    """Bytes no other test uploads (a width of its own)."""
    return encode(".jpg", width=next(_widths), height=40)


async def uphold(support: Pair, report_id: str) -> None:
    decided = await gql(support[0], RESOLVE, {"id": report_id, "decision": "UPHOLD"})
    assert decided.data["resolveAbuseReport"]["errors"] == []


async def codes_of_upload(client: httpx.AsyncClient, data: bytes, **variables: Any) -> list[str]:
    payload = (await upload(client, data, **variables)).data["uploadAsset"]
    return [e["code"] for e in payload["errors"]]


async def test_the_same_bytes_cannot_come_back_under_any_owner(
    env: Env, owner: Pair, support: Pair
) -> None:
    data = fresh_image()
    async with signed_in(env) as (accomplice, _):
        # A copy uploaded privately before the decision, to be made public after it.
        earlier = await uploaded(accomplice, data, visibility="PRIVATE")
        asset = await uploaded(owner[0], data, visibility="PUBLIC")
        async with env.client() as anonymous:
            filed = await report(anonymous, asset["id"], unique_email("reporter"))
            await uphold(support, filed["report"]["id"])
            assert (await anonymous.get(path_of(asset["url"]))).status_code == 451

            # The attack: the same bytes again, as PUBLIC, by the owner or anyone else.
            assert await codes_of_upload(owner[0], data, visibility="PUBLIC") == ["CONTENT_BLOCKED"]
            assert await codes_of_upload(accomplice, data, visibility="PUBLIC") == [
                "CONTENT_BLOCKED"
            ]
            # The copy made before the decision went with it.
            flipped = (await gql(accomplice, PUBLISH, {"id": earlier["id"]})).data["updateAsset"]
            assert flipped["asset"]["status"] == "QUARANTINED"
            for_all = (
                await gql(
                    anonymous, "query($id: ID!) { asset(id: $id) { url } }", {"id": earlier["id"]}
                )
            ).data["asset"]
            assert for_all is None
    # Other bytes still upload.
    assert await codes_of_upload(owner[0], fresh_image(), visibility="PUBLIC") == []


async def test_deleting_the_asset_keeps_its_reports_and_the_decision(
    env: Env, owner: Pair, support: Pair
) -> None:
    data = fresh_image()
    asset = await uploaded(owner[0], data, visibility="PUBLIC")
    async with env.client() as anonymous:
        upheld = await report(anonymous, asset["id"], unique_email("reporter"))
        also = await report(anonymous, asset["id"], unique_email("reporter"))
    await uphold(support, upheld["report"]["id"])

    deleted = (await gql(owner[0], DELETE, {"id": asset["id"]})).data["deleteAsset"]
    assert deleted == {"deletedId": asset["id"], "errors": []}

    kept = {str(r.id): r for r in await AbuseReport.filter(owner_id=owner[1])}
    for filed in (upheld, also):
        row = kept[filed["report"]["id"]]
        assert row.status == "UPHELD" and row.resolved_at is not None
        assert row.asset_id is None  # type: ignore[attr-defined]
    queue = (await gql(support[0], QUEUE, {"status": "UPHELD", "first": 200})).data
    nodes = {e["node"]["id"]: e["node"] for e in queue["abuseReports"]["edges"]}
    assert nodes[upheld["report"]["id"]]["asset"] is None
    assert await codes_of_upload(owner[0], data, visibility="PUBLIC") == ["CONTENT_BLOCKED"]


async def test_deleting_before_the_decision_does_not_escape_it(
    env: Env, owner: Pair, support: Pair
) -> None:
    data = fresh_image()
    asset = await uploaded(owner[0], data, visibility="PUBLIC")
    async with env.client() as anonymous:
        filed = await report(anonymous, asset["id"], unique_email("reporter"))
    assert (await gql(owner[0], DELETE, {"id": asset["id"]})).data["deleteAsset"]["errors"] == []
    again = await uploaded(owner[0], data, visibility="PUBLIC")

    await uphold(support, filed["report"]["id"])
    async with env.client() as anonymous:
        assert (await anonymous.get(path_of(again["url"]))).status_code == 451
    assert await codes_of_upload(owner[0], data, visibility="PUBLIC") == ["CONTENT_BLOCKED"]


async def test_an_import_of_the_same_bytes_is_refused_too(
    env: Env, owner: Pair, support: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = fresh_image()
    asset = await uploaded(owner[0], data, visibility="PUBLIC")
    async with env.client() as anonymous:
        filed = await report(anonymous, asset["id"], unique_email("reporter"))
    await uphold(support, filed["report"]["id"])
    with http_server({"/again.jpg": send(data)}) as port:
        monkeypatch.setattr(env.settings, "test_loopback_import_ports", str(port))
        url = f"http://127.0.0.1:{port}/again.jpg"
        result = await gql(owner[0], IMPORT, {"url": url, "visibility": "PUBLIC"})
    payload = result.data["importAssetFromUrl"]
    assert payload["asset"] is None
    assert [e["code"] for e in payload["errors"]] == ["CONTENT_BLOCKED"]
