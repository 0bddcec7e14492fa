"""Password recovery over HTTP: the same answer for every address, a single-use hashed link
that lives one hour, throttles, every session ended, a notice email, audit and activity."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from pixvault.accounts.security_models import PasswordReset
from pixvault.accounts.tokens import digest
from pixvault.audit.models import AuditEntry
from pixvault.core.clock import clock
from tests.conftest import (
    PASSWORD,
    Env,
    deliver_mail,
    environment,
    gql,
    log_in,
    sign_up,
    unique_email,
)
from tests.smtp_sink import SmtpSink, text_of

REQUEST = "mutation($e: String!) { requestPasswordReset(email: $e) { ok errors { code } } }"
RESET = """
mutation($t: String!, $p: String!) {
  resetPassword(token: $t, newPassword: $p) { ok errors { field code } }
}
"""
NEW_PASSWORD = "a brand new and long passphrase"


@pytest.fixture(scope="module")
async def env(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpSink) -> AsyncIterator[Env]:
    async with environment(tmp_path_factory.mktemp("reset"), smtp_url=smtp.url) as opened:
        yield opened


async def reset_link(env: Env, smtp: SmtpSink, address: str) -> str:
    await deliver_mail(env)
    message = await smtp.wait_for(address)
    assert message["Subject"] == "Set a new Pixvault password"
    match = re.search(r"/reset-password\?token=([\w-]+)", text_of(message))
    assert match, text_of(message)
    return match.group(1)


async def test_the_answer_is_the_same_with_or_without_an_account(env: Env, smtp: SmtpSink) -> None:
    async with env.client() as c:
        user = await sign_up(c)
    async with env.client() as anyone:
        known = await gql(anyone, REQUEST, {"e": user["email"].upper()})
        unknown_address = unique_email("nobody")
        unknown = await gql(anyone, REQUEST, {"e": unknown_address})
        malformed = await gql(anyone, REQUEST, {"e": "not an address"})
    assert known.data == unknown.data == {"requestPasswordReset": {"ok": True, "errors": []}}
    assert malformed.data["requestPasswordReset"]["errors"] == [{"code": "INVALID_EMAIL"}]
    await reset_link(env, smtp, user["email"])
    await deliver_mail(env)
    assert smtp.to(unknown_address) == []


async def test_the_link_sets_a_password_once_ends_sessions_and_sends_a_notice(
    env: Env, smtp: SmtpSink
) -> None:
    async with env.client() as browser, env.client() as laptop, env.client() as anyone:
        user = await sign_up(browser)
        assert (await log_in(laptop, user["email"], remember_me=True)).data["logIn"]["errors"] == []
        assert (await gql(anyone, REQUEST, {"e": user["email"]})).data["requestPasswordReset"]["ok"]
        token = await reset_link(env, smtp, user["email"])
        row = await PasswordReset.get(user_id=user["id"])
        assert row.token_hash == digest(token) and token not in row.token_hash
        assert row.expires_at - row.created_at == timedelta(hours=1)

        weak = await gql(anyone, RESET, {"t": token, "p": "short"})
        assert weak.data["resetPassword"]["errors"] == [
            {"field": "newPassword", "code": "WEAK_PASSWORD"}
        ]
        done = await gql(anyone, RESET, {"t": token, "p": NEW_PASSWORD})
        assert done.data["resetPassword"] == {"ok": True, "errors": []}
        again = await gql(anyone, RESET, {"t": token, "p": NEW_PASSWORD + "!"})
        assert again.data["resetPassword"]["errors"] == [
            {"field": "token", "code": "INVALID_TOKEN"}
        ]

        # Both the browser-session and the remember-me log-in are over.
        for client in (browser, laptop):
            assert (await gql(client, "{ me { id } }")).data["me"] is None
        old = await log_in(anyone, user["email"], PASSWORD)
        assert old.data["logIn"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
        assert (await log_in(anyone, user["email"], NEW_PASSWORD)).data["logIn"]["errors"] == []
        activity = await gql(anyone, "{ me { activity { edges { node { kind } } } } }")
    kinds = [e["node"]["kind"] for e in activity.data["me"]["activity"]["edges"]]
    assert "PASSWORD_RESET" in kinds and "PASSWORD_RESET_REQUESTED" in kinds
    await deliver_mail(env)
    notices = [m for m in smtp.to(user["email"]) if "password was changed" in m["Subject"]]
    assert len(notices) == 1
    assert "/privacy/sessions" in text_of(notices[0])
    audited = await AuditEntry.filter(subject_id=user["id"]).values_list("action", flat=True)
    assert {"PASSWORD_RESET_REQUESTED", "PASSWORD_RESET"} <= set(audited)


async def test_a_link_expires_after_an_hour(env: Env, smtp: SmtpSink) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        await gql(c, REQUEST, {"e": user["email"]})
        token = await reset_link(env, smtp, user["email"])
        clock.advance(timedelta(minutes=61))
        late = await gql(c, RESET, {"t": token, "p": NEW_PASSWORD})
    assert late.data["resetPassword"]["errors"] == [{"field": "token", "code": "INVALID_TOKEN"}]


async def test_requests_are_throttled_per_address_without_a_different_answer(
    env: Env, smtp: SmtpSink
) -> None:
    async with env.client() as c:
        user = await sign_up(c)
    answers = []
    for _ in range(5):
        async with env.client() as anyone:  # a new client address each time
            answers.append((await gql(anyone, REQUEST, {"e": user["email"]})).data)
    assert all(a == {"requestPasswordReset": {"ok": True, "errors": []}} for a in answers)
    await deliver_mail(env)
    assert await PasswordReset.filter(user_id=user["id"]).count() == 3
    resets = [m for m in smtp.to(user["email"]) if m["Subject"] == "Set a new Pixvault password"]
    assert len(resets) == 3


async def test_requests_are_throttled_per_client_address(env: Env, smtp: SmtpSink) -> None:
    users = []
    for _ in range(11):
        async with env.client() as c:
            users.append(await sign_up(c))
    async with env.client() as one_address:
        for user in users:
            await gql(one_address, REQUEST, {"e": user["email"]})
    sent = await PasswordReset.filter(user_id__in=[u["id"] for u in users]).count()
    assert sent == 10
