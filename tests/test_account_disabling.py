"""ADMIN disabling and re-enabling an account: its sessions and tokens end at once, logIn
says the account is disabled, and both are audited."""

from __future__ import annotations

from pixvault.audit.models import AuditEntry
from pixvault.audit.service import first_broken_link
from tests.conftest import PASSWORD, Env, gql, log_in, sign_up, staff_client
from tests.test_api_tokens import WITH_PASSWORD, assert_invalid_token, create

DISABLE = """mutation($id: ID!) {
  disableUser(id: $id) { user { id disabledAt } errors { field code } }
}"""
ENABLE = """mutation($id: ID!) {
  enableUser(id: $id) { user { id disabledAt } errors { field code } }
}"""


async def test_disabling_ends_sessions_and_tokens_and_refuses_log_in(env: Env) -> None:
    async with (
        env.client() as person,
        env.client() as remembered,
        staff_client(env, "ADMIN") as admin,
    ):
        user = await sign_up(person)
        assert (await log_in(remembered, user["email"], remember_me=True)).data["logIn"][
            "errors"
        ] == []
        secret = (await create(person, "script", ["ACCOUNT_READ"]))["secret"]

        disabled = await gql(admin, DISABLE, {"id": user["id"]})
        payload = disabled.data["disableUser"]
        assert payload["errors"] == [] and payload["user"]["disabledAt"] is not None
        entry = await AuditEntry.filter(action="DISABLE_ACCOUNT", subject_id=user["id"]).first()
        assert entry is not None and "ADMIN" in entry.actor_roles

        for client in (person, remembered):
            assert (await gql(client, "{ me { id } }")).data["me"] is None
        async with env.client(Authorization=f"Bearer {secret}") as script:
            assert_invalid_token(await script.post("/graphql", json={"query": "{ me { id } }"}))

        async with env.client() as again:
            refused = await log_in(again, user["email"])
            assert refused.data["logIn"]["errors"][0]["code"] == "ACCOUNT_DISABLED"
            assert "disabled" in refused.data["logIn"]["errors"][0]["message"]
            assert "set-cookie" not in refused.http.headers
            wrong = await log_in(again, user["email"], "not the password at all")
            assert wrong.data["logIn"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
            by_password = await gql(
                again,
                WITH_PASSWORD,
                {"input": {"email": user["email"], "password": PASSWORD, "name": "x"}},
            )
            assert by_password.data["createApiTokenWithPassword"]["errors"] == [
                {"field": None, "code": "ACCOUNT_DISABLED"}
            ]

        enabled = await gql(admin, ENABLE, {"id": user["id"]})
        assert enabled.data["enableUser"]["user"]["disabledAt"] is None
        assert await AuditEntry.exists(action="ENABLE_ACCOUNT", subject_id=user["id"])
        async with env.client() as again:
            assert (await log_in(again, user["email"])).data["logIn"]["errors"] == []
            assert (await gql(again, "{ me { id } }")).data["me"]["id"] == user["id"]
        # Re-enabling brings no token back.
        async with env.client(Authorization=f"Bearer {secret}") as script:
            assert_invalid_token(await script.post("/graphql", json={"query": "{ me { id } }"}))
    assert await first_broken_link() is None


async def test_only_an_admin_disables_and_never_themselves(env: Env) -> None:
    async with env.client() as person, staff_client(env, "ADMIN") as admin:
        user = await sign_up(person)
        me = (await gql(admin, "{ me { id } }")).data["me"]["id"]
        own = await gql(admin, DISABLE, {"id": me})
        assert own.data["disableUser"]["errors"] == [{"field": "id", "code": "CANNOT_DISABLE_SELF"}]
        unknown = await gql(admin, DISABLE, {"id": "not-an-id"})
        assert unknown.data["disableUser"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
        for role in ("SUPPORT", "PRIVACY_OFFICER"):
            async with staff_client(env, role) as staff:
                refused = await gql(staff, DISABLE, {"id": user["id"]})
                assert refused.error_codes() == {"disableUser": "FORBIDDEN"}
        refused = await gql(person, DISABLE, {"id": user["id"]})
        assert refused.error_codes() == {"disableUser": "FORBIDDEN"}
        assert (await gql(person, "{ me { disabledAt } }")).data["me"]["disabledAt"] is None
