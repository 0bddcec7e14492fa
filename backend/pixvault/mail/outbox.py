"""Email delivery. Without PIXVAULT_SMTP_URL each message is one RFC 5322 .eml file under
DATA_DIR/outbox (runtime.md).

The consents issue grows this into a transactional outbox table with retries and SMTP; until
then every caller goes through :func:`Mailer.send`, so that change stays in one place.
"""

from __future__ import annotations

import asyncio
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path


class Mailer:
    def __init__(self, outbox_dir: Path, sender: str) -> None:
        self.outbox_dir = outbox_dir
        self.sender = sender

    def compose(self, to: str, subject: str, text: str) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain="pixvault.local")
        message.set_content(text)
        return message

    async def send(self, to: str, subject: str, text: str) -> None:
        message = self.compose(to, subject, text)
        await asyncio.to_thread(self._write, message)

    def _write(self, message: EmailMessage) -> None:
        self.outbox_dir.mkdir(parents=True, exist_ok=True)
        name = f"{uuid.uuid4().hex}.eml"
        tmp = self.outbox_dir / f".{name}.tmp"
        tmp.write_bytes(bytes(message))
        tmp.rename(self.outbox_dir / name)
