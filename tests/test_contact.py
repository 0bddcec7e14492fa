"""The contact form: checks, the honeypot, throttles, acknowledgements, and the staff queues."""

from __future__ import annotations

import email
import uuid
from email.message import Message
from typing import Any

import httpx

from pixvault.audit.models import AuditEntry
from pixvault.core.privacy_register import PersonalData, load_register, records_query
from pixvault.privacy.export_data import records_for
from pixvault.safety.contact import ACKS_PER_ADDRESS, CONTACT_PER_IP
from pixvault.safety.models import ContactMessage
from tests.conftest import (
    Env,
    GraphQLResponse,
    deliver_mail,
    gql,
    log_in,
    make_staff,
    sign_up,
    unique_email,
)
from tests.conftest import staff_client as staff

SEND = """mutation($input: ContactInput!) { sendContactMessage(input: $input) {
  message { id topic name email subject message createdAt handled handledAt user { id } }
  errors { field code message } } }"""
QUEUE = """query($topic: ContactTopic, $handled: Boolean, $first: Int) {
  contactMessages(topic: $topic, handled: $handled, first: $first) {
    id topic subject handled handledAt user { id } } }"""
MARK = """mutation($id: ID!, $handled: Boolean) {
  markContactMessageHandled(id: $id, handled: $handled) {
  message { id handled handledAt } errors { field code } } }"""


async def mails_to(env: Env, address: str) -> list[Message]:
    await deliver_mail(env)
    outbox = env.settings.outbox_dir
    found = [email.message_from_bytes(p.read_bytes()) for p in outbox.glob("*.eml")]
    return [m for m in found if m["To"] == address]


def text_of(message: Message) -> str:
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    return body.decode()


def form(**overrides: Any) -> dict[str, Any]:
    return {
        "topic": "GENERAL",
        "name": "Ada Lovelace",
        "email": unique_email("sender"),
        "subject": f"Question {uuid.uuid4().hex[:8]}",
        "message": "How do I share a folder?",
        **overrides,
    }


async def send(client: httpx.AsyncClient, **overrides: Any) -> GraphQLResponse:
    return await gql(client, SEND, {"input": form(**overrides)})


async def test_anyone_writes_and_gets_an_acknowledgement(env: Env) -> None:
    address = unique_email("Sender")
    async with env.client() as anonymous:
        result = await send(
            anonymous,
            topic="SUPPORT",
            name="  Ada \n Lovelace ",
            email=f"  {address.upper()} ",
            subject="Cannot   upload",
            message="  First line\r\nSecond line  ",
        )
    payload = result.data["sendContactMessage"]
    assert payload["errors"] == []
    sent = payload["message"]
    assert sent["topic"] == "SUPPORT"
    assert (sent["name"], sent["email"], sent["subject"]) == (
        "Ada Lovelace",
        address.lower(),
        "Cannot upload",
    )
    assert sent["message"] == "First line\nSecond line"
    assert (sent["handled"], sent["handledAt"], sent["user"]) == (False, None, None)
    row = await ContactMessage.get(id=sent["id"])
    assert row.user_id is None  # type: ignore[attr-defined]
    assert row.message == "First line\nSecond line"
    [ack] = await mails_to(env, address.lower())
    assert ack["Subject"] == "We received your message"
    text = text_of(ack)
    assert sent["id"] in text and "Topic: Support" in text
    # Nothing the sender typed is mailed to the address they typed.
    for typed in ("Ada", "Cannot upload", "First line"):
        assert typed not in text


