"""The cookie register matches what the server sets: every flow that sets a cookie is driven over
HTTP and each Set-Cookie is checked against its declaration (name, persistence, max age, flags).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest

from pixvault.app import create_app
from pixvault.core.clock import clock
from pixvault.core.cookies import Cookie, register
from pixvault.core.settings import Settings
from tests.conftest import PASSWORD, Env, gql, log_in, make_settings, sign_up

ROOT = Path(__file__).resolve().parents[1]
SET_CONSENTS = """mutation($d: [ConsentInput!]!) {
  setConsents(decisions: $d, source: BANNER) { errors { code } } }"""
ANALYTICS_ON = {"d": [{"purpose": "ANALYTICS", "granted": True}]}


def parse(header: str) -> tuple[str, dict[str, str]]:
    pair, *parts = [p.strip() for p in header.split(";")]
    name = pair.split("=", 1)[0]
    attributes = {}
    for part in parts:
        key, _, value = part.partition("=")
        attributes[key.lower()] = value
    return name, attributes


class CookieAudit:
    """Checks every Set-Cookie of every response a client receives against the register."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.declared = register(settings)
        #: (name, how) for each cookie seen: "session", "persistent" or "cleared".
        self.seen: list[tuple[str, str]] = []

    async def __call__(self, response: httpx.Response) -> None:
        names = []
        for header in response.headers.get_list("set-cookie"):
            self.seen.append(self.check(header))
            names.append(self.seen[-1][0])
        assert len(names) == len(set(names)), f"one response set a cookie twice: {names}"

    def check(self, header: str) -> tuple[str, str]:
        name, attributes = parse(header)
        assert name in self.declared, f"undeclared cookie set: {header}"
        cookie: Cookie = self.declared[name]
        assert "httponly" in attributes and attributes.get("samesite", "").lower() == "lax", header
        assert attributes.get("path") == "/" and "domain" not in attributes, header
        assert ("secure" in attributes) == self.settings.https, header
        max_age = attributes.get("max-age")
        if max_age is not None and int(max_age) <= 0:
            return name, "cleared"
        if max_age is None:
            assert "expires" not in attributes, header
            assert not cookie.persistent or cookie.session_unless_remembered, (
                f"{name} is declared persistent but was set as a browser-session cookie"
            )
            return name, "session"
        assert cookie.persistent, f"{name} is declared a session cookie but has Max-Age"
        assert int(max_age) == cookie.max_age_seconds, f"{name}: Max-Age {max_age} != register"
        return name, "persistent"

    def client(self, env: Env) -> httpx.AsyncClient:
        client = env.client()
        client.event_hooks["response"].append(self)
        return client


@pytest.fixture
def audit(env: Env) -> Iterator[CookieAudit]:
    checked = CookieAudit(env.settings)
    yield checked


async def test_an_anonymous_visit_sets_no_cookie(env: Env, audit: CookieAudit) -> None:
    async with audit.client(env) as c:
        for path in ("/", "/library", "/healthz", "/readyz", "/email/unsubscribe?token=x"):
            await c.get(path)
        await gql(c, "{ consentState { bannerRequired } cookieDeclarations { name } }")
        await gql(c, 'mutation { recordPageView(path: "/") { ok } }')
        await c.post("/email/unsubscribe?token=x", content="List-Unsubscribe=One-Click")
    assert audit.seen == []


async def test_every_flow_sets_only_declared_cookies(env: Env, audit: CookieAudit) -> None:
    session, visitor = "pv_session", "pv_visitor"
    async with audit.client(env) as c:
        await gql(c, SET_CONSENTS, ANALYTICS_ON)
        assert audit.seen == [(visitor, "persistent")]
        await gql(c, SET_CONSENTS, ANALYTICS_ON)
        user = await sign_up(c)
        assert audit.seen[-2:] == [(visitor, "cleared"), (session, "session")]
        await gql(c, SET_CONSENTS, ANALYTICS_ON)  # signed in: no visitor cookie
        await gql(c, "mutation { logOut { ok } }")
        assert audit.seen[-1] == (session, "cleared")
        await gql(c, SET_CONSENTS, ANALYTICS_ON)
        await log_in(c, user["email"], remember_me=False)
        assert audit.seen[-2:] == [(visitor, "cleared"), (session, "session")]
        await log_in(c, user["email"], remember_me=True)
        assert audit.seen[-1] == (session, "persistent")
        listed = await gql(c, "{ me { sessions { current createdAt expiresAt } } }")
        remembered = next(s for s in listed.data["me"]["sessions"] if s["current"])
        lifetime = datetime.fromisoformat(remembered["expiresAt"]) - datetime.fromisoformat(
            remembered["createdAt"]
        )
        assert lifetime.total_seconds() == audit.declared[session].max_age_seconds
        clock.advance(timedelta(minutes=5))
        await gql(c, "{ me { id } }")  # the remember-me cookie slides forward
        assert audit.seen[-1] == (session, "persistent")
        sessions = await gql(c, "{ me { sessions { id current } } }")
        current = next(s["id"] for s in sessions.data["me"]["sessions"] if s["current"])
        await gql(c, "mutation($id: ID!) { revokeSession(id: $id) { ok } }", {"id": current})
        assert audit.seen[-1] == (session, "cleared")
        await log_in(c, user["email"], remember_me=True)
        clock.advance(timedelta(minutes=5))
        await gql(c, "mutation { logOut { ok } }")  # the cookie slides, then is cleared
        assert audit.seen[-1] == (session, "cleared") and session not in c.cookies
    assert {name for name, _ in audit.seen} == set(audit.declared), "a declared cookie unused"


