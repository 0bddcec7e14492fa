"""Two-factor log-in over HTTP, on the injected clock: set-up with a QR code, the log-in's
second step, ±1 step tolerance, no code twice, recovery codes, turning it off, and staff roles
that answer TWO_FACTOR_REQUIRED until it is on."""

from __future__ import annotations

from datetime import timedelta

import httpx

from pixvault.accounts import totp
from pixvault.accounts.security_models import RecoveryCode, TwoFactor
from pixvault.audit.models import AuditEntry
from pixvault.core.clock import clock
from tests.conftest import PASSWORD, Env, gql, log_in, make_staff, sign_up

BEGIN = "mutation { beginTwoFactorSetup { secret otpauthUri qrCode errors { code } } }"
ENABLE = "mutation($c: String!) { enableTwoFactor(code: $c) { recoveryCodes errors { code } } }"
DISABLE = """
mutation($p: String!, $c: String!) {
  disableTwoFactor(password: $p, code: $c) { ok errors { field code } }
}
"""
LOG_IN = """
mutation($e: String!, $p: String!) {
  logIn(input: {email: $e, password: $p}) { user { id } errors { code } twoFactorChallenge }
}
"""
COMPLETE = """
mutation($ch: String!, $c: String!) {
  completeLogIn(challenge: $ch, code: $c) { user { id } errors { field code } }
}
"""


async def turn_on(client: httpx.AsyncClient) -> tuple[str, list[str]]:
    setup = (await gql(client, BEGIN)).data["beginTwoFactorSetup"]
    assert setup["errors"] == []
    assert setup["otpauthUri"].startswith("otpauth://totp/Pixvault:")
    assert f"secret={setup['secret']}" in setup["otpauthUri"]
    assert setup["qrCode"].startswith("data:image/svg+xml;base64,")
    code = totp.code_at(setup["secret"], totp.current_step())
    enabled = (await gql(client, ENABLE, {"c": code})).data["enableTwoFactor"]
    assert enabled["errors"] == []
    return setup["secret"], enabled["recoveryCodes"]


async def challenge(client: httpx.AsyncClient, email: str) -> str:
    result = (await gql(client, LOG_IN, {"e": email, "p": PASSWORD})).data["logIn"]
    assert result["user"] is None and result["errors"] == [{"code": "TWO_FACTOR_REQUIRED"}]
    token: str = result["twoFactorChallenge"]
    return token


async def complete(client: httpx.AsyncClient, token: str, code: str) -> dict[str, object]:
    result: dict[str, object] = (await gql(client, COMPLETE, {"ch": token, "c": code})).data[
        "completeLogIn"
    ]
    return result


