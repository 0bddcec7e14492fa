"""The HTTP surface: health, security headers, body limits, CSRF, GET rules, guard rails."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from pixvault.accounts.models import Session, User
from pixvault.core.clock import clock
from pixvault.core.logs import JsonFormatter
from pixvault.graph.guard_rails import cached_parse, cached_validate
from pixvault.http.spa import SinglePageApp
from tests.conftest import PASSWORD, Env, gql, sign_up, unique_email


async def test_healthz_and_readyz(client: httpx.AsyncClient, env: Env) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"]["database"] is True
    if env.settings.redis_url:
        assert ready.json()["checks"]["redis"] is True


async def test_security_headers_on_every_response(client: httpx.AsyncClient) -> None:
    for response in (
        await client.get("/healthz"),
        await client.post("/graphql", json={"query": "{ __typename }"}),
        await client.get("/"),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert len(response.headers["x-request-id"]) == 32
        assert "strict-transport-security" not in response.headers  # PUBLIC_URL is http here
    graphql = await client.post("/graphql", json={"query": "{ __typename }"})
    assert graphql.headers["cache-control"] == "no-store"


async def test_hsts_when_public_url_is_https(tmp_path_factory: object) -> None:
    from pixvault.app import create_app
    from tests.conftest import make_settings

    settings = make_settings(
        tmp_path_factory.mktemp("https"),  # type: ignore[attr-defined]
        public_url="https://pix.example.com",
    )
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        response = await c.get("/healthz")
    assert response.headers["strict-transport-security"].startswith("max-age=")


async def test_two_megabyte_body_is_refused_quickly(client: httpx.AsyncClient) -> None:
    body = '{"query": "{ __typename }", "padding": "' + "x" * 2_000_000 + '"}'
    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_streamed_body_without_length_is_bounded(client: httpx.AsyncClient) -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b"x" * 100_000

    response = await client.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


async def test_deep_query_is_refused(client: httpx.AsyncClient) -> None:
    # The schema has no cycle deep enough yet, so the inner levels name no real field: the
    # depth rule must refuse the document whatever else is wrong with it.
    inner = "id"
    for i in range(49):
        inner = f"f{i} {{ {inner} }}"
    result = await gql(client, f"{{ me {{ {inner} }} }}")
    assert result.http.status_code == 200
    assert any("exceeds maximum operation depth" in e["message"] for e in result.errors)
    assert result.body.get("data") is None


async def test_many_aliases_are_refused(client: httpx.AsyncClient) -> None:
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(100)) + " }"
    result = await gql(client, query)
    assert "aliases" in result.errors[0]["message"].lower()

    thousand = "{ " + " ".join(f"a{i}: __typename" for i in range(1000)) + " }"
    result = await gql(client, thousand)
    assert result.http.status_code < 500
    assert result.body.get("data") is None
    assert result.errors


async def test_aliases_inside_fragments_count(client: httpx.AsyncClient) -> None:
    fields = " ".join(f"a{i}: __typename" for i in range(40))
    query = f"query {{ ...F }} fragment F on Query {{ {fields} }}"
    result = await gql(client, query)
    assert "aliases" in result.errors[0]["message"].lower()


async def test_too_many_tokens_are_refused(client: httpx.AsyncClient) -> None:
    query = "{ " + " ".join("__typename" for _ in range(6000)) + " }"
    result = await gql(client, query)
    assert result.http.status_code < 500
    assert "token" in result.errors[0]["message"].lower()


async def test_a_repeated_document_is_parsed_and_validated_once(
    client: httpx.AsyncClient,
) -> None:
    query = f"query Cached{time.monotonic_ns()} {{ __typename }}"
    first = await gql(client, query)
    parsed, validated = cached_parse.cache_info(), cached_validate.cache_info()
    for _ in range(3):
        again = await gql(client, query)
        assert again.body == first.body == {"data": {"__typename": "Query"}}
    assert cached_parse.cache_info().misses == parsed.misses
    assert cached_validate.cache_info().misses == validated.misses
    assert cached_validate.cache_info().hits >= validated.hits + 3

    # A document that does not parse is answered with the syntax error, every time.
    for _ in range(2):
        broken = await gql(client, "{ __typename")
        assert broken.http.status_code == 200 and broken.body.get("data") is None
        assert broken.errors[0]["message"].startswith("Syntax Error"), broken.body

    # A refused document stays refused when it comes from the cache.
    deep = "{ me { " + "f { " * 20 + "id" + " }" * 20 + " } }"
    for _ in range(2):
        result = await gql(client, deep)
        assert any("exceeds maximum operation depth" in e["message"] for e in result.errors)


async def test_batching_is_off(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json=[{"query": "{ __typename }"}, {"query": "{ __typename }"}]
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"{not json", "Unable to parse request body as JSON"),
        (b'{"query": 42}', "`query` must be a string"),
        (b'{"query": "{ __typename }", "variables": [1]}', "`variables` must be an object"),
        (b'{"variables": {}}', "No GraphQL query found"),
    ],
)
async def test_a_malformed_json_post_gets_a_400_saying_why(
    client: httpx.AsyncClient, body: bytes, reason: str
) -> None:
    """JSON POSTs take a short path past Strawberry's HTTP layer (graph/view.py), reading the
    body as strictly as Strawberry would (more shapes in test_bad_bodies.py)."""
    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert reason in response.text


async def test_a_json_post_runs_queries_and_mutations_with_variables_and_names(
    client: httpx.AsyncClient,
) -> None:
    document = "query A { __typename } query B($k: PolicyKind!) { policy(kind: $k) { kind } }"
    response = await client.post(
        "/graphql",
        json={"query": document, "operationName": "B", "variables": {"k": "PRIVACY"}},
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 200
    assert response.json()["data"]["policy"]["kind"] == "PRIVACY"
    mutation = await client.post("/graphql", json={"query": "mutation { logOut { ok } }"})
    assert mutation.status_code == 200
    assert "errors" not in mutation.json()


async def test_get_runs_queries_but_never_mutations(client: httpx.AsyncClient) -> None:
    ok = await client.get("/graphql", params={"query": "{ __typename }"})
    assert ok.json() == {"data": {"__typename": "Query"}}
    refused = await client.get("/graphql", params={"query": "mutation { logOut { ok } }"})
    assert refused.status_code in (400, 405)
    assert "data" not in refused.text or '"logOut"' not in refused.text


async def test_csrf_refuses_cookie_requests_that_are_not_json(
    client: httpx.AsyncClient,
) -> None:
    await sign_up(client)  # the client now holds a session cookie
    form = await client.post(
        "/graphql",
        content='{"query": "mutation { logOut { ok } }"}',
        headers={"content-type": "text/plain"},
    )
    assert form.status_code == 403
    assert form.json()["errors"][0]["extensions"]["code"] == "CSRF"
    me = await gql(client, "{ me { id } }")
    assert me.data["me"] is not None, "the refused request must have done nothing"

    allowed = await client.post(
        "/graphql",
        files={
            "operations": (None, '{"query": "{ me { id } }", "variables": {}}'),
            "map": (None, "{}"),
        },
        headers={"x-requested-with": "pixvault"},
    )
    assert allowed.status_code == 200
    assert allowed.json()["data"]["me"] is not None


@pytest.mark.parametrize("form", ["multipart", "text/plain", "urlencoded"])
async def test_login_csrf_a_signed_out_cross_site_form_cannot_log_in_or_sign_up(
    env: Env, form: str
) -> None:
    """Issue 22, point 2: the X-Requested-With rule holds for signed-out requests too, so a
    cross-site form cannot plant the attacker's session (logIn) or make an account (signUp)."""
    async with env.client() as owner:
        user = await sign_up(owner)
    log_in_input = {"email": user["email"], "password": PASSWORD}
    sign_up_input = {
        "name": "N",
        "email": unique_email("csrf"),
        "password": PASSWORD,
        "acceptPolicies": True,
        "minimumAgeConfirmed": True,
    }
    operations = json.dumps(
        {
            "query": "mutation($i: LogInInput!) { logIn(input: $i) { user { id } } }",
            "variables": {"i": log_in_input},
        }
    )
    sign_up_operations = json.dumps(
        {
            "query": "mutation($i: SignUpInput!) { signUp(input: $i) { user { id } } }",
            "variables": {"i": sign_up_input},
        }
    )
    async with env.client() as victim:
        for body in (operations, sign_up_operations):
            if form == "multipart":
                response = await victim.post(
                    "/graphql", files={"operations": (None, body), "map": (None, "{}")}
                )
            elif form == "text/plain":
                response = await victim.post(
                    "/graphql", content=body, headers={"content-type": "text/plain"}
                )
            else:
                response = await victim.post("/graphql", data={"query": body})
            assert response.status_code == 403
            assert response.json()["errors"][0]["extensions"]["code"] == "CSRF"
            assert "set-cookie" not in response.headers
            assert not victim.cookies, "no session planted"
        assert (await gql(victim, "{ me { id } }")).data["me"] is None
    assert await User.filter(email__startswith="csrf-").count() == 0

    async with env.client() as web_app:
        allowed = await web_app.post(
            "/graphql",
            files={"operations": (None, operations), "map": (None, "{}")},
            headers={"x-requested-with": "pixvault"},
        )
        assert allowed.json()["data"]["logIn"]["user"]["id"] == user["id"]