async def test_a_signed_in_senders_message_is_linked_to_their_account(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        result = await send(c, topic="PRIVACY", email=user["email"])
    sent = result.data["sendContactMessage"]["message"]
    assert sent["user"] == {"id": user["id"]}
    row = await ContactMessage.get(id=sent["id"])
    assert str(row.user_id) == user["id"]  # type: ignore[attr-defined]
    text = text_of((await mails_to(env, user["email"]))[-1])
    assert "privacy officer" in text


async def test_bad_fields_are_clear_errors_and_nothing_is_kept(env: Env) -> None:
    before = await ContactMessage.all().count()
    cases = [
        ({"name": " \t "}, "name", "REQUIRED"),
        ({"subject": "x" * 201}, "subject", "TOO_LONG"),
        ({"email": "not-an-address"}, "email", "INVALID_EMAIL"),
        ({"message": "\n  \n"}, "message", "REQUIRED"),
        ({"message": "x" * 5001}, "message", "TOO_LONG"),
    ]
    async with env.client() as c:
        for overrides, field, code in cases:
            address = unique_email()
            result = await send(c, email=overrides.pop("email", address), **overrides)
            payload = result.data["sendContactMessage"]
            assert payload["message"] is None
            assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
            assert payload["errors"][0]["message"]
            assert (await mails_to(env, address)) == []
    assert await ContactMessage.all().count() == before


async def test_control_characters_are_dropped_not_stored(env: Env) -> None:
    async with env.client() as c:
        result = await send(c, subject="Hello\x00there", message="tab\there\x00\x07 ok")
    sent = result.data["sendContactMessage"]["message"]
    assert sent["subject"] == "Hello there"
    row = await ContactMessage.get(id=sent["id"])
    assert row.message == "tab\there ok"


async def test_a_filled_honeypot_is_answered_as_sent_but_dropped(env: Env) -> None:
    before = await ContactMessage.all().count()
    address = unique_email("bot")
    async with env.client() as bot:
        result = await send(bot, email=address, website="http://spam.example")
    payload = result.data["sendContactMessage"]
    assert payload["errors"] == []
    assert payload["message"]["email"] == address
    assert payload["message"]["id"]
    assert await ContactMessage.all().count() == before
    assert not await ContactMessage.exists(id=payload["message"]["id"])
    assert (await mails_to(env, address)) == []
    # An empty honeypot is a person.
    async with env.client() as person:
        kept = await send(person, website="  ")
    assert await ContactMessage.exists(id=kept.data["sendContactMessage"]["message"]["id"])


async def test_messages_are_limited_per_client_address(env: Env) -> None:
    async with env.client(ip="198.51.100.254") as c:
        for i in range(CONTACT_PER_IP.count):
            # Honeypot answers count as well, so they behave like real ones.
            result = await send(c, website="x" if i % 2 else None)
            assert result.data["sendContactMessage"]["errors"] == []
        blocked = await send(c)
        assert blocked.data["sendContactMessage"]["errors"][0]["code"] == "RATE_LIMITED"
        assert blocked.data["sendContactMessage"]["message"] is None
    async with env.client(ip="198.51.100.249") as other:
        assert (await send(other)).data["sendContactMessage"]["errors"] == []


async def test_one_address_gets_few_acknowledgements_a_day(env: Env) -> None:
    address = unique_email("victim")
    extra = 2
    for _ in range(ACKS_PER_ADDRESS.count + extra):
        async with env.client() as c:
            result = await send(c, email=address)
            assert result.data["sendContactMessage"]["errors"] == []
    assert await ContactMessage.filter(email=address).count() == ACKS_PER_ADDRESS.count + extra
    assert len(await mails_to(env, address)) == ACKS_PER_ADDRESS.count


async def test_privacy_messages_are_the_privacy_officers_queue(env: Env) -> None:
    subjects = {}
    async with env.client() as c:
        for topic in ("GENERAL", "SUPPORT", "BILLING", "PRIVACY"):
            result = await send(c, topic=topic)
            subjects[topic] = result.data["sendContactMessage"]["message"]["subject"]

    def seen(result: GraphQLResponse) -> set[str]:
        listed = {m["subject"] for m in result.data["contactMessages"]}
        return {topic for topic, subject in subjects.items() if subject in listed}

    async with staff(env, "SUPPORT") as support:
        assert seen(await gql(support, QUEUE, {"first": 200})) == {"GENERAL", "SUPPORT", "BILLING"}
        billing = await gql(support, QUEUE, {"topic": "BILLING", "first": 200})
        assert {m["topic"] for m in billing.data["contactMessages"]} == {"BILLING"}
        refused = await gql(support, QUEUE, {"topic": "PRIVACY"})
        assert refused.error_codes() == {"contactMessages": "FORBIDDEN"}
        assert refused.data["contactMessages"] is None
    for role in ("PRIVACY_OFFICER", "ADMIN"):
        async with staff(env, role) as officer:
            assert seen(await gql(officer, QUEUE, {"first": 200})) == set(subjects), role
            privacy = await gql(officer, QUEUE, {"topic": "PRIVACY", "first": 200})
            assert {m["topic"] for m in privacy.data["contactMessages"]} == {"PRIVACY"}
    async with staff(env, "BILLING") as billing_staff:
        assert (await gql(billing_staff, QUEUE)).error_codes() == {"contactMessages": "FORBIDDEN"}
    async with env.client() as customer:
        await sign_up(customer)
        assert (await gql(customer, QUEUE)).error_codes() == {"contactMessages": "FORBIDDEN"}
    async with env.client() as anonymous:
        assert (await gql(anonymous, QUEUE)).error_codes() == {"contactMessages": "UNAUTHENTICATED"}


async def test_the_queue_is_newest_first_and_bounded(env: Env) -> None:
    async with env.client() as c:
        first = (await send(c, topic="BILLING")).data["sendContactMessage"]["message"]
        second = (await send(c, topic="BILLING")).data["sendContactMessage"]["message"]
    async with staff(env, "SUPPORT") as support:
        listed = await gql(support, QUEUE, {"topic": "BILLING", "first": 2})
        assert [m["id"] for m in listed.data["contactMessages"]] == [second["id"], first["id"]]
        too_many = await gql(support, QUEUE, {"first": 1000})
        assert too_many.error_codes() == {"contactMessages": "BAD_USER_INPUT"}


async def test_staff_mark_messages_handled_in_the_queues_they_see(env: Env) -> None:
    async with env.client() as c:
        question = (await send(c, topic="SUPPORT")).data["sendContactMessage"]["message"]
        private = (await send(c, topic="PRIVACY")).data["sendContactMessage"]["message"]
    support_id, support_email = await make_staff(env, "SUPPORT")
    async with env.client() as support:
        await log_in(support, support_email)
        done = await gql(support, MARK, {"id": question["id"]})
        marked = done.data["markContactMessageHandled"]["message"]
        assert marked["handled"] is True and marked["handledAt"]
        again = await gql(support, MARK, {"id": question["id"]})
        assert (
            again.data["markContactMessageHandled"]["message"]["handledAt"] == marked["handledAt"]
        )
        open_ids = {
            m["id"]
            for m in (await gql(support, QUEUE, {"handled": False, "first": 200})).data[
                "contactMessages"
            ]
        }
        handled = await gql(support, QUEUE, {"handled": True, "first": 200})
        assert question["id"] not in open_ids
        assert question["id"] in {m["id"] for m in handled.data["contactMessages"]}
        hidden = await gql(support, MARK, {"id": private["id"]})
        assert hidden.data["markContactMessageHandled"]["errors"] == [
            {"field": "id", "code": "NOT_FOUND"}
        ]
        unknown = await gql(support, MARK, {"id": "nonsense"})
        assert unknown.data["markContactMessageHandled"]["errors"][0]["code"] == "NOT_FOUND"
        reopened = await gql(support, MARK, {"id": question["id"], "handled": False})
        assert reopened.data["markContactMessageHandled"]["message"]["handled"] is False
    row = await ContactMessage.get(id=question["id"])
    assert row.handled_at is None and row.handled_by_id is None  # type: ignore[attr-defined]
    async with staff(env, "PRIVACY_OFFICER") as officer:
        done = await gql(officer, MARK, {"id": private["id"]})
        assert done.data["markContactMessageHandled"]["message"]["handled"] is True
    row = await ContactMessage.get(id=private["id"])
    assert row.handled_by_id is not None and str(row.handled_by_id) != support_id  # type: ignore[attr-defined]
    async with env.client() as customer:
        await sign_up(customer)
        refused = await gql(customer, MARK, {"id": question["id"]})
    assert refused.error_codes() == {"markContactMessageHandled": "FORBIDDEN"}


async def test_staff_reads_of_signed_in_senders_messages_are_audited(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        await send(c, topic="GENERAL", email=user["email"])
    async with env.client() as anonymous:
        await send(anonymous, topic="GENERAL")
    staff_id, staff_email = await make_staff(env, "SUPPORT")
    async with env.client() as support:
        await log_in(support, staff_email)
        await gql(support, QUEUE, {"topic": "GENERAL", "first": 200})
    entries = await AuditEntry.filter(actor_id=staff_id, action="READ_PERSONAL_DATA")
    subjects = {e.subject_id for e in entries}
    assert user["id"] in subjects
    assert None not in subjects
    assert all(e.target == "Query.contactMessages" for e in entries)


async def test_a_persons_messages_are_found_for_export_and_erased(env: Env) -> None:
    async with env.client() as c:
        user = await sign_up(c)
        signed_in = (await send(c, email=unique_email())).data["sendContactMessage"]["message"]
    async with env.client() as anonymous:
        signed_out = await send(anonymous, email=user["email"].upper())
        someone_else = await send(anonymous)
    from_address = signed_out.data["sendContactMessage"]["message"]
    other = someone_else.data["sendContactMessage"]["message"]

    # The register finds a person's messages by account, for the export and for the erasure
    # alike; one sent signed out from their address only once they have proved the address
    # is theirs, which an address typed at sign-up does not (tests/test_rectification_email.py).
    declaration = load_register()[ContactMessage]
    assert isinstance(declaration, PersonalData)
    found = await records_for(declaration, user["id"])
    assert [m["message"] for m in found] == [signed_in["message"]]
    assert {m["topic"] for m in found} == {"GENERAL"}

    assert await (await records_query(declaration, user["id"])).delete() == 1
    assert await records_for(declaration, user["id"]) == []
    assert await ContactMessage.exists(id=other["id"])
    assert await ContactMessage.exists(id=from_address["id"])
