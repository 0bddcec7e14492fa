"""Throttles: failed log-ins per IP (per account: test_log_in_limits.py), sign-ups per IP."""

from __future__ import annotations

from pixvault.accounts import limits
from tests.conftest import PASSWORD, Env, gql, log_in, sign_up, unique_email


async def test_failed_log_ins_are_limited_per_ip(env: Env) -> None:
    async with env.client(ip="198.51.100.251") as spray:
        for _ in range(limits.FAILED_LOG_INS_PER_IP.count):
            await log_in(spray, unique_email(), password="guess guess guess")
        async with env.client() as owner:
            user = await sign_up(owner)
        blocked = await log_in(spray, user["email"])
        assert blocked.data["logIn"]["errors"][0]["code"] == "RATE_LIMITED"
    async with env.client(ip="198.51.100.252") as other:
        assert (await log_in(other, user["email"])).data["logIn"]["errors"] == []


async def test_sign_ups_are_limited_per_ip(env: Env) -> None:
    async with env.client(ip="198.51.100.253") as c:
        for _ in range(limits.SIGN_UPS_PER_IP.count):
            await sign_up(c)
        result = await gql(
            c,
            "mutation($i: SignUpInput!) { signUp(input: $i) { errors { code } } }",
            {
                "i": {
                    "name": "N",
                    "email": unique_email(),
                    "password": PASSWORD,
                    "acceptPolicies": True,
                    "minimumAgeConfirmed": True,
                }
            },
        )
    assert result.data["signUp"]["errors"] == [{"code": "RATE_LIMITED"}]


async def test_password_changes_are_limited(env: Env) -> None:
    change = (
        "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, "
        "newPassword: $n) { ok errors { code } } }"
    )
    async with env.client() as c:
        await sign_up(c)
        codes = []
        for _ in range(limits.PASSWORD_CHANGES_PER_USER.count + 1):
            result = await gql(c, change, {"c": "wrong wrong wrong", "n": "whatever long pass"})
            codes.append(result.data["changePassword"]["errors"][0]["code"])
    assert codes[:-1] == ["INVALID_PASSWORD"] * limits.PASSWORD_CHANGES_PER_USER.count
    assert codes[-1] == "RATE_LIMITED"