async def test_set_up_then_log_in_asks_for_a_code_as_a_second_step(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        wrong_first = await gql(c, ENABLE, {"c": "123456"})
        assert wrong_first.data["enableTwoFactor"]["errors"] == [{"code": "NO_PENDING_SETUP"}]
        seed, recovery = await turn_on(c)
        assert len(recovery) == 10 and len(set(recovery)) == 10
        me = (await gql(c, "{ me { twoFactorEnabled recoveryCodesLeft } }")).data["me"]
        assert me == {"twoFactorEnabled": True, "recoveryCodesLeft": 10}
    stored = await RecoveryCode.filter(user_id=user["id"]).values_list("code_hash", flat=True)
    assert not set(recovery) & set(stored)  # hashed at rest
    async with env.client() as phone:
        token = await challenge(phone, user["email"])
        assert (await gql(phone, "{ me { id } }")).data["me"] is None  # no session yet
        clock.advance(timedelta(seconds=30))
        bad = await complete(phone, token, totp.code_at(seed, totp.current_step() + 5))
        assert bad["user"] is None
        assert bad["errors"] == [{"field": "code", "code": "INVALID_CODE"}]
        ok = await complete(phone, token, totp.code_at(seed, totp.current_step()))
        assert ok == {"user": {"id": user["id"]}, "errors": []}
        assert (await gql(phone, "{ me { id } }")).data["me"] == {"id": user["id"]}
        # The challenge is single use.
        reused = await complete(phone, token, totp.code_at(seed, totp.current_step() + 1))
        assert reused["errors"] == [{"field": "challenge", "code": "INVALID_CHALLENGE"}]
    audited = await AuditEntry.filter(subject_id=user["id"]).values_list("action", flat=True)
    assert "TWO_FACTOR_ENABLED" in audited


async def test_one_step_either_side_is_accepted_and_no_code_twice(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        seed, _ = await turn_on(c)
    clock.advance(timedelta(minutes=5))
    here = totp.current_step()
    async with env.client() as c:
        too_old = await complete(c, await challenge(c, user["email"]), totp.code_at(seed, here - 2))
        assert too_old["errors"] == [{"field": "code", "code": "INVALID_CODE"}]
        too_new = await complete(c, await challenge(c, user["email"]), totp.code_at(seed, here + 2))
        assert too_new["errors"] == [{"field": "code", "code": "INVALID_CODE"}]
        previous = await complete(
            c, await challenge(c, user["email"]), totp.code_at(seed, here - 1)
        )
        assert previous["errors"] == []
    async with env.client() as c:
        # The same code again, from another browser, is refused; so is any older one.
        again = await complete(c, await challenge(c, user["email"]), totp.code_at(seed, here - 1))
        assert again["errors"] == [{"field": "code", "code": "INVALID_CODE"}]
        ahead = await complete(c, await challenge(c, user["email"]), totp.code_at(seed, here + 1))
        assert ahead["errors"] == []
    row = await TwoFactor.get(user_id=user["id"])
    assert row.last_step == here + 1


async def test_recovery_codes_work_once_and_wrong_codes_are_throttled(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        _, recovery = await turn_on(c)
    async with env.client() as c:
        used = await complete(c, await challenge(c, user["email"]), recovery[0].upper())
        assert used["errors"] == []
        left = (await gql(c, "{ me { recoveryCodesLeft } }")).data["me"]["recoveryCodesLeft"]
        assert left == 9
    async with env.client() as c:
        again = await complete(c, await challenge(c, user["email"]), recovery[0])
        assert again["errors"] == [{"field": "code", "code": "INVALID_CODE"}]
        token = await challenge(c, user["email"])
        for _ in range(4):
            await complete(c, token, "999999")
        limited = await complete(c, token, recovery[1])
        assert limited["errors"] == [{"field": "code", "code": "RATE_LIMITED"}]


async def test_turning_it_off_needs_the_password_and_a_code(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        seed, _ = await turn_on(c)
        clock.advance(timedelta(seconds=30))
        code = totp.code_at(seed, totp.current_step())
        no_password = await gql(c, DISABLE, {"p": "wrong password entirely", "c": code})
        assert no_password.data["disableTwoFactor"]["errors"] == [
            {"field": "password", "code": "INVALID_PASSWORD"}
        ]
        no_code = await gql(c, DISABLE, {"p": PASSWORD, "c": "111111"})
        assert no_code.data["disableTwoFactor"]["errors"] == [
            {"field": "code", "code": "INVALID_CODE"}
        ]
        off = await gql(c, DISABLE, {"p": PASSWORD, "c": code})
        assert off.data["disableTwoFactor"] == {"ok": True, "errors": []}
    async with env.client() as c:
        plain = await log_in(c, user["email"])
        assert plain.data["logIn"]["errors"] == []
    assert not await RecoveryCode.filter(user_id=user["id"]).exists()


USERS = "{ users(first: 5) { totalCount } }"


async def test_staff_without_a_second_factor_get_two_factor_required(env: Env) -> None:
    _, email = await make_staff(env, "ADMIN", second_factor=False)
    async with env.client() as admin:
        assert (await log_in(admin, email)).data["logIn"]["errors"] == []
        refused = await gql(admin, USERS)
        assert refused.data["users"] is None
        assert refused.error_codes() == {"users": "TWO_FACTOR_REQUIRED"}
        roles = await gql(
            admin, 'mutation { setUserRoles(userId: "x", roles: []) { errors { code } } }'
        )
        assert roles.error_codes() == {"setUserRoles": "TWO_FACTOR_REQUIRED"}
        # Their own data still answers, and the set-up is open to them.
        me = (await gql(admin, "{ me { roles twoFactorEnabled } }")).data["me"]
        assert me == {"roles": ["ADMIN", "CUSTOMER"], "twoFactorEnabled": False}
        await turn_on(admin)
        allowed = await gql(admin, USERS)
        assert allowed.errors == [] and allowed.data["users"]["totalCount"] >= 1


async def test_a_customer_keeps_forbidden_not_two_factor_required(env: Env) -> None:
    async with env.client() as c:
        await sign_up(c)
        assert (await gql(c, USERS)).error_codes() == {"users": "FORBIDDEN"}
