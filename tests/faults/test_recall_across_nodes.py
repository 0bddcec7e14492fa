"""Two nodes (`pixvault serve --workers 2` each) sharing PostgreSQL and Redis: a switch to private
or a quarantine made through one is refused by every worker of both before any of them could
have forgotten the asset on its own, though each worker caches what it knows of an asset for
TTL_SECONDS (assets/delivery/lookup.py): the recall is announced through Redis pub/sub
(assets/recall.py). On a quiet machine that takes a few milliseconds (printed); the assertion
is only that it beats the cache's expiry, so that a loaded machine does not fail it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from pixvault.assets.delivery.lookup import TTL_SECONDS
from tests.conftest import PASSWORD, unique_email
from tests.faults.client import data, gql, log_in, sign_up, turn_on_second_factor, upload
from tests.faults.services import PIXVAULT, Process, Stack
from tests.faults.waiting import START_TIMEOUT, eventually
from tests.live import free_port
from tests.media import encode, path_of

pytestmark = pytest.mark.faults

#: Requests per node that must all be refused: with two workers behind each port, enough that
#: every worker answers some of them.
CONFIRMATIONS = 20
URL = "query($id: ID!) { asset(id: $id) { url variantUrl(width: 16, format: PNG) } }"
PRIVATE = """mutation($id: ID!) { updateAsset(id: $id, input: {visibility: PRIVATE}) {
  errors { code } } }"""
REPORT = """mutation($input: ReportAssetInput!) { reportAsset(input: $input) {
  report { id } errors { code } } }"""
RESOLVE = """mutation($id: ID!) { resolveAbuseReport(id: $id, decision: UPHOLD) {
  errors { code } } }"""


@pytest.fixture(scope="module")
def second_node(services: Stack) -> Iterator[httpx.Client]:
    """Another `pixvault serve --workers 2` on the same PostgreSQL and Redis."""
    port = free_port()
    node = Process(
        "second node",
        [PIXVAULT, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        services.env,
        services.directory / "second-node.log",
    )
    node.start()
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:

            def ready() -> bool:
                try:
                    return client.get("/readyz").status_code == 200
                except httpx.HTTPError:
                    return False

            assert eventually(ready, START_TIMEOUT), f"second node\n{node.log.read_text()}"
            yield client
    finally:
        node.stop()


def public_paths(client: httpx.Client) -> list[str]:
    asset = upload(client, encode(".png", width=29, height=21), visibility="PUBLIC")
    urls = data(gql(client, URL, {"id": asset["id"]}))["asset"]
    return [asset["id"], path_of(urls["url"]), path_of(urls["variantUrl"])]


def warm(nodes: list[httpx.Client], paths: list[str]) -> None:
    """Every worker of every node serves (and so caches) the asset."""
    for node in nodes:
        for _ in range(CONFIRMATIONS):
            for path in paths:
                assert node.get(path).status_code == 200


def refused_everywhere(nodes: list[httpx.Client], paths: list[str], status: int) -> float:
    """Seconds until each node first refuses, the largest; then every worker must refuse."""
    started = time.monotonic()
    first: dict[int, float] = {}
    while len(first) < len(nodes) and time.monotonic() - started < 10:
        for index, node in enumerate(nodes):
            if index not in first and node.get(paths[0]).status_code == status:
                first[index] = time.monotonic() - started
    assert len(first) == len(nodes), f"not refused on every node: {first}"
    for node in nodes:
        for _ in range(CONFIRMATIONS):
            assert [node.get(p).status_code for p in paths] == [status] * len(paths)
    return max(first.values())


def test_a_switch_to_private_is_refused_on_both_nodes_at_once(
    services: Stack, second_node: httpx.Client
) -> None:
    with services.client() as owner:
        sign_up(owner)
        asset_id, *paths = public_paths(owner)
        nodes = [owner, second_node]
        warm(nodes, paths)
        changed = data(gql(owner, PRIVATE, {"id": asset_id}))["updateAsset"]
        assert changed["errors"] == []
        took = refused_everywhere(nodes, paths, 404)
    print(f"refused on both nodes after {took * 1000:.0f} ms")
    assert took < TTL_SECONDS, f"refused on both only after {took * 1000:.0f} ms: the cache expired"


def test_a_quarantine_is_refused_on_both_nodes_at_once(
    services: Stack, second_node: httpx.Client
) -> None:
    staff_email = unique_email("support")
    services.pixvault("create-user", "--email", staff_email, "--name", "Support Person",
                      "--password", PASSWORD, "--role", "SUPPORT")  # fmt: skip
    with services.client() as owner, services.client() as support:
        sign_up(owner)
        asset_id, *paths = public_paths(owner)
        report = {"assetId": asset_id, "reason": "ABUSIVE", "reporterEmail": "x@example.com"}
        filed = data(gql(second_node, REPORT, {"input": report}))["reportAsset"]
        assert filed["errors"] == [], filed
        assert data(log_in(support, staff_email))["logIn"]["errors"] == []
        turn_on_second_factor(support)
        nodes = [owner, second_node]
        warm(nodes, paths)
        resolved = data(gql(support, RESOLVE, {"id": filed["report"]["id"]}))
        assert resolved["resolveAbuseReport"]["errors"] == []
        took = refused_everywhere(nodes, paths, 451)
    print(f"refused on both nodes after {took * 1000:.0f} ms")
    assert took < TTL_SECONDS, f"refused on both only after {took * 1000:.0f} ms: the cache expired"