async def test_https_cookies_match_the_register(env: Env, tmp_path_factory: object) -> None:
    settings = make_settings(
        tmp_path_factory.mktemp("https-register"),  # type: ignore[attr-defined]
        public_url="https://pix.example.com",
        database_url=env.settings.database_url,
    )
    audit = CookieAudit(settings)
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("198.51.100.210", 1))
    async with httpx.AsyncClient(
        transport=transport, base_url="https://pix.example.com", event_hooks={"response": [audit]}
    ) as c:
        await gql(c, SET_CONSENTS, ANALYTICS_ON)
        user = await sign_up(c)
        await log_in(c, user["email"], remember_me=True)
        await gql(c, "mutation { logOut { ok } }")
    names = {name for name, _ in audit.seen}
    assert names == {"__Host-pv_session", "pv_visitor"}


async def test_the_query_returns_the_register(client: httpx.AsyncClient, env: Env) -> None:
    result = await gql(
        client,
        "{ cookieDeclarations { name category purpose persistent maxAgeSeconds provider "
        "sessionUnlessRemembered } }",
    )
    rows = {row["name"]: row for row in result.data["cookieDeclarations"]}
    assert rows["pv_session"] == {
        "name": "pv_session",
        "category": "NECESSARY",
        "purpose": rows["pv_session"]["purpose"],
        "persistent": True,
        "maxAgeSeconds": 30 * 86400,
        "provider": "Pixvault at 127.0.0.1 (first party)",
        "sessionUnlessRemembered": True,
    }
    assert rows["pv_visitor"]["maxAgeSeconds"] == 180 * 86400
    assert rows["pv_visitor"]["sessionUnlessRemembered"] is False
    assert set(rows) == set(register(env.settings))
    assert all(len(row["purpose"]) > 40 for row in rows.values())


def test_cookies_are_set_only_through_the_register() -> None:
    """The flows above cover every Set-Cookie because nothing else can make one."""
    backend = ROOT / "backend" / "pixvault"
    offenders = [
        str(path.relative_to(backend))
        for path in backend.rglob("*.py")
        if re.search(r"\.(set_cookie|delete_cookie)\(|set-cookie", path.read_text(), re.I)
        and path.name != "cookies.py"
    ]
    assert offenders == []


def test_the_web_app_sets_no_cookies_of_its_own() -> None:
    sources = [
        p for p in (ROOT / "frontend" / "src").rglob("*") if p.suffix in {".ts", ".tsx", ".js"}
    ]
    assert sources
    offenders = [
        str(p) for p in sources if re.search(r"document\.cookie|cookieStore", p.read_text())
    ]
    assert offenders == []


async def test_rejecting_a_policy_clears_only_declared_cookies(
    env: Env, audit: CookieAudit
) -> None:
    from pixvault.core.viewer import Viewer
    from pixvault.policies.publish import Publication, publish

    async with audit.client(env) as c:
        await sign_up(c)
        version = await publish(
            env.runtime.mailer,
            Viewer(),
            Publication("TERMS", "9.0", "Terms", "Less.", "Body", "LEGAL_REQUIREMENT", True),
        )
        rejected = await gql(
            c,
            "mutation($id: ID!, $p: String!) { rejectPolicyVersion(id: $id, password: $p) "
            "{ decision { accepted } } }",
            {"id": str(version.id), "p": PASSWORD},
        )
        assert rejected.data["rejectPolicyVersion"]["decision"] == {"accepted": False}
    assert audit.seen[-1] == ("pv_session", "cleared")
