"""Two nodes, one worker, PostgreSQL, Redis and S3 (moto): what one node does, the other sees."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import redis

from pixvault.assets.delivery.lease import PREFIX
from tests.cluster.harness import METRICS_TOKEN, Cluster, share_cookies
from tests.conftest import PASSWORD
from tests.faults.client import (
    data,
    gql,
    sign_up,
    submit_access_request,
    upload,
    wait_for_status,
)
from tests.media import encode, path_of

pytestmark = pytest.mark.cluster

ME = "{ me { id } }"
VARIANT = """query($id: ID!, $w: Int!) { asset(id: $id) {
  url variantUrl(width: $w, format: WEBP) } }"""
PRIVATE = """mutation($id: ID!) { updateAsset(id: $id, input: {visibility: PRIVATE}) {
  errors { code } } }"""


def renditions_made(nodes: Cluster) -> int:
    """Renditions made so far, summed over both nodes (from their /metrics)."""
    total = 0.0
    for node in nodes.nodes:
        body = httpx.get(
            f"{node.base_url}/metrics",
            headers={"Authorization": f"Bearer {METRICS_TOKEN}"},
            timeout=10,
        ).text
        found = re.search(r"^pixvault_rendition_seconds_count(?:\{[^}]*\})? (\S+)$", body, re.M)
        total += float(found.group(1)) if found else 0.0
    return int(total)


def variant(client: httpx.Client, asset_id: str, width: int) -> str:
    urls = data(gql(client, VARIANT, {"id": asset_id, "w": width}))["asset"]
    return path_of(urls["variantUrl"])


def test_a_session_made_on_one_node_works_on_the_other(nodes: Cluster) -> None:
    first, second = nodes.pair()
    with first, second:
        user_id, _ = sign_up(first)
        assert data(gql(second, ME))["me"] is None
        share_cookies(first, second)
        assert data(gql(second, ME))["me"] == {"id": user_id}


def test_rate_limits_count_across_nodes(nodes: Cluster) -> None:
    with nodes.client(0) as owner:
        _, email = sign_up(owner)
    first, second = nodes.pair()
    remaining = []
    with first, second:
        for attempt in range(4):
            client = (first, second)[attempt % 2]
            variables = {"input": {"email": email, "password": "wrong" + PASSWORD}}
            response = gql(client, "mutation($input: LogInInput!) { logIn(input: $input) { "
                           "errors { code } } }", variables)  # fmt: skip
            state = response.headers["ratelimit"]
            found = re.search(r'"login-account-ip";r=(\d+)', state)
            assert found, state
            remaining.append(int(found.group(1)))
    # One count across both nodes: each attempt, on either node, takes one more.
    assert remaining == [remaining[0] - i for i in range(4)], remaining


def test_a_switch_to_private_on_one_node_is_refused_on_the_other_at_once(nodes: Cluster) -> None:
    first, second = nodes.pair()
    with first, second:
        sign_up(first)
        asset = upload(first, encode(".png", width=40, height=30), visibility="PUBLIC")
        path = variant(first, asset["id"], 16)
        assert second.get(path).status_code == 200  # cached on the other node now
        changed = data(gql(first, PRIVATE, {"id": asset["id"]}))["updateAsset"]
        assert changed["errors"] == []
        assert second.get(path).status_code == 404


def test_a_new_rendition_asked_for_fifty_times_over_both_nodes_is_made_once(
    nodes: Cluster,
) -> None:
    with nodes.client(0) as owner:
        sign_up(owner)
        asset = upload(owner, encode(".png", width=900, height=600), visibility="PUBLIC")
        path = variant(owner, asset["id"], 333)
    before = renditions_made(nodes)
    clients = [nodes.client(i % 2) for i in range(50)]
    try:
        with ThreadPoolExecutor(50) as pool:
            responses = list(pool.map(lambda c: c.get(path), clients))
    finally:
        for client in clients:
            client.close()
    assert [r.status_code for r in responses] == [200] * 50
    assert len({r.content for r in responses}) == 1 and responses[0].content[8:12] == b"WEBP"
    assert renditions_made(nodes) - before == 1


def test_a_dead_holders_lease_expires_and_another_node_makes_the_rendition(
    nodes: Cluster,
) -> None:
    with nodes.client(0) as owner, nodes.client(1) as other:
        sign_up(owner)
        asset = upload(owner, encode(".png", width=300, height=200), visibility="PUBLIC")
        path = variant(owner, asset["id"], 77)
        assert owner.get(path).status_code == 200
        [key] = nodes.stored_keys(f"/renditions/{asset['id']}/")
        nodes.delete_stored(key)
        store = redis.Redis.from_url(nodes.redis_url)
        try:
            # A holder that took the lease and died: nobody releases it; it only expires.
            assert store.set(PREFIX + key, "dead holder", nx=True, px=1500)
        finally:
            store.close()
        before = renditions_made(nodes)
        response = other.get(path)
    assert response.status_code == 200 and response.content[8:12] == b"WEBP"
    assert renditions_made(nodes) - before == 1
    assert nodes.stored_keys(key) == [key]


def test_a_dsar_export_started_on_one_node_downloads_from_the_other(nodes: Cluster) -> None:
    first, second = nodes.pair()
    with first, second:
        sign_up(first)
        upload(first, encode(".png", width=20, height=20))
        request_id = submit_access_request(first)
        share_cookies(first, second)
        done = wait_for_status(second, request_id, "COMPLETED", timeout=120)
        url = done["exportUrl"]
        download = second.get(path_of(url))
    assert download.status_code == 200 and download.content[:2] == b"PK"


def test_killing_a_node_loses_no_acknowledged_write_and_the_other_serves(
    nodes: Cluster,
) -> None:
    first, second = nodes.pair()
    with first, second:
        sign_up(first)
        acknowledged = [
            upload(first, encode(".png", width=10 + i, height=10))["id"] for i in range(5)
        ]
        nodes.nodes[0].process.kill()
        share_cookies(first, second)
        listed = data(gql(second, "{ assets(first: 50) { edges { node { id } } } }"))
        ids = {edge["node"]["id"] for edge in listed["assets"]["edges"]}
        assert set(acknowledged) <= ids
        again = upload(second, encode(".png", width=31, height=17))
        assert again["id"]
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{nodes.nodes[0].base_url}/readyz", timeout=2)
