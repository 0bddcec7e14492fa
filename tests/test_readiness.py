"""/readyz checks every configured dependency for real and names the one that failed; a storage
backend that goes away answers requests with 503 SERVICE_UNAVAILABLE (a UserError on uploads)
and never with the backend's words, endpoint, bucket or keys."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from moto.server import ThreadedMotoServer

from pixvault.assets.models import Asset
from tests.conftest import TEST_REDIS_URL, Env, environment
from tests.faults.servers import RedisServer
from tests.live import free_port
from tests.media import encode, path_of, signed_in, upload, uploaded
from tests.servers import S3Server
from tests.smtp_sink import SmtpSink

#: Readiness after a dependency comes back may take a moment on a busy machine.
DEADLINE_SECONDS = 90


async def ready_within(env: Env, deadline: float = DEADLINE_SECONDS) -> httpx.Response:
    """Poll /readyz until it answers 200 (or the deadline passes; the last answer is kept)."""
    until = time.monotonic() + deadline
    async with env.client() as client:
        while True:
            response = await client.get("/readyz")
            if response.status_code == 200 or time.monotonic() > until:
                return response
            await asyncio.sleep(0.2)


async def test_every_configured_dependency_is_checked(tmp_path: Path, smtp: SmtpSink) -> None:
    async with environment(tmp_path, smtp_url=smtp.url) as env, env.client() as client:
        response = await client.get("/readyz")
    assert response.status_code == 200
    expected = {"database", "storage", "smtp"} | ({"redis"} if TEST_REDIS_URL else set())
    assert response.json() == {
        "status": "ready",
        "checks": dict.fromkeys(expected, True),
        "failed": [],
    }
    # The storage probe was written, read back and deleted: nothing of it is left.
    leftovers = list((tmp_path / "storage").rglob("*"))
    assert [p for p in leftovers if p.is_file()] == []


async def test_a_stopped_redis_is_named_and_readiness_returns_with_it(tmp_path: Path) -> None:
    redis = RedisServer(tmp_path)
    redis.start()
    try:
        async with environment(tmp_path / "app", redis_url=redis.url) as env:
            assert (await ready_within(env)).status_code == 200
            redis.stop()
            async with env.client() as client:
                response = await client.get("/readyz")
            assert response.status_code == 503
            body = response.json()
            assert body["status"] == "unavailable" and body["failed"] == ["redis"]
            assert body["checks"] == {"database": True, "storage": True, "redis": False}
            redis.start()
            assert (await ready_within(env)).status_code == 200
    finally:
        redis.stop()


async def test_an_unreachable_smtp_server_is_named(tmp_path: Path) -> None:
    closed = f"smtp://127.0.0.1:{free_port()}"
    async with environment(tmp_path, smtp_url=closed) as env, env.client() as client:
        response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["smtp"]
    assert response.json()["checks"]["database"] is True


@contextmanager
def stoppable_s3() -> Iterator[tuple[S3Server, ThreadedMotoServer]]:
    """moto's S3 server, with the handle to stop it in the middle of a test."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield S3Server(endpoint_url=f"http://127.0.0.1:{port}"), server
    finally:
        server.stop()


def leaks_nothing(response: httpx.Response, endpoint: str, bucket: str) -> None:
    text = response.text
    host_port = endpoint.removeprefix("http://")
    for secret in (host_port, bucket, "users/", "botocore", "Endpoint", "s3"):
        assert secret not in text, f"{secret!r} leaked: {text}"


async def test_storage_away_answers_503_and_upload_user_error_without_leaks(
    tmp_path: Path,
) -> None:
    with stoppable_s3() as (s3, moto):
        bucket = s3.new_bucket()
        overrides = s3.settings_overrides(bucket)
        async with environment(tmp_path, **overrides) as env, signed_in(env) as (owner, _):
            image = encode(".jpg", width=64, height=48)
            asset = await uploaded(owner, image, visibility="PUBLIC")
            assert (await owner.get(path_of(asset["url"]))).status_code == 200
            assert (await ready_within(env)).status_code == 200

            moto.stop()

            ready = await owner.get("/readyz")
            assert ready.status_code == 503
            assert ready.json()["failed"] == ["storage"]
            leaks_nothing(ready, s3.endpoint_url, bucket)

            for path in (path_of(asset["url"]), f"/i/{asset['id']}?w=32&fm=webp"):
                delivered = await owner.get(path)
                assert delivered.status_code == 503, delivered.text
                assert delivered.headers["retry-after"]
                assert delivered.json()["errors"][0]["extensions"]["code"] == (
                    "SERVICE_UNAVAILABLE"
                )
                leaks_nothing(delivered, s3.endpoint_url, bucket)

            before = await Asset.all().count()
            refused = await upload(owner, encode(".jpg", width=65, height=48))
            assert refused.http.status_code == 200
            payload = refused.data["uploadAsset"]
            assert payload["asset"] is None
            assert [(e["field"], e["code"]) for e in payload["errors"]] == [
                ("file", "STORAGE_UNAVAILABLE")
            ]
            leaks_nothing(refused.http, s3.endpoint_url, bucket)
            assert await Asset.all().count() == before


def test_pixvault_check_prints_readiness_and_exits_nonzero_on_a_failure(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIXVAULT_")}
    env["PIXVAULT_DATA_DIR"] = str(tmp_path)
    command = [sys.executable, "-m", "pixvault"]
    subprocess.run([*command, "migrate"], env=env, check=True, capture_output=True, timeout=120)
    ok = subprocess.run([*command, "check"], env=env, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == {
        "status": "ready",
        "checks": {"database": True, "storage": True},
        "failed": [],
    }
    env["PIXVAULT_SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}"
    failed = subprocess.run(
        [*command, "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert failed.returncode == 1
    assert json.loads(failed.stdout)["failed"] == ["smtp"]
