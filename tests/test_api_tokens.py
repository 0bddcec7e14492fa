"""API tokens: shown once, stored hashed, used as Bearer, revocable, with a last-used time,
scopes and an expiry; a token that opens nothing is a 401, never an anonymous answer."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

import httpx

from pixvault.accounts.models import ActivityEvent, ApiToken
from pixvault.core.clock import clock, now
from tests.conftest import PASSWORD, Env, gql, log_in, make_staff, sign_up

CREATE = """mutation($name: String!, $scopes: [ApiScope!], $days: Int) {
  createApiToken(name: $name, scopes: $scopes, expiresInDays: $days) {
    token { id name scopes createdAt expiresAt lastUsedAt } secret errors { field code }
  }
}"""

WITH_PASSWORD = """mutation($input: CreateApiTokenWithPasswordInput!) {
  createApiTokenWithPassword(input: $input) {
    token { id name scopes expiresAt } secret errors { field code }
  }
}"""


async def create(
    client: httpx.AsyncClient, name: str = "t", scopes: list[str] | None = None, **more: Any
) -> dict[str, Any]:
    variables: dict[str, Any] = {"name": name, "scopes": scopes, **more}
    created: dict[str, Any] = (await gql(client, CREATE, variables)).data["createApiToken"]
    return created


def assert_invalid_token(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"].startswith('Bearer error="invalid_token"')
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "data" not in response.json() or response.json()["data"] is None


async def test_token_lifecycle(env: Env) -> None:
    async with env.client() as browser:
        user = await sign_up(browser)
        created = await create(browser, "  CI script ", ["ACCOUNT_READ"])
        assert created["errors"] == []
        secret = created["secret"]
        assert secret.startswith("pvt_") and len(secret) > 40
        assert created["token"]["name"] == "CI script"
        row = await ApiToken.get(id=created["token"]["id"])
        assert row.token_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in str(await ApiToken.filter(id=row.id).values())

        listed = await gql(browser, "{ me { apiTokens { id name scopes lastUsedAt } } }")
        assert listed.data["me"]["apiTokens"] == [
            {
                "id": created["token"]["id"],
                "name": "CI script",
                "scopes": ["ACCOUNT_READ"],
                "lastUsedAt": None,
            }
        ]

    async with env.client(Authorization=f"Bearer {secret}") as script:
        me = await gql(script, "{ me { id email } }")
        assert me.data["me"]["id"] == user["id"]
        # Bearer requests carry no cookie, so the CSRF rule does not apply to them.
        form = await script.post(
            "/graphql",
            files={"operations": (None, '{"query": "{ me { id } }"}'), "map": (None, "{}")},
        )
        assert form.json()["data"]["me"]["id"] == user["id"]
    await row.refresh_from_db()
    assert row.last_used_at is not None

    async with env.client() as browser:
        assert (await log_in(browser, user["email"])).data["logIn"]["errors"] == []
        revoked = await gql(
            browser,
            "mutation($id: ID!) { revokeApiToken(id: $id) { ok } }",
            {"id": created["token"]["id"]},
        )
        assert revoked.data["revokeApiToken"]["ok"] is True

    async with env.client(Authorization=f"Bearer {secret}") as script:
        assert_invalid_token(await script.post("/graphql", json={"query": "{ me { id } }"}))


async def test_tokens_need_a_signed_in_user_a_name_and_a_scope(env: Env) -> None:
    async with env.client() as anonymous:
        result = await create(anonymous, "x")
        assert result["errors"] == [{"field": None, "code": "UNAUTHENTICATED"}]
        await sign_up(anonymous)
        assert (await create(anonymous, "  "))["errors"] == [{"field": "name", "code": "REQUIRED"}]
        none = await create(anonymous, "x", [])
        assert none["errors"] == [{"field": "scopes", "code": "REQUIRED"}]


async def test_a_wrong_bearer_token_is_a_401(env: Env) -> None:
    for header in ("Bearer pvt_not-a-real-token", "Bearer ", "bearer pvt_x"):
        async with env.client(Authorization=header) as c:
            assert_invalid_token(await c.post("/graphql", json={"query": "{ plans { id } }"}))
            assert_invalid_token(await c.get("/graphql?query={__typename}"))


async def test_default_expiry_is_90_days_and_an_expired_token_is_refused(env: Env) -> None:
    async with env.client() as browser:
        await sign_up(browser)
        created = await create(browser)
        assert created["token"]["scopes"] == ["ASSETS_READ", "ACCOUNT_READ"]
        expires = datetime.fromisoformat(created["token"]["expiresAt"])
        assert abs(expires - (now() + timedelta(days=90))) < timedelta(minutes=1)
        forever = await create(browser, "forever", days=None)
        assert forever["token"]["expiresAt"] is None
        for days in (0, -1, 3651):
            bad = await create(browser, "bad", days=days)
            assert bad["errors"] == [{"field": "expiresInDays", "code": "INVALID_EXPIRY"}]
        short = await create(browser, "short", days=1)
    async with env.client(Authorization=f"Bearer {short['secret']}") as script:
        assert (await gql(script, "{ me { id } }")).data["me"] is not None
        clock.advance(timedelta(days=1, seconds=1))
        assert_invalid_token(await script.post("/graphql", json={"query": "{ me { id } }"}))
    async with env.client(Authorization=f"Bearer {forever['secret']}") as script:
        clock.advance(timedelta(days=5000))
        assert (await gql(script, "{ me { id } }")).data["me"] is not None


async def test_a_token_acts_only_within_its_scopes(env: Env) -> None:
    async with env.client() as browser:
        await sign_up(browser)
        reader = await create(browser, "reader", ["ASSETS_READ"])
        account = await create(browser, "account", ["ACCOUNT_READ"])
    async with env.client(Authorization=f"Bearer {reader['secret']}") as script:
        listed = await gql(script, "{ assets { totalCount } }")
        assert listed.data["assets"]["totalCount"] == 0
        me = await gql(script, "{ me { id } }")
        assert me.data["me"] is None
        assert me.error_codes() == {"me": "INSUFFICIENT_SCOPE"}
        assert me.errors[0]["extensions"]["requiredScope"] == "account:read"
        delete = await gql(
            script,
            "mutation($id: ID!) { deleteAsset(id: $id) { deletedId } }",
            {"id": "00000000-0000-0000-0000-000000000000"},
        )
        assert delete.error_codes() == {"deleteAsset": "INSUFFICIENT_SCOPE"}
    async with env.client(Authorization=f"Bearer {account['secret']}") as script:
        me = await gql(script, "{ me { id assets { totalCount } } }")
        assert me.data["me"]["id"] and me.data["me"]["assets"] is None
        assert me.error_codes() == {"me.assets": "INSUFFICIENT_SCOPE"}


async def test_a_token_cannot_make_or_list_tokens(env: Env) -> None:
    async with env.client() as browser:
        user = await sign_up(browser)
        every = await create(
            browser, "every", ["ASSETS_READ", "ASSETS_WRITE", "ACCOUNT_READ", "ACCOUNT_WRITE"]
        )
    async with env.client(Authorization=f"Bearer {every['secret']}") as script:
        listed = await gql(script, "{ me { id apiTokens { id } sessions { id } } }")
        assert listed.data["me"]["apiTokens"] is None
        assert listed.error_codes() == {
            "me.apiTokens": "INSUFFICIENT_SCOPE",
            "me.sessions": "INSUFFICIENT_SCOPE",
        }
        made = await gql(script, CREATE, {"name": "child"})
        assert made.body["data"] is None
        assert made.error_codes() == {"createApiToken": "INSUFFICIENT_SCOPE"}
        by_password = await gql(
            script,
            WITH_PASSWORD,
            {"input": {"email": user["email"], "password": PASSWORD, "name": "child"}},
        )
        assert by_password.error_codes() == {"createApiTokenWithPassword": "INSUFFICIENT_SCOPE"}
    assert await ApiToken.filter(user_id=user["id"]).count() == 1


async def test_staff_powers_need_the_staff_scope_chosen_by_staff(env: Env) -> None:
    async with env.client() as browser:
        await sign_up(browser)
        refused = await create(browser, "sneaky", ["ASSETS_READ", "STAFF"])
        assert refused["errors"] == [{"field": "scopes", "code": "FORBIDDEN_SCOPE"}]
    _, email = await make_staff(env, "SUPPORT")
    async with env.client() as staff:
        assert (await log_in(staff, email)).data["logIn"]["errors"] == []
        plain = await create(staff, "plain", ["ACCOUNT_READ"])
        powered = await create(staff, "powered", ["ACCOUNT_READ", "STAFF"])
        assert powered["token"]["scopes"] == ["ACCOUNT_READ", "STAFF"]
    async with env.client(Authorization=f"Bearer {plain['secret']}") as script:
        users = await gql(script, "{ users { totalCount } }")
        assert users.error_codes() == {"users": "INSUFFICIENT_SCOPE"}
    async with env.client(Authorization=f"Bearer {powered['secret']}") as script:
        users = await gql(script, "{ users { totalCount } }")
        assert users.errors == [] and users.data["users"]["totalCount"] >= 2


async def test_mobile_clients_get_a_token_with_email_and_password(env: Env) -> None:
    async with env.client() as browser:
        user = await sign_up(browser)
    async with env.client() as mobile:
        wrong = await gql(
            mobile,
            WITH_PASSWORD,
            {"input": {"email": user["email"], "password": "wrong password", "name": "phone"}},
        )
        assert wrong.data["createApiTokenWithPassword"]["errors"] == [
            {"field": None, "code": "INVALID_CREDENTIALS"}
        ]
        nobody = await gql(
            mobile,
            WITH_PASSWORD,
            {"input": {"email": "nobody@example.com", "password": PASSWORD, "name": "phone"}},
        )
        assert nobody.body == wrong.body
        made = await gql(
            mobile,
            WITH_PASSWORD,
            {
                "input": {
                    "email": user["email"],
                    "password": PASSWORD,
                    "code": None,
                    "name": "phone",
                    "scopes": ["ASSETS_READ", "ASSETS_WRITE"],
                    "expiresInDays": 30,
                }
            },
        )
        payload = made.data["createApiTokenWithPassword"]
        assert payload["errors"] == [] and payload["secret"].startswith("pvt_")
        assert payload["token"]["scopes"] == ["ASSETS_READ", "ASSETS_WRITE"]
        assert "set-cookie" not in made.http.headers
        assert mobile.cookies.jar.__len__() == 0
    async with env.client(Authorization=f"Bearer {payload['secret']}") as phone:
        listed = await gql(phone, "{ assets { totalCount } }")
        assert listed.errors == []
    # A log-in like any other: in the person's activity, with what it made.
    event = await ActivityEvent.filter(user_id=user["id"], kind="LOG_IN").order_by("-at").first()
    assert event is not None and event.target == "API token: phone"


async def test_at_most_50_live_tokens_and_expired_ones_do_not_count(env: Env) -> None:
    async with env.client() as browser:
        user = await sign_up(browser)
        for i in range(50):
            assert (await create(browser, f"t{i}", days=1))["errors"] == []
        full = await create(browser, "one more")
        assert full["errors"] == [{"field": "name", "code": "TOO_MANY"}]
        clock.advance(timedelta(days=1, minutes=1))
        assert (await log_in(browser, user["email"])).data["logIn"]["errors"] == []
        assert (await create(browser, "one more"))["errors"] == []
        listed = await gql(browser, "{ me { apiTokens { name } } }")
        assert listed.data["me"]["apiTokens"] == [{"name": "one more"}]
