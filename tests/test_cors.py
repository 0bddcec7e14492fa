"""Other-origin web clients over HTTP: preflights per the Fetch standard for listed origins,
credentials only for them, cookies refused from any other origin, and no wildcard ever."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from pixvault.core.settings import CorsOriginError, Settings
from tests.conftest import Env, environment, gql, log_in, sign_up

LISTED = "http://app.example:3000"
ALSO = "https://other.example"
UNLISTED = "https://evil.example"


@pytest.fixture(scope="module")
async def env(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Env]:
    origins = f" {LISTED}/ , {ALSO}"
    async with environment(tmp_path_factory.mktemp("cors"), cors_origins=origins) as opened:
        yield opened


def preflight(client: httpx.AsyncClient, origin: str, method: str = "POST", headers: str = ""):
    asked = {"Access-Control-Request-Headers": headers} if headers else {}
    return client.options(
        "/graphql",
        headers={"Origin": origin, "Access-Control-Request-Method": method, **asked},
    )


async def test_a_listed_origin_gets_a_full_preflight(client: httpx.AsyncClient) -> None:
    answer = await preflight(client, LISTED, headers="Content-Type, Authorization, X-Timezone")
    assert answer.status_code == 204
    assert answer.headers["access-control-allow-origin"] == LISTED
    assert answer.headers["access-control-allow-credentials"] == "true"
    assert {"GET", "POST"} <= {
        m.strip() for m in answer.headers["access-control-allow-methods"].split(",")
    }
    allowed = {h.strip() for h in answer.headers["access-control-allow-headers"].split(",")}
    assert {"content-type", "authorization", "x-timezone", "x-requested-with"} <= allowed
    assert int(answer.headers["access-control-max-age"]) > 0
    assert "Origin" in answer.headers["vary"]
    other = await preflight(client, ALSO)
    assert other.headers["access-control-allow-origin"] == ALSO


@pytest.mark.parametrize(
    ("origin", "method", "headers"),
    [
        (UNLISTED, "POST", "content-type"),
        ("null", "POST", ""),
        (LISTED + ".evil.example", "POST", ""),
        (LISTED, "PUT", ""),
        (LISTED, "POST", "content-type, x-evil"),
    ],
)
async def test_any_other_preflight_is_refused(
    client: httpx.AsyncClient, origin: str, method: str, headers: str
) -> None:
    answer = await preflight(client, origin, method, headers)
    assert answer.status_code == 403
    assert "access-control-allow-origin" not in answer.headers
    assert "access-control-allow-credentials" not in answer.headers
    assert "Origin" in answer.headers["vary"]


async def test_a_listed_origin_signs_in_with_cookies_and_reads_the_answers(env: Env) -> None:
    async with env.client() as setup:
        user = await sign_up(setup)
    async with env.client(Origin=LISTED) as app:
        logged = await log_in(app, user["email"])
        assert logged.data["logIn"]["errors"] == []
        assert logged.http.headers["access-control-allow-origin"] == LISTED
        assert logged.http.headers["access-control-allow-credentials"] == "true"
        assert "Origin" in logged.http.headers["vary"]
        me = await gql(app, "{ me { email } }")
        assert me.data["me"]["email"] == user["email"]
        assert "x-request-id" in me.http.headers["access-control-expose-headers"].lower()
        # The cookie is not accepted from an unlisted origin: refused before anything runs.
        refused = await gql(app, "{ me { email } }", headers={"Origin": UNLISTED})
        assert refused.http.status_code == 403
        assert refused.errors[0]["extensions"]["code"] == "FORBIDDEN_ORIGIN"
        assert user["email"] not in refused.http.text
        assert "access-control-allow-origin" not in refused.http.headers
        null = await gql(app, "{ me { email } }", headers={"Origin": "null"})
        assert null.http.status_code == 403
        # The service's own origin (the Host it was sent to, or PUBLIC_URL) is not "other".
        for own in ("http://testserver", env.settings.public_url):
            same = await gql(app, "{ me { email } }", headers={"Origin": own})
            assert same.data["me"]["email"] == user["email"]
            assert "access-control-allow-origin" not in same.http.headers


async def test_unlisted_origins_without_cookies_get_no_cors_headers(env: Env) -> None:
    async with env.client(Origin=UNLISTED) as page:
        plans = await page.post("/graphql", json={"query": "{ plans { id } }"})
        assert plans.status_code == 200
        assert "access-control-allow-origin" not in plans.headers
        assert "Origin" in plans.headers["vary"]


async def test_a_listed_client_can_read_a_401(env: Env) -> None:
    async with env.client(Origin=LISTED, Authorization="Bearer pvt_wrong") as app:
        answer = await app.post("/graphql", json={"query": "{ me { id } }"})
        assert answer.status_code == 401
        assert answer.headers["access-control-allow-origin"] == LISTED
        assert "www-authenticate" in answer.headers["access-control-expose-headers"].lower()


@pytest.mark.parametrize(
    "value", ["*", "https://*.example.com", "https://app.example/path", "app.example", "ftp://x"]
)
def test_a_wildcard_or_a_non_origin_is_refused(value: str, tmp_path: Path) -> None:
    with pytest.raises(CorsOriginError, match="PIXVAULT_CORS_ORIGINS"):
        Settings(cors_origins=value, env="test", data_dir=tmp_path).prepare()


def test_the_service_refuses_to_start_with_a_wildcard(tmp_path: Path) -> None:
    env = {**os.environ, "PIXVAULT_DATA_DIR": str(tmp_path), "PIXVAULT_CORS_ORIGINS": "*"}
    env.pop("PIXVAULT_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "pixvault", "serve", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2  # a bad setting, like every other
    assert "PIXVAULT_CORS_ORIGINS" in result.stderr and "wildcard" in result.stderr
