"""The new-device notice: a log-in from a browser and country not seen before for the account
sends an email (as the SMTP server receives it) with the device, the approximate place and a
link to the sessions page; never on an account's first log-in."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.conftest import (
    PASSWORD,
    Env,
    GraphQLResponse,
    deliver_mail,
    environment,
    log_in,
    sign_up,
)
from tests.smtp_sink import SmtpSink, html_of, text_of

CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"
IN_GB, IN_DE = "81.2.69.160", "5.9.0.1"


@pytest.fixture(scope="module")
async def env(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpSink) -> AsyncIterator[Env]:
    async with environment(tmp_path_factory.mktemp("new_device"), smtp_url=smtp.url) as opened:
        yield opened


async def log_in_from(
    env: Env, email: str, ip: str, agent: str, password: str = PASSWORD
) -> GraphQLResponse:
    async with env.client(ip=ip, **{"User-Agent": agent}) as c:
        return await log_in(c, email, password)


async def notices(env: Env, smtp: SmtpSink, email: str) -> list[str]:
    """The new-device notices received for ``email`` so far (after the sender ran)."""
    await deliver_mail(env)
    return [text_of(m) for m in smtp.to(email) if m["Subject"].startswith("New sign-in")]


async def test_a_new_browser_or_country_is_told_and_a_known_one_is_not(
    env: Env, smtp: SmtpSink
) -> None:
    async with env.client(ip=IN_GB, **{"User-Agent": CHROME}) as first:
        user = await sign_up(first)
    email = user["email"]
    # The first log-in has nothing to compare with; then the same browser and country again.
    for _ in range(2):
        assert (await log_in_from(env, email, IN_GB, CHROME)).data["logIn"]["errors"] == []
    assert await notices(env, smtp, email) == []
    # A failed attempt from elsewhere sends nothing (and is not "seen").
    failed = await log_in_from(env, email, IN_DE, FIREFOX, "wrong password entirely")
    assert failed.data["logIn"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert await notices(env, smtp, email) == []

    await log_in_from(env, email, IN_GB, FIREFOX)  # a new browser
    [browser] = await notices(env, smtp, email)
    assert "Firefox on Ubuntu" in browser and "United Kingdom" in browser
    assert f"{env.settings.public_url}/privacy/sessions" in browser

    await log_in_from(env, email, IN_GB, FIREFOX)
    assert len(await notices(env, smtp, email)) == 1

    await log_in_from(env, email, IN_DE, FIREFOX)  # a known browser in a new country
    texts = await notices(env, smtp, email)
    assert len(texts) == 2 and "Germany" in texts[1]
    message = smtp.to(email)[-1]
    assert f'href="{env.settings.public_url}/privacy/sessions"' in html_of(message)


async def test_the_first_log_in_after_sign_up_sends_nothing(env: Env, smtp: SmtpSink) -> None:
    async with env.client(ip=IN_GB, **{"User-Agent": CHROME}) as first:
        user = await sign_up(first)
    assert (await log_in_from(env, user["email"], IN_DE, FIREFOX)).data["logIn"]["errors"] == []
    assert await notices(env, smtp, user["email"]) == []
