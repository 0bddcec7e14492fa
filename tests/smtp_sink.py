"""A real SMTP server for tests (aiosmtpd on 127.0.0.1, a free port) that keeps what it receives
and can be told to refuse recipients or to fail temporarily."""

from __future__ import annotations

import asyncio
import email
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.policy import default
from typing import Any

from aiosmtpd.controller import Controller

from tests.live import free_port


class SmtpSink:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        #: Envelope recipients of each accepted message, in order.
        self.envelopes: list[list[str]] = []
        #: Answer this many DATA commands with 451 (try again later).
        self.temporary_failures = 0
        #: Recipients answered with 550 (no such mailbox).
        self.refused: set[str] = set()
        #: Recipients whose message is held in DATA (no answer) until removed from this set.
        self.held: set[str] = set()
        #: Recipients whose message is being held right now.
        self.holding: set[str] = set()
        self.url = ""

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address in self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        while held := self.held.intersection(envelope.rcpt_tos):
            self.holding.update(held)
            await asyncio.sleep(0.05)
        self.holding.difference_update(envelope.rcpt_tos)
        if self.temporary_failures:
            self.temporary_failures -= 1
            return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content, _class=EmailMessage, policy=default)
        self.messages.append(message)
        self.envelopes.append(list(envelope.rcpt_tos))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    async def wait_for(self, address: str) -> EmailMessage:
        """The latest message to ``address``, waiting up to 60 s for a sender running elsewhere."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if found := self.to(address):
                return found[-1]
            await asyncio.sleep(0.05)
        raise AssertionError(f"no mail to {address} within 60 s")


@contextmanager
def smtp_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    sink.url = f"smtp://127.0.0.1:{port}"
    try:
        yield sink
    finally:
        controller.stop()


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    return str(part.get_content())
