"""updateProfile: immediate corrections, and email changes that wait for confirmation."""

from __future__ import annotations

import email
import re
from datetime import timedelta
from email.message import EmailMessage
from email.policy import default

from pixvault.accounts.limits import EMAIL_CHANGES_PER_USER
from pixvault.accounts.models import ActivityEvent, EmailChange
from pixvault.core.clock import clock
from pixvault.mail.models import OutboxMessage
from tests.conftest import PASSWORD, SIGN_UP, Env, deliver_mail, gql, sign_up, unique_email

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
    async with env.client() as c:
        await sign_up(c)
        for fields, expected in (
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


async def test_a_taken_address_gets_the_same_answer_and_its_owner_a_notice(env: Env) -> None:
    """No EMAIL_TAKEN (it told anyone which addresses have accounts): the requester sees what a
    free address gives; the owner of the taken one is told; neither mail quotes the requester."""
    sender = "Mallory http://spam.example buy now"
    async with env.client() as other:
        taken = (await sign_up(other, name="Owner"))["email"]
    free = unique_email("free")
    async with env.client() as c:
        me = await sign_up(c, name=sender)
        to_taken = await gql(c, UPDATE, {"input": {"email": taken}})
        to_free = await gql(c, UPDATE, {"input": {"email": free}})
        assert (
            to_taken.body
            == to_free.body
            == {
                "data": {
                    "updateProfile": {
                        "user": {"name": sender, "email": me["email"], "companyName": None},
                        "errors": [],
                    }
                }
            }
        )
    notice = await mail_to(env, taken)
    assert notice["Subject"] == "Someone tried to use your Pixvault email address"
    confirmation = await mail_to(env, free)
    for message in (notice, confirmation):
        assert "Mallory" not in message.as_string() and "spam.example" not in message.as_string()
    assert "confirm-email?token=" not in text_of(notice), "a taken address cannot be confirmed"
    assert not await EmailChange.filter(new_email=taken).exists()
    token = confirmation_token(confirmation)
    async with env.client() as anyone:
        assert (await gql(anyone, CONFIRM, {"t": token})).data["confirmEmailChange"]["ok"]


async def test_email_changes_are_throttled(env: Env) -> None:
    async with env.client() as c:
        await sign_up(c)
        for _ in range(EMAIL_CHANGES_PER_USER.count):
            ok = await gql(c, UPDATE, {"input": {"email": unique_email("many")}})
            assert ok.data["updateProfile"]["errors"] == []
        last = unique_email("one-too-many")
        refused = await gql(c, UPDATE, {"input": {"email": last}})
        assert refused.data["updateProfile"]["errors"] == [
            {"field": "email", "code": "RATE_LIMITED"}
        ]
        # A name change alone is not an email change and still works.
        named = await gql(c, UPDATE, {"input": {"name": "Still Me"}})
        assert named.data["updateProfile"]["errors"] == []
    assert not await OutboxMessage.filter(to_address=last).exists()
    assert not await EmailChange.filter(new_email=last).exists()


HEADER_SHAPES = (
    "a,b@example.com",
    "a@example.com, b@example.org",
    "a@example.com;b@example.org",
    "a@example.com\r\nBcc: c@example.org",
    "a@example.com\nBcc: c@example.org",
    '"a b"@example.com',
    '"a,b"@example.com',
    "Ada <a@example.com>",
    "<a@example.com>",
    "a@example.com (comment)",
    "a@[127.0.0.1]",
    "a..b@example.com",
    "ü@example.com",
)


async def test_only_one_plain_mailbox_is_accepted(env: Env) -> None:
    """Header shapes that could name more recipients or add headers are refused everywhere an
    address is typed; the outbox gets nothing for them."""
    before = await OutboxMessage.all().count()
    async with env.client() as c:
        await sign_up(c)
        for shape in HEADER_SHAPES:
            changed = await gql(c, UPDATE, {"input": {"email": shape}})
            assert changed.data["updateProfile"]["errors"] == [
                {"field": "email", "code": "INVALID_EMAIL"}
            ], shape
    for shape in HEADER_SHAPES:
        async with env.client() as anonymous:  # each its own address: sign-ups are throttled
            signed = await gql(
                anonymous,
                SIGN_UP,
                {
                    "input": {
                        "name": "N",
                        "email": shape,
                        "password": PASSWORD,
                        "acceptPolicies": True,
                        "minimumAgeConfirmed": True,
                    }
                },
            )
        assert [e["code"] for e in signed.data["signUp"]["errors"]] == ["INVALID_EMAIL"], shape
    assert await OutboxMessage.all().count() == before
    # A plain mailbox with the unusual but valid characters of a dot-atom still works.
    unusual = f"O'Brien+tag.{unique_email('x').split('@')[0]}@Mail.Example.co.uk"
    async with env.client() as c:
        await sign_up(c)
        ok = await gql(c, UPDATE, {"input": {"email": unusual}})
        assert ok.data["updateProfile"]["errors"] == []
    assert (await mail_to(env, unusual.lower()))["To"] == unusual.lower()
