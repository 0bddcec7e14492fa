"""Access probes: objects one user owns, tried by another customer and by each staff role the
contract does not allow, through every query and mutation that takes their id. Nothing leaks
and nothing changes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import httpx
import pytest

from pixvault.accounts.models import ApiToken, Session, User
from pixvault.privacy.models import DataSubjectRequest
from tests.conftest import PASSWORD, Env, drain_jobs, gql, log_in, make_staff, sign_up


@dataclass
class Victim:
    user_id: str
    email: str
    session_id: str
    token_id: str
    token_secret: str
    request_id: str
    export_path: str


@pytest.fixture(scope="module")
async def victim(env: Env) -> Victim:
    async with env.client() as c:
        user = await sign_up(c)
        token = (
            await gql(c, 'mutation { createApiToken(name: "phone") { token { id } secret } }')
        ).data["createApiToken"]
        request = (
            await gql(
                c,
                "mutation($i: DataSubjectRequestInput!) { submitDataSubjectRequest(input: $i) "
                "{ request { id } } }",
                {"i": {"kind": "ACCESS", "password": PASSWORD}},
            )
        ).data["submitDataSubjectRequest"]["request"]
        await drain_jobs(env)
        url = (
            await gql(
                c,
                "query($id: ID!) { dataSubjectRequest(id: $id) { exportUrl } }",
                {"id": request["id"]},
            )
        ).data["dataSubjectRequest"]["exportUrl"]
        session = await Session.filter(user_id=user["id"], ended_at=None).first()
        assert session is not None
    return Victim(
        user_id=user["id"],
        email=user["email"],
        session_id=str(session.id),
        token_id=token["token"]["id"],
        token_secret=token["secret"],
        request_id=request["id"],
        export_path=url.removeprefix(env.settings.public_url),
    )


@asynccontextmanager
async def as_prober(env: Env, who: str) -> AsyncIterator[httpx.AsyncClient]:
    async with env.client() as client:
        if who == "customer":
            await sign_up(client)
        else:
            _, email = await make_staff(env, who)
            await log_in(client, email)
        yield client


def denied(result: object, path: str) -> bool:
    from tests.conftest import GraphQLResponse

    assert isinstance(result, GraphQLResponse)
    return result.error_codes().get(path) == "FORBIDDEN"


@pytest.mark.parametrize("who", ["customer", "SUPPORT", "BILLING", "PRIVACY_OFFICER"])
async def test_roles_cannot_be_changed_but_by_admins(env: Env, victim: Victim, who: str) -> None:
    async with as_prober(env, who) as prober:
        result = await gql(
            prober,
            "mutation($id: ID!) { setUserRoles(userId: $id, roles: [ADMIN]) { user { id } } }",
            {"id": victim.user_id},
        )
    assert denied(result, "setUserRoles")
    assert (await User.get(id=victim.user_id)).roles == ["CUSTOMER"]


async def test_another_customer_cannot_read_the_user(env: Env, victim: Victim) -> None:
    async with as_prober(env, "customer") as prober:
        result = await gql(
            prober, "query($id: ID!) { user(id: $id) { email } }", {"id": victim.user_id}
        )
        users = await gql(prober, "{ users { totalCount } }")
    assert denied(result, "user") and denied(users, "users")
    assert victim.email not in result.http.text + users.http.text


@pytest.mark.parametrize("who", ["customer", "SUPPORT", "BILLING", "PRIVACY_OFFICER", "ADMIN"])
async def test_sessions_and_tokens_are_the_owners_alone(env: Env, victim: Victim, who: str) -> None:
    async with as_prober(env, who) as prober:
        revoke = await gql(
            prober,
            "mutation($id: ID!) { revokeSession(id: $id) { ok errors { code } } }",
            {"id": victim.session_id},
        )
        token = await gql(
            prober,
            "mutation($id: ID!) { revokeApiToken(id: $id) { ok errors { code } } }",
            {"id": victim.token_id},
        )
        sessions = await gql(
            prober,
            "query($id: ID!) { user(id: $id) { sessions { id } apiTokens { id } } }",
            {"id": victim.user_id},
        )
    assert revoke.data["revokeSession"] == {"ok": False, "errors": [{"code": "NOT_FOUND"}]}
    assert token.data["revokeApiToken"] == {"ok": False, "errors": [{"code": "NOT_FOUND"}]}
    assert victim.session_id not in sessions.http.text
    assert (await Session.get(id=victim.session_id)).ended_at is None
    assert (await ApiToken.get(id=victim.token_id)).revoked_at is None
    async with env.client(Authorization=f"Bearer {victim.token_secret}") as owner:
        assert (await gql(owner, "{ me { id } }")).data["me"]["id"] == victim.user_id


@pytest.mark.parametrize("who", ["customer", "SUPPORT", "BILLING"])
async def test_data_subject_requests_are_the_subjects_and_reviewers(
    env: Env, victim: Victim, who: str
) -> None:
    before = await DataSubjectRequest.get(id=victim.request_id)
    async with as_prober(env, who) as prober:
        read = await gql(
            prober,
            "query($id: ID!) { dataSubjectRequest(id: $id) { id } }",
            {"id": victim.request_id},
        )
        listed = await gql(prober, "{ dataSubjectRequests { edges { node { id } } } }")
        extend = await gql(
            prober,
            'mutation($id: ID!) { extendDataSubjectRequest(id: $id, days: 5, reason: "x") '
            "{ request { id } } }",
            {"id": victim.request_id},
        )
        reject = await gql(
            prober,
            'mutation($id: ID!) { rejectDataSubjectRequest(id: $id, reason: "x") '
            "{ request { id } } }",
            {"id": victim.request_id},
        )
        complete = await gql(
            prober,
            "mutation($id: ID!) { completeDataSubjectRequest(id: $id) { request { id } } }",
            {"id": victim.request_id},
        )
        download = await prober.get(victim.export_path)
    assert denied(read, "dataSubjectRequest")
    assert victim.request_id not in listed.http.text
    for result, path in (
        (extend, "extendDataSubjectRequest"),
        (reject, "rejectDataSubjectRequest"),
        (complete, "completeDataSubjectRequest"),
    ):
        assert denied(result, path)
    assert download.status_code == 403
    after = await DataSubjectRequest.get(id=victim.request_id)
    assert (after.status, after.due_at, after.rejection_reason) == (
        before.status,
        before.due_at,
        before.rejection_reason,
    )


@pytest.mark.parametrize("who", ["PRIVACY_OFFICER", "ADMIN"])
async def test_reviewers_may_read_but_not_download_exports(
    env: Env, victim: Victim, who: str
) -> None:
    async with as_prober(env, who) as prober:
        read = await gql(
            prober,
            "query($id: ID!) { dataSubjectRequest(id: $id) { id exportUrl } }",
            {"id": victim.request_id},
        )
        download = await prober.get(victim.export_path)
    assert read.data["dataSubjectRequest"]["id"] == victim.request_id
    assert read.error_codes() == {"dataSubjectRequest.exportUrl": "FORBIDDEN"}
    assert download.status_code == 403
