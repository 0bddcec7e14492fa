"""Limits a client can see: RateLimit-Policy / RateLimit headers (IETF draft) on every response
that consulted a limit, and Retry-After (header, extensions.retryAfter, UserError.retryAfter)
on every refusal, through /graphql and the delivery endpoint."""

from __future__ import annotations

import re

import httpx

from pixvault.accounts import limits
from pixvault.billing import usage
from pixvault.billing.periods import period_at
from pixvault.core.clock import now
from pixvault.safety.contact import ACKS_PER_ADDRESS
from tests.conftest import PASSWORD, Env, gql, sign_up, unique_email
from tests.media import encode, uploaded

LOG_IN = """mutation($i: LogInInput!) { logIn(input: $i) {
  user { id } errors { code retryAfter } } }"""
SIGN_UP = """mutation($i: SignUpInput!) { signUp(input: $i) { errors { code retryAfter } } }"""


def items(header: str) -> dict[str, dict[str, int]]:
    """A structured-field list like '"a";q=5;w=900, "b";r=1;t=30' as {name: {param: int}}."""
    parsed: dict[str, dict[str, int]] = {}
    for item in header.split(","):
        name, *params = item.strip().split(";")
        assert re.fullmatch(r'"[a-z0-9-]+"', name), header
        parsed[name.strip('"')] = {k: int(v) for k, v in (p.split("=") for p in params)}
    return parsed


