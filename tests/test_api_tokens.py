"""API tokens: shown once, stored hashed, used as Bearer, revocable, with a last-used time."""

from __future__ import annotations

import hashlib

from pixvault.accounts.models import ApiToken
from tests.conftest import Env, gql, sign_up

CREATE = """mutation($name: String!) {
  createApiToken(name: $name) { token { id name createdAt lastUsedAt } secret errors { code } }
}"""


async def test_token_lifecycle(env: Env) -> None:
    async with env.client() as browser:
        user = await sign_up(browser)
        created = (await gql(browser, CREATE, {"name": "  CI script "})).data["createApiToken"]
        assert created["errors"] == []
        secret = created["secret"]
        assert secret.startswith("pvt_") and len(secret) > 40
        assert created["token"]["name"] == "CI script"
        row = await ApiToken.get(id=created["token"]["id"])
        assert row.token_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in str(await ApiToken.filter(id=row.id).values())

        listed = await gql(browser, "{ me { apiTokens { id name lastUsedAt } } }")
        assert listed.data["me"]["apiTokens"] == [
            {"id": created["token"]["id"], "name": "CI script", "lastUsedAt": None}
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
        await browser.post("/graphql", json={"query": "{ __typename }"})
        await gql(
            browser,
            "mutation($i: LogInInput!) { logIn(input: $i) { errors { code } } }",
            {"i": {"email": user["email"], "password": "a long and unusual passphrase"}},
        )
        revoked = await gql(
            browser,
            "mutation($id: ID!) { revokeApiToken(id: $id) { ok } }",
            {"id": created["token"]["id"]},
        )
        assert revoked.data["revokeApiToken"]["ok"] is True

    async with env.client(Authorization=f"Bearer {secret}") as script:
        assert (await gql(script, "{ me { id } }")).data["me"] is None


async def test_tokens_need_a_signed_in_user_and_a_name(env: Env) -> None:
    async with env.client() as anonymous:
        result = await gql(anonymous, CREATE, {"name": "x"})
        assert result.data["createApiToken"]["errors"] == [{"code": "UNAUTHENTICATED"}]
        await sign_up(anonymous)
        blank = await gql(anonymous, CREATE, {"name": "  "})
        assert blank.data["createApiToken"]["errors"] == [{"code": "REQUIRED"}]


async def test_a_bad_bearer_token_is_anonymous(env: Env) -> None:
    async with env.client(Authorization="Bearer pvt_not-a-real-token") as c:
        assert (await gql(c, "{ me { id } }")).data["me"] is None