async def test_a_get_request_does_not_slide_the_session(env: Env) -> None:
    """A GET /graphql changes no state, not even the session's idle expiry (issue 22, 2)."""
    async with env.client() as browser:
        user = await sign_up(browser)
        before = await Session.get(user_id=user["id"], ended_at=None)
        clock.advance(timedelta(minutes=5))
        got = await browser.get("/graphql", params={"query": "{ me { id } }"})
        assert got.json()["data"]["me"]["id"] == user["id"]
        assert "set-cookie" not in got.headers
        unchanged = await Session.get(id=before.id)
        assert (unchanged.last_seen_at, unchanged.expires_at) == (
            before.last_seen_at,
            before.expires_at,
        )
        await gql(browser, "{ me { id } }")
        assert (await Session.get(id=before.id)).last_seen_at > before.last_seen_at


async def test_basic_credentials_do_not_exempt_a_form_from_the_csrf_rule(
    client: httpx.AsyncClient,
) -> None:
    """Browsers attach remembered Basic credentials (a proxy's) to cross-site posts; only a
    Bearer token marks an API client."""
    form = await client.post(
        "/graphql",
        content='{"query": "mutation { logOut { ok } }"}',
        headers={"content-type": "text/plain", "authorization": "Basic dXNlcjpwYXNz"},
    )
    assert form.status_code == 403
    assert form.json()["errors"][0]["extensions"]["code"] == "CSRF"


