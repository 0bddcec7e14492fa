"""Email: the transactional outbox, delivery through a real SMTP server (aiosmtpd) with retries
and backoff, the templates, the in-process sender and the worker, and marketing mail that goes
only to consenting people with a working one-click unsubscribe."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from arq.connections import create_pool
from arq.worker import Worker

from pixvault.accounts.models import ActivityEvent
from pixvault.app import create_app
from pixvault.consents.marketing import send_marketing
from pixvault.consents.models import ConsentRecord
from pixvault.consents.unsubscribe import unsubscribe_token
from pixvault.core.clock import clock, now
from pixvault.core.privacy_register import personal_declarations
from pixvault.mail.models import OutboxMessage
from pixvault.mail.notify import DELIVER_JOB, ArqNotifier
from pixvault.mail.sender import MAX_ATTEMPTS, OutboxSender, retry_delay
from pixvault.mail.templates import TemplateName, render
from pixvault.mail.transports import FileTransport, SmtpTransport
from pixvault.periodic import housekeeping
from pixvault.worker import worker_settings
from tests.conftest import (
    TEST_REDIS_URL,
    Env,
    deliver_mail,
    environment,
    gql,
    make_settings,
    need,
    sign_up,
    unique_email,
)
from tests.smtp_sink import SmtpSink, free_port, html_of, text_of
from tests.waiting import eventually


@pytest.fixture(scope="module")
async def env(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpSink) -> AsyncIterator[Env]:
    async with environment(tmp_path_factory.mktemp("mail"), smtp_url=smtp.url) as opened:
        yield opened


async def row_to(address: str) -> OutboxMessage:
    return await OutboxMessage.get(to_address=address)


async def test_transactional_mail_arrives_over_smtp_with_text_and_html(
    env: Env, smtp: SmtpSink
) -> None:
    new_address = unique_email("new")
    async with env.client() as c:
        await sign_up(c, name="Ada <b>Lovelace</b>")
        await gql(
            c,
            "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { errors { code } } }",
            {"i": {"email": new_address}},
        )
    assert smtp.to(new_address) == [], "queued, not sent inside the request"
    assert await deliver_mail(env) >= 1
    [message] = smtp.to(new_address)
    row = await row_to(new_address)
    assert row.status == "SENT" and row.attempts == 1 and row.sent_at is not None
    assert message["From"] == env.settings.mail_from
    assert message["Subject"] == "Confirm your new Pixvault email address"
    assert message["Message-ID"] == row.message_id and message["Date"]
    link = f"{env.settings.public_url}/account/confirm-email?token="
    # The new address is not proven to be the requester's: the mail quotes nothing they typed.
    assert link in text_of(message) and "Lovelace" not in text_of(message)
    html = html_of(message)
    assert f'href="{link}' in html and "Lovelace" not in html


SAMPLES: dict[TemplateName, dict[str, str]] = {
    TemplateName.EMAIL_CONFIRMATION: {"link": "https://x.test/confirm?t=1"},
    TemplateName.EMAIL_TAKEN_NOTICE: {"link": "https://x.test/account"},
    TemplateName.POLICY_NOTICE: {
        "name": "Ada",
        "title": "Privacy Policy",
        "version": "2.0",
        "effective_at": "1 March 2026",
        "summary": "We keep logs for 30 days <not 90>.",
        "rights": "If you do not agree, you may close your account.",
        "link": "https://x.test/policies/privacy",
    },
    TemplateName.DSAR_RECEIPT: {
        "kind": "access",
        "reference": "DSAR-1",
        "received_at": "1 March 2026",
        "due_at": "1 April 2026",
    },
    TemplateName.DSAR_VERIFICATION: {
        "kind": "erasure",
        "link": "https://x.test/dsar/verify?t=2",
        "expires_at": "2 March 2026",
    },
    TemplateName.DSAR_COMPLETION: {
        "kind": "access",
        "reference": "DSAR-1",
        "completed_at": "3 March 2026",
        "outcome": "Download your data within 7 days: https://x.test/export",
    },
    TemplateName.PAYMENT_RECEIPT: {
        "name": "Ada",
        "amount": "12.00 EUR",
        "description": "Pro plan, March 2026",
        "paid_at": "1 March 2026",
        "reference": "PAY-1",
    },
    TemplateName.ABUSE_DECISION: {
        "asset": "cat.jpg",
        "decision": "report upheld",
        "explanation": "The image is no longer available.",
    },
    TemplateName.CONTACT_ACKNOWLEDGEMENT: {
        "name": "Ada",
        "message_subject": "Invoices <script>",
        "team": "billing team",
    },
    TemplateName.LOG_IN_ATTEMPTS: {"address": "203.0.113.9", "minutes": "15"},
    TemplateName.MARKETING: {
        "name": "Ada",
        "subject": "New: albums",
        "body": "Albums are here.\nTry them.",
        "unsubscribe_url": "https://x.test/email/unsubscribe?token=t",
    },
    TemplateName.NEW_DEVICE: {
        "name": "Ada",
        "device": "Firefox on Ubuntu",
        "place": "Germany",
        "at": "2026-12-03 07:00 UTC",
        "link": "https://x.test/privacy/sessions",
    },
    TemplateName.PASSWORD_RESET: {"name": "Ada", "link": "https://x.test/reset-password?token=r"},
    TemplateName.PASSWORD_CHANGED: {"name": "Ada", "link": "https://x.test/privacy/sessions"},
}


async def test_every_template_arrives_with_text_and_html(env: Env, smtp: SmtpSink) -> None:
    assert set(SAMPLES) == set(TemplateName)
    address = unique_email("templates")
    for name, values in SAMPLES.items():
        await env.runtime.mailer.send_template(address, name, values)
    await deliver_mail(env)
    received = smtp.to(address)
    assert len(received) == len(TemplateName)
    for message in received:
        text, html = text_of(message), html_of(message)
        assert "$" not in text and "$" not in html, message["Subject"]
        assert "<script>" not in html and env.settings.public_url in html
    subjects = [m["Subject"] for m in received]
    assert "We received your message: Invoices <script>" in subjects
    assert "Pixvault is updating its Privacy Policy" in subjects
    marketing_html = render(
        TemplateName.MARKETING, {**SAMPLES[TemplateName.MARKETING], "site_url": "u"}
    )
    assert "Albums are here.<br>" in marketing_html.html
    with pytest.raises(KeyError):
        render(TemplateName.PAYMENT_RECEIPT, {"name": "Ada", "site_url": "u"})


async def test_temporary_failures_are_retried_with_backoff(env: Env, smtp: SmtpSink) -> None:
    address = unique_email("retry")
    smtp.temporary_failures = 2
    await env.runtime.mailer.send(address, "Retry me", "Patience.")
    assert await deliver_mail(env) == 0
    row = await row_to(address)
    assert (row.status, row.attempts) == ("PENDING", 1)
    assert row.last_error is not None and "451" in row.last_error
    assert row.next_attempt_at - now() > timedelta(seconds=25)
    assert await deliver_mail(env) == 0, "not due yet"
    assert (await row_to(address)).attempts == 1
    clock.advance(retry_delay(1) + timedelta(seconds=1))
    assert await deliver_mail(env) == 0
    row = await row_to(address)
    assert row.attempts == 2 and row.next_attempt_at - now() > timedelta(seconds=110)
    clock.advance(retry_delay(2) + timedelta(seconds=1))
    assert await deliver_mail(env) == 1
    row = await row_to(address)
    assert (row.status, row.attempts) == ("SENT", 3)
    [message] = smtp.to(address)
    assert message["Message-ID"] == row.message_id


async def test_a_stopped_sender_hands_back_what_it_has_not_sent(env: Env, smtp: SmtpSink) -> None:
    """A deploy's SIGTERM cancels the worker's mail job mid-send: the claim goes back to PENDING
    at once (not after STALE_CLAIM), so the next sender delivers it and the purge can take it."""
    address = unique_email("stopped")
    smtp.held.add(address)
    await env.runtime.mailer.send(address, "Interrupted", "Sent by the next sender.")
    sending = asyncio.create_task(OutboxSender(env.settings).deliver_due())

    async def in_data() -> bool:
        return address in smtp.holding

    assert await eventually(in_data), "the sender reaches DATA"
    assert (await row_to(address)).status == "SENDING"
    sending.cancel()
    with pytest.raises(asyncio.CancelledError):
        await sending
    row = await row_to(address)
    assert (row.status, row.claimed_at, row.attempts) == ("PENDING", None, 0)
    smtp.held.clear()
    assert await deliver_mail(env) == 1
    assert (await row_to(address)).status == "SENT"
    assert [m["Subject"] for m in smtp.to(address)] == ["Interrupted"]


async def test_an_outbox_directory_that_cannot_be_written_is_retried(
    env: Env, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """File delivery (no SMTP server set) into a directory it cannot write, as on a full disk:
    the message is retried with backoff, not left claimed."""
    await deliver_mail(env)
    folder = tmp_path_factory.mktemp("outbox") / "outbox"
    folder.write_text("a file where the outbox directory should be")
    address = unique_email("unwritable")
    await env.runtime.mailer.send(address, "Held up", "Written once the disk has room.")
    assert await OutboxSender(env.settings, FileTransport(folder)).deliver_due() == 0
    row = await row_to(address)
    assert (row.status, row.attempts, row.claimed_at) == ("PENDING", 1, None)
    assert row.last_error is not None and "cannot write" in row.last_error
    folder.unlink()
    clock.advance(retry_delay(1) + timedelta(seconds=1))
    assert await OutboxSender(env.settings, FileTransport(folder)).deliver_due() == 1
    assert (await row_to(address)).status == "SENT"
    assert [p.suffix for p in folder.iterdir()] == [".eml"]


async def test_erasure_keeps_mail_still_being_sent(env: Env, smtp: SmtpSink) -> None:
    """Erasing a person while a sender is mid-send to them keeps that message: the attempt may
    yet fail and must then be retried (it may be the erasure's own confirmation)."""
    address = unique_email("mid-send")
    async with env.client() as c:
        user = await sign_up(c, address)
    await deliver_mail(env)
    smtp.held.add(address)
    await env.runtime.mailer.send(address, "On its way", "Sent while they are erased.")
    sending = asyncio.create_task(OutboxSender(env.settings).deliver_due())

    async def in_data() -> bool:
        return address in smtp.holding

    try:
        assert await eventually(in_data), "the sender reaches DATA"
        [mail] = [d for d in personal_declarations() if d.model is OutboxMessage]
        erase = mail.erase_hook()
        assert erase is not None
        await erase(env.settings, user["id"])
        assert [m.subject for m in await OutboxMessage.filter(to_address=address)] == [
            "On its way"
        ], "the delivered sign-up mail is erased, the one being sent is kept"
    finally:
        smtp.held.clear()
        await sending
    assert (await row_to(address)).status == "SENT"


async def test_a_refused_recipient_fails_at_once(env: Env, smtp: SmtpSink) -> None:
    address = unique_email("nobody")
    smtp.refused.add(address)
    await env.runtime.mailer.send(address, "Bounce", "No such mailbox.")
    await deliver_mail(env)
    row = await row_to(address)
    assert (row.status, row.attempts) == ("FAILED", 1)
    assert row.last_error is not None and "550" in row.last_error
    clock.advance(timedelta(days=1))
    await deliver_mail(env)
    assert (await row_to(address)).attempts == 1


async def test_an_unreachable_server_is_retried_then_given_up(env: Env) -> None:
    await deliver_mail(env)
    down = OutboxSender(env.settings, SmtpTransport(f"smtp://127.0.0.1:{free_port()}", timeout=2))
    address = unique_email("unreachable")
    await env.runtime.mailer.send(address, "Into the void", "Nobody listens.")
    delays = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert await down.deliver_due() == 0
        row = await row_to(address)
        assert row.attempts == attempt
        if attempt < MAX_ATTEMPTS:
            delays.append(round((row.next_attempt_at - now()).total_seconds() / 10) * 10)
            clock.advance(row.next_attempt_at - now() + timedelta(seconds=1))
    assert row.status == "FAILED"
    assert delays == [30, 120, 480, 1920, 7680, 21600, 21600]


async def test_the_in_process_sender_runs_in_the_app_without_redis(
    env: Env, smtp: SmtpSink, tmp_path_factory: pytest.TempPathFactory
) -> None:
    settings = make_settings(
        tmp_path_factory.mktemp("in-process"),
        smtp_url=smtp.url,
        redis_url=None,
        database_url=env.settings.database_url,
    )
    app = create_app(settings, manage_database=False)
    address = unique_email("woken")
    async with app.router.lifespan_context(app):
        await app.state.runtime.mailer.send(address, "Woken up", "No one called deliver.")
        message = await smtp.wait_for(address)
    assert message["Subject"] == "Woken up"


@pytest.mark.redis
async def test_the_worker_delivers_with_redis(env: Env, smtp: SmtpSink) -> None:
    need("PIXVAULT_TEST_REDIS_URL", TEST_REDIS_URL)
    assert isinstance(env.runtime.mailer.notifier, ArqNotifier)
    pool = await create_pool(env.runtime.mailer.notifier.redis_settings)
    try:
        for job in await pool.queued_jobs():
            await pool.delete(f"arq:job:{job.job_id}")
        await pool.delete("arq:queue")
        address = unique_email("worker")
        await env.runtime.mailer.send(address, "From the worker", "Queued by the app.")
        assert [job.function for job in await pool.queued_jobs()] == [DELIVER_JOB]
    finally:
        await pool.aclose()
    options = {**worker_settings(env.settings), "on_startup": None, "on_shutdown": None}
    options["cron_jobs"] = []  # only the job the app enqueued may deliver it
    worker = Worker(**options, burst=True, handle_signals=False, poll_delay=0.05)
    try:
        await worker.main()
    finally:
        await worker.close()
    assert smtp.to(address)[0]["Subject"] == "From the worker"


async def test_finished_mail_is_purged_after_thirty_days(env: Env) -> None:
    address = unique_email("old")
    await env.runtime.mailer.send(address, "Old news", "Soon gone.")
    await deliver_mail(env)
    clock.advance(timedelta(days=29))
    await housekeeping(env.runtime.settings)
    assert await OutboxMessage.exists(to_address=address)
    clock.advance(timedelta(days=2))
    await housekeeping(env.runtime.settings)
    assert not await OutboxMessage.exists(to_address=address)


SET = """mutation($d: [ConsentInput!]!) { setConsents(decisions: $d) { errors { code } } }"""


async def person(env: Env, *, marketing: bool, later: bool | None = None) -> dict[str, str]:
    async with env.client() as c:
        user = await sign_up(c, marketingEmails=marketing)
        if later is not None:
            await gql(c, SET, {"d": [{"purpose": "MARKETING_EMAIL", "granted": later}]})
    return user


async def test_marketing_goes_only_to_consenting_people(env: Env, smtp: SmtpSink) -> None:
    yes = await person(env, marketing=True)
    no = await person(env, marketing=False)
    withdrew = await person(env, marketing=True, later=False)
    agreed_later = await person(env, marketing=False, later=True)
    await send_marketing(env.runtime.mailer, "New: albums", "Albums are here.")
    await deliver_mail(env)
    assert len(smtp.to(yes["email"])) == 1
    assert len(smtp.to(agreed_later["email"])) == 1
    assert smtp.to(no["email"]) == [] and smtp.to(withdrew["email"]) == []
    [message] = smtp.to(yes["email"])
    token = unsubscribe_token(env.settings, yes["id"])
    url = f"{env.settings.public_url}/email/unsubscribe?token={token}"
    assert message["List-Unsubscribe"] == f"<{url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in text_of(message) and "Albums are here." in html_of(message)


async def marketing_records(user_id: str) -> list[tuple[bool, str]]:
    rows = ConsentRecord.filter(user_id=user_id, purpose="MARKETING_EMAIL").order_by("id")
    return [(r.granted, r.source) for r in await rows]


async def test_one_click_unsubscribe_records_a_refusal(env: Env, smtp: SmtpSink) -> None:
    user = await person(env, marketing=True)
    token = unsubscribe_token(env.settings, user["id"])
    async with env.client(ip="198.51.100.99") as mail_provider:
        page = await mail_provider.get(f"/email/unsubscribe?token={token}")
        assert page.status_code == 200 and "<form" in page.text
        assert await marketing_records(user["id"]) == [(True, "SIGN_UP")], "GET changes nothing"
        for _ in range(2):  # providers may post more than once
            posted = await mail_provider.post(
                f"/email/unsubscribe?token={token}",
                content="List-Unsubscribe=One-Click",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            assert posted.status_code == 200 and "unsubscribed" in posted.text
        bad = await mail_provider.post("/email/unsubscribe?token=" + token[:-2] + "xx")
        assert bad.status_code == 400
    assert await marketing_records(user["id"]) == [(True, "SIGN_UP"), (False, "EMAIL_LINK")]
    refusal = await ConsentRecord.filter(user_id=user["id"], source="EMAIL_LINK").first()
    assert refusal is not None and refusal.ip_address == "198.51.100.99"
    assert await ActivityEvent.exists(user_id=user["id"], kind="CONSENT_CHANGE")
    await send_marketing(env.runtime.mailer, "Second", "Again.")
    await deliver_mail(env)
    assert smtp.to(user["email"]) == []


async def test_the_unsubscribe_mutation(env: Env) -> None:
    user = await person(env, marketing=True)
    mutation = "mutation($t: String!) { unsubscribe(token: $t) { ok errors { field code } } }"
    async with env.client() as anyone:
        bad = await gql(anyone, mutation, {"t": "nonsense"})
        assert bad.data["unsubscribe"] == {
            "ok": False,
            "errors": [{"field": "token", "code": "INVALID_TOKEN"}],
        }
        good = await gql(anyone, mutation, {"t": unsubscribe_token(env.settings, user["id"])})
        assert good.data["unsubscribe"] == {"ok": True, "errors": []}
    assert await marketing_records(user["id"]) == [(True, "SIGN_UP"), (False, "EMAIL_LINK")]


async def test_withdrawing_before_delivery_cancels_queued_marketing(
    env: Env, smtp: SmtpSink
) -> None:
    user = await person(env, marketing=True)
    await send_marketing(env.runtime.mailer, "Too late", "You changed your mind.")
    async with env.client() as c:
        await gql(
            c,
            "mutation($t: String!) { unsubscribe(token: $t) { ok } }",
            {"t": unsubscribe_token(env.settings, user["id"])},
        )
    await deliver_mail(env)
    assert smtp.to(user["email"]) == []
    row = await OutboxMessage.get(to_address=user["email"])
    assert row.status == "CANCELLED"
