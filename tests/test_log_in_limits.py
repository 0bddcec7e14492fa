"""Log-in limits under attack (issue 22, point 1): attempts are reserved before the password is
verified, so concurrent guesses cannot outrun the limit; the strict limit is per account and
client address, so a stranger cannot lock the owner out; the owner is told by email."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from pixvault.accounts import limits
from pixvault.accounts.models import ActivityEvent
from tests.conftest import (
    LOG_IN,
    PASSWORD,
    TEST_REDIS_URL,
    Env,
    GraphQLResponse,
    deliver_mail,
    environment,
    log_in,
    need,
    sign_up,
    unique_email,
)
from tests.live import live_server
from tests.smtp_sink import SmtpSink, text_of

WRONG = "guess guess guess"


@pytest.fixture(scope="module")
async def env(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpSink) -> AsyncIterator[Env]:
    async with environment(tmp_path_factory.mktemp("limits"), smtp_url=smtp.url) as opened:
        yield opened


def code_of(result: GraphQLResponse) -> str | None:
    errors = result.data["logIn"]["errors"]
    return str(errors[0]["code"]) if errors else None


async def test_concurrent_guesses_are_reserved_before_the_password_is_checked(env: Env) -> None:
    async with env.client() as owner:
        user = await sign_up(owner)
    async with env.client() as attacker:
        results = await asyncio.gather(
            *(log_in(attacker, user["email"], password=WRONG) for _ in range(20))
        )
    codes = [code_of(r) for r in results]
    allowed = limits.FAILED_LOG_INS_PER_ACCOUNT_AND_IP.count
    assert codes.count("INVALID_CREDENTIALS") == allowed, codes
    assert codes.count("RATE_LIMITED") == 20 - allowed
    # Only the reserved attempts reached the password check (each failed check is recorded).
    verified = await ActivityEvent.filter(user_id=user["id"], kind="LOG_IN_FAILED").count()
    assert verified == allowed


async def test_a_stranger_locks_the_account_only_from_their_own_address_and_the_owner_is_told(
    env: Env, smtp: SmtpSink
) -> None:
    async with env.client() as owner:
        user = await sign_up(owner)
    email = user["email"]
    async with env.client(ip="203.0.113.77") as attacker:
        for _ in range(limits.FAILED_LOG_INS_PER_ACCOUNT_AND_IP.count):
            assert code_of(await log_in(attacker, email, password=WRONG)) == "INVALID_CREDENTIALS"
        # Even the right password is refused from the guessing address now.
        assert code_of(await log_in(attacker, email)) == "RATE_LIMITED"
    async with env.client() as elsewhere:
        assert code_of(await log_in(elsewhere, email)) is None, "the owner still gets in"

    await deliver_mail(env)
    [notice] = smtp.to(email)
    assert notice["Subject"] == "Failed sign-in attempts on your Pixvault account"
    assert "203.0.113.77" in text_of(notice)


async def test_many_addresses_guessing_one_account_meet_the_looser_account_limit(
    env: Env, smtp: SmtpSink
) -> None:
    async with env.client() as owner:
        user = await sign_up(owner)
    email = user["email"]
    strict = limits.FAILED_LOG_INS_PER_ACCOUNT_AND_IP.count
    rounds = limits.FAILED_LOG_INS_PER_ACCOUNT.count // strict
    for n in range(rounds):
        async with env.client(ip=f"203.0.113.{100 + n}") as guesser:
            for _ in range(strict):
                assert code_of(await log_in(guesser, email, password=WRONG)) == (
                    "INVALID_CREDENTIALS"
                )
    async with env.client(ip="203.0.113.200") as fresh:
        assert code_of(await log_in(fresh, email)) == "RATE_LIMITED"
    verified = await ActivityEvent.filter(user_id=user["id"], kind="LOG_IN_FAILED").count()
    assert verified == limits.FAILED_LOG_INS_PER_ACCOUNT.count
    await deliver_mail(env)
    assert len(smtp.to(email)) == 1, "one notice per window, however many addresses tripped"


async def test_a_successful_log_in_gives_its_reservation_back(env: Env) -> None:
    async with env.client() as owner:
        user = await sign_up(owner)
    async with env.client() as device:
        for _ in range(limits.FAILED_LOG_INS_PER_ACCOUNT_AND_IP.count + 3):
            assert code_of(await log_in(device, user["email"], password=PASSWORD)) is None


async def test_concurrent_guesses_across_server_processes_share_the_reservation(
    tmp_path: Path,
) -> None:
    """The same attack against `pixvault serve --workers 2` over Redis: the guesses land on
    both processes, and still only the limit's worth reach the password check."""
    need("PIXVAULT_TEST_REDIS_URL", TEST_REDIS_URL)
    assert TEST_REDIS_URL
    with live_server(tmp_path, workers=2, PIXVAULT_REDIS_URL=TEST_REDIS_URL) as server:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as c:
            email = unique_email()
            await sign_up(c, email)

            async def guess() -> str | None:
                variables = {"input": {"email": email, "password": WRONG}}
                async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as one:
                    response = await one.post(
                        "/graphql", json={"query": LOG_IN, "variables": variables}
                    )
                return code_of(GraphQLResponse(response))

            codes = await asyncio.gather(*(guess() for _ in range(20)))
    allowed = limits.FAILED_LOG_INS_PER_ACCOUNT_AND_IP.count
    assert codes.count("INVALID_CREDENTIALS") == allowed, codes
    assert codes.count("RATE_LIMITED") == 20 - allowed
