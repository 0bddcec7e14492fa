"""Log-in, sessions and their cookies: lifetimes, rotation, revocation, storage, fail-closed."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import httpx
import pytest

from pixvault.accounts.models import Session, User
from pixvault.accounts.passwords import PasswordHasher
from pixvault.app import create_app
from pixvault.core.clock import clock
from tests.conftest import (
    GENERATED_ADDRESSES,
    PASSWORD,
    Env,
    gql,
    log_in,
    make_settings,
    sign_up,
    unique_email,
)

ME = "{ me { id } }"


async def fresh_user(env: Env) -> str:
    async with env.client() as c:
        user = await sign_up(c)
        await gql(c, "mutation { logOut { ok } }")
    return str(await User.get(id=user["id"]).values_list("email", flat=True))


async def test_browser_session_cookie_has_no_expiry(env: Env) -> None:
    email = await fresh_user(env)
    async with env.client() as c:
        result = await log_in(c, email, remember_me=False)
        assert result.data["logIn"]["errors"] == []
        cookie = result.http.headers["set-cookie"]
        assert "Max-Age" not in cookie and "expires" not in cookie.lower()
        sessions = await gql(c, "{ me { sessions { current persistent browser os ipAddress } } }")
    current = [s for s in sessions.data["me"]["sessions"] if s["current"]]
    assert current == [
        {
            "current": True,
            "persistent": False,
            "browser": "Chrome",
            "os": "Linux",
            "ipAddress": current[0]["ipAddress"],
        }
    ]
    assert current[0]["ipAddress"].startswith(GENERATED_ADDRESSES)


async def test_remember_me_sets_a_thirty_day_sliding_cookie(env: Env) -> None:
    email = await fresh_user(env)
    async with env.client() as c:
        result = await log_in(c, email, remember_me=True)
        assert "Max-Age=2592000" in result.http.headers["set-cookie"]
        clock.advance(timedelta(days=29))
        slid = await c.post("/graphql", json={"query": ME})
        assert slid.json()["data"]["me"] is not None
        assert "Max-Age=2592000" in slid.headers["set-cookie"], "the cookie slides forward"
        clock.advance(timedelta(days=29))
        assert (await gql(c, ME)).data["me"] is not None
        clock.advance(timedelta(days=31))
        assert (await gql(c, ME)).data["me"] is None


async def test_remember_me_has_an_absolute_lifetime(env: Env) -> None:
    """Used every few weeks a remember-me session would slide forever; it ends
    PIXVAULT_REMEMBER_ME_MAX_DAYS after its log-in all the same."""
    email = await fresh_user(env)
    maximum = timedelta(days=env.settings.remember_me_max_days)
    async with env.client() as c:
        await log_in(c, email, remember_me=True)
        used = timedelta(0)
        while used + timedelta(days=20) < maximum:
            clock.advance(timedelta(days=20))
            used += timedelta(days=20)
            assert (await gql(c, ME)).data["me"] is not None, used
        clock.advance(maximum - used - timedelta(minutes=1))
        assert (await gql(c, ME)).data["me"] is not None, "still inside the absolute lifetime"
        clock.advance(timedelta(minutes=2))
        assert (await gql(c, ME)).data["me"] is None
        row = await Session.filter(user__email=email, persistent=True).first()
        assert row is not None and row.expires_at - row.created_at == maximum


async def test_browser_session_ends_after_idle_timeout(env: Env) -> None:
    email = await fresh_user(env)
    async with env.client() as c:
        await log_in(c, email)
        clock.advance(timedelta(minutes=env.settings.session_idle_minutes - 5))
        assert (await gql(c, ME)).data["me"] is not None, "activity keeps it alive"
        clock.advance(timedelta(minutes=env.settings.session_idle_minutes - 5))
        assert (await gql(c, ME)).data["me"] is not None
        clock.advance(timedelta(minutes=env.settings.session_idle_minutes + 1))
        assert (await gql(c, ME)).data["me"] is None


async def test_each_log_in_issues_a_new_token_and_kills_the_old(env: Env) -> None:
    email = await fresh_user(env)
    async with env.client() as c:
        await log_in(c, email)
        first = c.cookies["pv_session"]
        await log_in(c, email)
        second = c.cookies["pv_session"]
        assert first != second
        assert len(second) >= 43  # 256 random bits, URL-safe base64
    async with env.client() as old:
        old.cookies.set("pv_session", first)
        assert (await gql(old, ME)).data["me"] is None


async def test_tokens_are_stored_hashed(env: Env) -> None:
    email = await fresh_user(env)
    async with env.client() as c:
        await log_in(c, email)
        token = c.cookies["pv_session"]
        me = (await gql(c, ME)).data["me"]
    session = await Session.filter(user_id=me["id"], ended_at=None).first()
    assert session is not None
    digest = hashlib.sha256(token.encode()).hexdigest()
    if env.settings.redis_url:
        assert session.token_hash is None
        assert await env.runtime.store.get(f"session:{digest}") == str(session.id)
    else:
        assert session.token_hash == digest


async def test_log_out_ends_the_session_server_side(env: Env) -> None:
    email = await fresh_user(env)
    async with env.client() as c:
        await log_in(c, email)
        token = c.cookies["pv_session"]
        out = await c.post("/graphql", json={"query": "mutation { logOut { ok } }"})
        assert out.json()["data"]["logOut"]["ok"] is True
        assert (
            'pv_session=""' in out.headers["set-cookie"] or "Max-Age=0" in out.headers["set-cookie"]
        )
    async with env.client() as replay:
        replay.cookies.set("pv_session", token)
        assert (await gql(replay, ME)).data["me"] is None
    user = await User.get(email=email)
    ended = await Session.filter(user=user).exclude(ended_at=None).count()
    assert ended >= 2  # the sign-up session and this one


async def test_revoke_session_ends_another_browser(env: Env) -> None:
    email = await fresh_user(env)
    async with env.client() as laptop, env.client() as phone:
        await log_in(laptop, email)
        await log_in(phone, email)
        sessions = (await gql(laptop, "{ me { sessions { id current endedAt } } }")).data
        phone_session = next(
            s for s in sessions["me"]["sessions"] if not s["current"] and s["endedAt"] is None
        )
        result = await gql(
            laptop,
            "mutation($id: ID!) { revokeSession(id: $id) { ok } }",
            {"id": phone_session["id"]},
        )
        assert result.data["revokeSession"]["ok"] is True
        assert (await gql(phone, ME)).data["me"] is None
        assert (await gql(laptop, ME)).data["me"] is not None


async def test_revoke_session_refuses_other_peoples_sessions(env: Env) -> None:
    victim_email = await fresh_user(env)
    async with env.client() as victim, env.client() as attacker:
        await log_in(victim, victim_email)
        victim_session = await Session.filter(user__email=victim_email, ended_at=None).first()
        assert victim_session is not None
        await sign_up(attacker)
        result = await gql(
            attacker,
            "mutation($id: ID!) { revokeSession(id: $id) { ok errors { code } } }",
            {"id": str(victim_session.id)},
        )
        assert result.data["revokeSession"] == {"ok": False, "errors": [{"code": "NOT_FOUND"}]}
        assert (await gql(victim, ME)).data["me"] is not None


async def test_change_password_ends_every_other_session(env: Env) -> None:
    email = await fresh_user(env)
    new_password = "another quite long passphrase"
    async with env.client() as here, env.client() as there:
        await log_in(here, email)
        await log_in(there, email)
        wrong = await gql(
            here,
            "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, "
            "newPassword: $n) { ok errors { field code } } }",
            {"c": "not my password", "n": new_password},
        )
        assert wrong.data["changePassword"]["errors"] == [
            {"field": "currentPassword", "code": "INVALID_PASSWORD"}
        ]
        changed = await gql(
            here,
            "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, "
            "newPassword: $n) { ok errors { code } } }",
            {"c": PASSWORD, "n": new_password},
        )
        assert changed.data["changePassword"]["ok"] is True
        assert (await gql(here, ME)).data["me"] is not None
        assert (await gql(there, ME)).data["me"] is None
    async with env.client() as c:
        assert (await log_in(c, email, password=PASSWORD)).data["logIn"]["user"] is None
        assert (await log_in(c, email, password=new_password)).data["logIn"]["user"] is not None


async def test_wrong_password_and_unknown_email_look_the_same(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    email = await fresh_user(env)
    verifications: list[str] = []
    original = env.runtime.passwords._verify_sync

    def counting(stored: str, password: str) -> bool:
        verifications.append(stored)
        return original(stored, password)

    monkeypatch.setattr(env.runtime.passwords, "_verify_sync", counting)
    async with env.client() as c:
        wrong = await log_in(c, email, password="not the password at all")
        unknown = await log_in(c, unique_email(), password="not the password at all")
    assert wrong.data["logIn"]["errors"] == unknown.data["logIn"]["errors"]
    assert wrong.data["logIn"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert len(verifications) == 2, "an unknown email still costs one hash"


async def test_log_in_rehashes_when_parameters_change(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At OWASP's parameters, not the suite's cheap ones (conftest.CHEAP_HASHING).
    monkeypatch.setattr(env.runtime, "passwords", PasswordHasher())
    email = unique_email()
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024)
    user = await User.create(
        email=email,
        name="Old Hash",
        password_hash=await weak.hash(PASSWORD),
        roles=["CUSTOMER"],
        created_at=clock.now(),
    )
    async with env.client() as c:
        assert (await log_in(c, email)).data["logIn"]["errors"] == []
    await user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password_hash
    assert user.password_hash.startswith("$argon2id$")


async def test_https_uses_a_secure_host_prefixed_cookie(env: Env, tmp_path_factory: object) -> None:
    settings = make_settings(
        tmp_path_factory.mktemp("https-cookie"),  # type: ignore[attr-defined]
        public_url="https://pix.example.com",
        database_url=env.settings.database_url,
    )
    app = create_app(settings, manage_database=False)
    email = await fresh_user(env)
    transport = httpx.ASGITransport(app=app, client=("198.51.100.200", 1))
    async with httpx.AsyncClient(transport=transport, base_url="https://pix.example.com") as c:
        result = await log_in(c, email)
        cookie = result.http.headers["set-cookie"]
        assert cookie.startswith("__Host-pv_session=")
        assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
        assert (await gql(c, ME)).data["me"] is not None


async def test_redis_down_fails_closed_with_503(env: Env, tmp_path_factory: object) -> None:
    settings = make_settings(
        tmp_path_factory.mktemp("redis-down"),  # type: ignore[attr-defined]
        redis_url="redis://127.0.0.1:1/0",
        database_url=env.settings.database_url,
    )
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("198.51.100.201", 1))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        c.cookies.set("pv_session", "some-session-token")
        response = await c.post("/graphql", json={"query": ME})
        assert response.status_code == 503
        assert response.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
        anonymous = await httpx.AsyncClient(transport=transport, base_url="http://t").post(
            "/graphql", json={"query": "{ __typename }"}
        )
        assert anonymous.status_code == 200
        ready = await c.get("/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["redis"] is False