async def test_field_suggestions_and_introspection_in_development(
    client: httpx.AsyncClient,
) -> None:
    result = await gql(client, "{ __schema { queryType { name } } }")
    assert result.data["__schema"]["queryType"]["name"] == "Query"
    typo = await gql(client, "{ mee { id } }")
    assert "Did you mean" in typo.errors[0]["message"]


async def test_production_hides_introspection_and_masks_unexpected_errors(
    tmp_path_factory: object, env: Env, monkeypatch: object, caplog: pytest.LogCaptureFixture
) -> None:
    from pixvault.accounts import loaders
    from pixvault.app import create_app
    from tests.conftest import make_settings

    settings = make_settings(
        tmp_path_factory.mktemp("prod"),  # type: ignore[attr-defined]
        env="production",
        public_url="https://pix.example.com",
        database_url="postgres://unused@localhost/unused",
        smtp_url="smtp://127.0.0.1:1",  # required in production; never reached here
    )
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://t") as c:
        intro = await gql(c, "{ __schema { queryType { name } } }")
        assert "introspection" in intro.errors[0]["message"].lower()
        typo = await gql(c, "{ mee { id } }")
        assert "Did you mean" not in typo.errors[0]["message"]
        depth = await gql(c, "{ " + " ".join(f"a{i}: __typename" for i in range(100)) + " }")
        assert "aliases" in depth.errors[0]["message"].lower(), "limiter messages still reach"

        await sign_up(c)

        async def boom(*args: object, **kwargs: object) -> None:
            raise RuntimeError("SELECT secret FROM users -- internal detail")

        # Query.me reads the user through the request's user loader (accounts/loaders.py).
        monkeypatch.setattr(loaders, "_load_users", boom)
        masked = await gql(c, "{ me { id } }")
    assert masked.http.status_code == 200
    assert masked.errors[0]["message"] == "Unexpected error."
    assert "SELECT" not in masked.http.text
    logged = [r for r in caplog.records if r.name == "pixvault.graph"]
    assert logged and logged[-1].exc_info is not None, "the real error is logged"
    line = JsonFormatter().format(logged[-1])
    assert masked.http.headers["x-request-id"] in line


async def test_root_serves_a_page_even_before_the_frontend_is_built(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/")
    assert response.status_code == 200
    assert "<html" in response.text.lower()


async def test_spa_fallback_serves_index_for_client_routes(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><html><body>app</body></html>")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)")
    app = Starlette(routes=[Mount("/", SinglePageApp(tmp_path))])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        for path in ("/", "/library/folder/photo", "/admin/requests"):
            response = await c.get(path)
            assert response.status_code == 200
            assert "app" in response.text
        assert (await c.get("/assets/app.js")).text == "console.log(1)"
        assert (await c.get("/assets/missing-file.js")).status_code == 404


def test_forwarded_for_is_believed_only_from_trusted_proxies() -> None:
    from pixvault.core.client_ip import client_ip
    from pixvault.core.settings import Settings

    settings = Settings(trusted_proxies="10.0.0.5, 10.0.0.6/31")
    forwarded = [(b"x-forwarded-for", b"1.2.3.4, 6.6.6.6, 10.0.0.6")]
    via_proxy = {"client": ("10.0.0.5", 1), "headers": forwarded}
    direct = {"client": ("9.9.9.9", 1), "headers": forwarded}
    assert client_ip(via_proxy, settings) == "6.6.6.6", "the nearest hop no proxy vouches for"
    assert client_ip(direct, settings) == "9.9.9.9", "a client cannot pick its own address"
    assert client_ip({"client": ("10.0.0.5", 1), "headers": []}, settings) == "10.0.0.5"
    from_network = {"client": ("10.0.0.7", 1), "headers": [(b"x-forwarded-for", b"5.5.5.5")]}
    assert client_ip(from_network, settings) == "5.5.5.5", "a CIDR range names proxies too"
