"""updateProfile: immediate corrections, and email changes that wait for confirmation."""

from __future__ import annotations

import email
import re
from datetime import timedelta
from email.message import EmailMessage
from email.policy import default

from pixvault.accounts.models import ActivityEvent
from pixvault.clock import clock
from tests.conftest import Env, deliver_mail, gql, sign_up, unique_email

UPDATE = """mutation($input: UpdateProfileInput!) {
  updateProfile(input: $input) { user { name email companyName } errors { field code } } }"""
CONFIRM = "mutation($t: String!) { confirmEmailChange(token: $t) { ok errors { code } } }"


async def mail_to(env: Env, address: str) -> EmailMessage:
    """The latest message to ``address``, once the outbox has been delivered to .eml files."""
    await deliver_mail(env)
    outbox = env.settings.outbox_dir
    found = [
        email.message_from_bytes(p.read_bytes(), _class=EmailMessage, policy=default)
        for p in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime)
    ]
    matching = [m for m in found if m["To"] == address]
    assert matching, f"no mail to {address}"
    return matching[-1]


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def confirmation_token(message: EmailMessage) -> str:
    body = text_of(message)
    match = re.search(r"/account/confirm-email\?token=([\w-]+)", body)
    assert match, body
    return match.group(1)


async def test_name_and_company_change_at_once(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        result = await gql(c, UPDATE, {"input": {"name": " Grace  Hopper ", "companyName": "Navy"}})
        assert result.data["updateProfile"] == {
            "user": {"name": "Grace Hopper", "email": user["email"], "companyName": "Navy"},
            "errors": [],
        }
        cleared = await gql(c, UPDATE, {"input": {"companyName": ""}})
        assert cleared.data["updateProfile"]["user"]["companyName"] is None
    kinds = await ActivityEvent.filter(user_id=user["id"]).values_list("kind", flat=True)
    assert list(kinds).count("PROFILE_UPDATE") == 2


async def test_email_changes_only_after_the_link_is_followed(env: Env) -> None:
    new_address = unique_email("new")
    async with env.client() as c:
        user = await sign_up(c)
        pending = await gql(c, UPDATE, {"input": {"email": new_address.upper()}})
        assert pending.data["updateProfile"]["user"]["email"] == user["email"]
        message = await mail_to(env, new_address)
        assert message["Subject"] == "Confirm your new Pixvault email address"
        token = confirmation_token(message)
        assert (await gql(c, "{ me { email } }")).data["me"]["email"] == user["email"]
    assert f"{env.settings.public_url}/account/confirm-email?token=" in text_of(message)
    async with env.client() as anyone:  # the link works from any browser
        done = await gql(anyone, CONFIRM, {"t": token})
        assert done.data["confirmEmailChange"] == {"ok": True, "errors": []}
        again = await gql(anyone, CONFIRM, {"t": token})
        assert again.data["confirmEmailChange"]["errors"] == [{"code": "INVALID_TOKEN"}]
    async with env.client() as c:
        result = await gql(
            c,
            "mutation($i: LogInInput!) { logIn(input: $i) { user { email } } }",
            {"i": {"email": new_address, "password": "a long and unusual passphrase"}},
        )
        assert result.data["logIn"]["user"]["email"] == new_address


async def test_confirmation_links_expire(env: Env) -> None:
    new_address = unique_email("late")
    async with env.client() as c:
        await sign_up(c)
        await gql(c, UPDATE, {"input": {"email": new_address}})
    token = confirmation_token(await mail_to(env, new_address))
    clock.advance(timedelta(hours=25))
    async with env.client() as c:
        late = await gql(c, CONFIRM, {"t": token})
    assert late.data["confirmEmailChange"]["errors"] == [{"code": "INVALID_TOKEN"}]


async def test_bad_profile_input_is_a_user_error(env: Env) -> None:
    async with env.client() as other:
        taken = (await sign_up(other))["email"]
    async with env.client() as c:
        await sign_up(c)
        for fields, expected in (
            ({"email": taken}, [{"field": "email", "code": "EMAIL_TAKEN"}]),
            ({"email": "nope"}, [{"field": "email", "code": "INVALID_EMAIL"}]),
            ({"name": ""}, [{"field": "name", "code": "REQUIRED"}]),
            ({"name": "x" * 500}, [{"field": "name", "code": "TOO_LONG"}]),
        ):
            result = await gql(c, UPDATE, {"input": fields})
            assert result.data["updateProfile"]["errors"] == expected, fields
    async with env.client() as anonymous:
        result = await gql(anonymous, UPDATE, {"input": {"name": "x"}})
        assert result.data["updateProfile"]["errors"] == [
            {"field": None, "code": "UNAUTHENTICATED"}
        ]