async def log_in(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await client.post(
        "/graphql",
        json={"query": LOG_IN, "variables": {"i": {"email": email, "password": password}}},
    )


async def test_failed_log_ins_show_the_window_and_the_refusal_says_when_to_retry(
    env: Env,
) -> None:
    limit = limits.FAILED_LOG_INS_PER_ACCOUNT_AND_IP
    async with env.client() as owner:
        user = await sign_up(owner)
    async with env.client(ip="198.51.100.31") as attacker:
        remaining = []
        for _ in range(limit.count):
            response = await log_in(attacker, user["email"], "guess guess guess")
            assert "retry-after" not in response.headers
            policy = items(response.headers["ratelimit-policy"])
            assert policy["login-account-ip"] == {"q": limit.count, "w": limit.window_seconds}
            # Not the per-account window: it would tell anyone of other people's guesses.
            assert "login-account" not in policy
            assert policy["login-ip"] == {
                "q": limits.FAILED_LOG_INS_PER_IP.count,
                "w": limits.FAILED_LOG_INS_PER_IP.window_seconds,
            }
            state = items(response.headers["ratelimit"])["login-account-ip"]
            assert 0 < state["t"] <= limit.window_seconds
            remaining.append(state["r"])
        assert remaining == list(range(limit.count - 1, -1, -1))

        blocked = await log_in(attacker, user["email"], PASSWORD)
    body = blocked.json()
    assert blocked.status_code == 200
    assert body["data"]["logIn"]["user"] is None
    (error,) = body["data"]["logIn"]["errors"]
    assert error["code"] == "RATE_LIMITED"
    wait = int(blocked.headers["retry-after"])
    assert 0 < wait <= limit.window_seconds
    assert error["retryAfter"] == wait
    assert body["extensions"]["retryAfter"] == wait
    assert items(blocked.headers["ratelimit"])["login-account-ip"]["r"] == 0


async def test_sign_ups_refused_per_address_carry_retry_after(env: Env) -> None:
    limit = limits.SIGN_UPS_PER_IP
    async with env.client(ip="198.51.100.32") as c:
        for _ in range(limit.count):
            await sign_up(c)
        variables = {
            "i": {
                "name": "N",
                "email": unique_email(),
                "password": PASSWORD,
                "acceptPolicies": True,
            }
        }
        response = await c.post("/graphql", json={"query": SIGN_UP, "variables": variables})
    wait = int(response.headers["retry-after"])
    assert 0 < wait <= limit.window_seconds
    assert response.json()["data"]["signUp"]["errors"] == [
        {"code": "RATE_LIMITED", "retryAfter": wait}
    ]
    assert items(response.headers["ratelimit"])["signup-ip"] == {"r": 0, "t": wait}


async def test_answers_that_consult_no_limit_have_no_limit_headers(env: Env) -> None:
    async with env.client() as c:
        response = await c.post("/graphql", json={"query": "{ __typename }"})
        other_errors = await gql(c, LOG_IN, {"i": {"email": "not an email", "password": "x"}})
    for name in ("ratelimit", "ratelimit-policy", "retry-after"):
        assert name not in response.headers
    assert "extensions" not in response.json()
    assert other_errors.data["logIn"]["errors"][0]["retryAfter"] is None


async def test_a_limit_on_what_pixvault_does_itself_is_not_shown(env: Env) -> None:
    """The acknowledgement emails per address are Pixvault's business, not the sender's."""
    send = """mutation($input: ContactInput!) { sendContactMessage(input: $input) {
      errors { code } } }"""
    address = unique_email("acks")
    for i in range(ACKS_PER_ADDRESS.count + 1):
        async with env.client(ip=f"198.51.100.{40 + i}") as c:
            form = {
                "topic": "GENERAL",
                "name": "Ada",
                "email": address,
                "subject": "Hello",
                "message": "A question.",
            }
            response = await c.post("/graphql", json={"query": send, "variables": {"input": form}})
        assert response.json()["data"]["sendContactMessage"]["errors"] == []
        assert "contact-ack" not in response.headers["ratelimit-policy"]
        assert "contact-ip" in response.headers["ratelimit-policy"]
        assert "retry-after" not in response.headers


async def test_new_public_renditions_show_the_window_and_429_says_when_to_retry(
    env: Env,
) -> None:
    env.settings.public_renditions_per_minute = 2
    try:
        async with env.client() as owner:
            await sign_up(owner)
            asset = await uploaded(owner, encode(".jpg", width=130), visibility="PUBLIC")
        async with env.client(ip="198.51.100.33") as visitor:
            # Sizes on the public ladder (PIXVAULT_PUBLIC_RENDITION_SIZES).
            first = await visitor.get(f"/i/{asset['id']}?w=16")
            second = await visitor.get(f"/i/{asset['id']}?w=24")
            refused = await visitor.get(f"/i/{asset['id']}?w=32")
            cached = await visitor.get(f"/i/{asset['id']}?w=16")
    finally:
        env.settings.public_renditions_per_minute = 300
    assert [first.status_code, second.status_code, refused.status_code] == [200, 200, 429]
    # Beside the per-address window, a stranger's renditions count against the image's cap.
    policies = items(first.headers["ratelimit-policy"])
    assert policies["public-renditions"] == {"q": 2, "w": 60}
    assert "public-renditions-asset" in policies
    assert items(first.headers["ratelimit"])["public-renditions"]["r"] == 1
    assert items(second.headers["ratelimit"])["public-renditions"]["r"] == 0
    wait = int(refused.headers["retry-after"])
    assert 0 < wait <= 60
    assert items(refused.headers["ratelimit"]) == {"public-renditions": {"r": 0, "t": wait}}
    # A cached rendition consults no limit.
    assert cached.status_code == 200 and "ratelimit" not in cached.headers


async def test_the_monthly_transformation_quota_429_waits_for_next_month(env: Env) -> None:
    async with env.client() as owner:
        user = await sign_up(owner)
        asset = await uploaded(owner, encode(".jpg", width=132), visibility="PUBLIC")
        for _ in range(500):  # the free plan's month
            usage.record_transformation(str(user["id"]))
        refused = await owner.get(f"/i/{asset['id']}?w=32")
    assert refused.status_code == 429
    expected = (period_at(now()).end - now()).total_seconds()
    assert abs(int(refused.headers["retry-after"]) - expected) < 60
