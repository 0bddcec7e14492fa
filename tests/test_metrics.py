"""GET /metrics (Prometheus text format, parsed with prometheus_client's own parser) after real
traffic through the app; request ids, traceparent and what log lines carry; unknown paths."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from pixvault.core.clock import clock
from pixvault.core.logs import JsonFormatter
from tests.conftest import (
    PASSWORD,
    Env,
    drain_jobs,
    environment,
    gql,
    log_in,
    sign_up,
    unique_email,
)
from tests.live import live_server
from tests.media import encode, uploaded

TOKEN = "metrics-token-for-the-tests-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def parse(text: str) -> Samples:
    """Every sample by (name, sorted labels)."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture(scope="module")
async def metered(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Env]:
    async with environment(tmp_path_factory.mktemp("metrics"), metrics_token=TOKEN) as opened:
        yield opened


async def scrape(env: Env) -> Samples:
    async with env.client() as c:
        response = await c.get("/metrics", headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    return parse(response.text)


async def test_metrics_answer_only_the_token(metered: Env) -> None:
    async with metered.client() as c:
        assert (await c.get("/metrics")).status_code == 401
        wrong = await c.get("/metrics", headers={"Authorization": "Bearer " + "x" * 40})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"].startswith("Bearer")
        assert (await c.get("/metrics", headers=AUTH)).status_code == 200


async def test_scrape_after_real_traffic(metered: Env) -> None:
    before = await scrape(metered)
    async with metered.client() as c:
        email = unique_email()
        await sign_up(c, email)
        assert (await log_in(c, email, "not the password")).data["logIn"]["user"] is None
        named = await c.post(
            "/graphql",
            json={"query": "query LibraryCount { me { id } }", "operationName": "LibraryCount"},
        )
        assert named.status_code == 200
        asset = await uploaded(c, encode(".png", width=90, height=60))
        variant = (
            await gql(
                c,
                "query($id: ID!) { asset(id: $id) { variantUrl(width: 40, format: WEBP) } }",
                {"id": asset["id"]},
            )
        ).data["asset"]["variantUrl"]
        path = variant.removeprefix(metered.settings.public_url)
        assert (await c.get(path)).status_code == 200  # made: a cache miss
        assert (await c.get(path)).status_code == 200  # then a cache hit
        access = await gql(
            c,
            "mutation($i: DataSubjectRequestInput!) { submitDataSubjectRequest(input: $i) "
            "{ errors { code } } }",
            {"i": {"kind": "ACCESS", "password": PASSWORD}},
        )
        assert access.data["submitDataSubjectRequest"]["errors"] == []
        await drain_jobs(metered)
    async with metered.client() as anonymous:
        waiting = await gql(
            anonymous,
            "mutation($i: DataSubjectRequestInput!) { submitDataSubjectRequest(input: $i) "
            "{ errors { code } } }",
            {"i": {"kind": "ACCESS", "email": unique_email("anon")}},
        )
        assert waiting.data["submitDataSubjectRequest"]["errors"] == []
    clock.advance(timedelta(days=40))  # every open request is now past its month
    after = await scrape(metered)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    count = "pixvault_graphql_request_seconds_count"
    assert grew(count, operation="LibraryCount") == 1
    assert grew(count, operation="LogIn") == 1 and grew(count, operation="SignUp") == 1
    assert (
        value(after, "pixvault_graphql_request_seconds_bucket", operation="LibraryCount", le="+Inf")
        >= 1
    )
    assert grew("pixvault_delivery_seconds_count", kind="rendition") == 2
    assert grew("pixvault_rendition_cache_lookups_total", result="miss") == 1
    assert grew("pixvault_rendition_cache_lookups_total", result="hit") == 1
    assert grew("pixvault_rendition_seconds_count") == 1
    assert grew("pixvault_login_failures_total", reason="invalid_credentials") == 1
    jobs = sum(
        v - value(before, n, **dict(labels))
        for (n, labels), v in after.items()
        if n == "pixvault_job_seconds_count" and dict(labels).get("outcome") == "ok"
    )
    assert jobs >= 1, "the access request's export job was timed"
    assert value(after, "pixvault_dsar_open") >= 1, "the unverified request is open"
    assert value(after, "pixvault_dsar_overdue") >= 1
    assert value(after, "pixvault_dsar_overdue") <= value(after, "pixvault_dsar_open")
    assert value(after, "pixvault_outbox_backlog") >= 1, "mail waits without a sender run"
    assert ("pixvault_job_queue_depth", ()) in after


async def test_operation_names_cannot_grow_the_metrics_without_bound(metered: Env) -> None:
    async with metered.client() as c:
        weird = "query { __typename }"
        await c.post("/graphql", json={"query": weird})
        await c.post(
            "/graphql", json={"query": "query A { __typename }", "operationName": "A" * 100}
        )
    samples = await scrape(metered)
    operations = {
        dict(labels)["operation"]
        for (name, labels), _ in samples.items()
        if name == "pixvault_graphql_request_seconds_count"
    }
    assert "anonymous" in operations
    assert all(len(op) <= 64 for op in operations)


async def test_request_id_and_traceparent_are_honoured_and_logged(
    metered: Env, caplog: pytest.LogCaptureFixture
) -> None:
    trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    email = unique_email("logged")
    async with metered.client() as c:
        user = await sign_up(c, email)
        caplog.clear()
        with caplog.at_level(logging.INFO):
            response = await c.post(
                "/graphql",
                json={"query": "query WhoAmI { me { id email } }"},
                headers={
                    "X-Request-ID": "proxy-req.42:abc",
                    "traceparent": f"00-{trace}-00f067aa0ba902b7-01",
                },
            )
        assert response.headers["x-request-id"] == "proxy-req.42:abc"
        lines = [json.loads(JsonFormatter().format(r)) for r in caplog.records]
        mine = [line for line in lines if line.get("request_id") == "proxy-req.42:abc"]
        assert mine, lines
        last = mine[-1]
        assert last["operation"] == "WhoAmI" and last["user_id"] == user["id"]
        assert last["trace_id"] == trace
        assert email not in json.dumps(lines)

        for bad in (b"x" * 200, b"has space", b"<script>", "über".encode("latin-1")):
            replaced = await c.get("/healthz", headers={"X-Request-ID": bad})
            assert replaced.headers["x-request-id"].encode() != bad
            assert len(replaced.headers["x-request-id"]) == 32
        caplog.clear()
        with caplog.at_level(logging.INFO):
            await c.get(
                "/healthz", headers={"traceparent": "00-" + "0" * 32 + "-" + "1" * 16 + "-01"}
            )
        assert all("trace_id" not in json.loads(JsonFormatter().format(r)) for r in caplog.records)


@pytest.mark.parametrize(
    "path", ["/metrics", "/api/v1/users", "/wp-login.php", "/.env", "/library/x.php", "/nope"]
)
async def test_paths_that_are_not_web_app_routes_are_404(env: Env, path: str) -> None:
    async with env.client() as c:
        response = await c.get(path)
    assert response.status_code == 404
    assert "<html" not in response.text.lower()


async def test_web_app_routes_still_get_the_app(env: Env) -> None:
    async with env.client() as c:
        for path in ("/", "/library/abc", "/privacy/verify", "/account/confirm-email", "/login"):
            response = await c.get(path)
            assert response.status_code == 200, path
            assert "<html" in response.text.lower()


def test_every_web_app_area_is_a_known_route() -> None:
    """The backend's list of web-app routes covers every top-level route the web app has."""
    import re

    from pixvault.http.spa import WEB_APP_ROUTES

    src = Path(__file__).resolve().parents[1] / "frontend" / "src"
    tops = set(re.findall(r'<Route path="([^"/*:]+)', (src / "app" / "App.tsx").read_text()))
    for routes in src.glob("features/*/routes.tsx"):
        first = re.search(r'path="([^"/*:]+)', routes.read_text())
        assert first, routes
        tops.add(first.group(1))
    # The public area mounts each of its pages at the top level.
    public = (src / "features" / "public" / "routes.tsx").read_text()
    tops |= set(re.findall(r'<Route path="([^"/*:]+)', public))
    assert tops and tops <= WEB_APP_ROUTES, tops - WEB_APP_ROUTES


async def test_several_workers_are_scraped_as_one(tmp_path: Path) -> None:
    """`pixvault serve --workers 2`: whichever worker answers a scrape reports every worker's
    requests (prometheus_client's multiprocess mode over DATA_DIR/tmp/metrics)."""
    batch, sent = 40, 0
    with live_server(
        tmp_path, workers=2, PIXVAULT_METRICS_TOKEN=TOKEN, PIXVAULT_SECRET_KEY="s" * 40
    ) as server:

        async def ping() -> None:
            # A connection each, so the kernel spreads them over both workers.
            async with httpx.AsyncClient(base_url=server.base_url) as c:
                response = await c.post(
                    "/graphql", json={"query": "query Ping { __typename }"}, timeout=30
                )
                assert response.status_code == 200

        metrics_dir = tmp_path / "tmp" / "metrics"
        pids: set[str] = set()
        for _ in range(5):  # the kernel picks the worker; a batch almost always reaches both
            await asyncio.gather(*(ping() for _ in range(batch)))
            sent += batch
            pids = {p.stem.rsplit("_", 1)[1] for p in metrics_dir.glob("histogram_*.db")}
            if len(pids) == 2:
                break
        assert len(pids) == 2, f"both workers recorded requests: {pids}"
        for _ in range(6):
            async with httpx.AsyncClient(base_url=server.base_url) as c:
                text = (await c.get("/metrics", headers=AUTH, timeout=30)).text
            samples = parse(text)
            count = value(samples, "pixvault_graphql_request_seconds_count", operation="Ping")
            assert count == sent
