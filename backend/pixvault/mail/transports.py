"""Where delivered mail goes: an SMTP server (aiosmtplib) or .eml files under DATA_DIR/outbox."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

import aiosmtplib

from pixvault.core.settings import Settings
from pixvault.mail.delivered import delivered_path
from pixvault.mail.models import OutboxMessage


class DeliveryError(Exception):
    """A message was not delivered. Permanent failures (SMTP 5xx) are not retried."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def compose(row: OutboxMessage, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row.to_address
    message["Subject"] = row.subject
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = row.message_id
    for name, value in row.headers.items():
        message[name] = value
    message.set_content(row.text_body)
    if row.html_body is not None:
        message.add_alternative(row.html_body, subtype="html")
    return message


class Connection(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


class Transport(Protocol):
    def connect(self) -> AbstractAsyncContextManager[Connection]:
        """One connection for a batch of messages."""
        ...


class FileConnection:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def send(self, message: EmailMessage) -> None:
        try:
            await asyncio.to_thread(self._write, message)
        except OSError as error:  # a full disk, a directory that cannot be written: retried
            raise DeliveryError(f"cannot write to {self.directory}: {error}") from error

    def _write(self, message: EmailMessage) -> None:
        # Messages carry live links (sign-in, confirmation, downloads): owner-only, 0700/0600.
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Named by Message-ID, so a retried message replaces its file instead of doubling it.
        path = delivered_path(self.directory, str(message["Message-ID"]))
        tmp = self.directory / f".{path.name}.tmp"
        descriptor = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(bytes(message))
        tmp.rename(path)


class FileTransport:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @asynccontextmanager
    async def connect(self) -> AsyncIterator[Connection]:
        yield FileConnection(self.directory)


def _permanent(code: int) -> bool:
    return 500 <= code < 600


class SmtpConnection:
    def __init__(self, client: aiosmtplib.SMTP) -> None:
        self.client = client

    async def send(self, message: EmailMessage) -> None:
        try:
            await self.client.send_message(message)
        except aiosmtplib.SMTPRecipientsRefused as error:
            codes = [r.code for r in error.recipients]
            raise DeliveryError(str(error), permanent=all(map(_permanent, codes))) from error
        except aiosmtplib.SMTPResponseException as error:
            raise DeliveryError(str(error), permanent=_permanent(error.code)) from error
        except (aiosmtplib.SMTPException, OSError) as error:
            raise DeliveryError(str(error) or type(error).__name__) from error


class SmtpTransport:
    """``smtp://[user:password@]host[:port]`` (STARTTLS when offered), or ``smtps://`` for
    TLS from the first byte (port 465 by default)."""

    def __init__(self, url: str, timeout: float = 30) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("PIXVAULT_SMTP_URL must look like smtp://host:port or smtps://host")
        self.use_tls = parts.scheme == "smtps"
        self.hostname = parts.hostname
        self.port = parts.port or (465 if self.use_tls else 25)
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.timeout = timeout

    @asynccontextmanager
    async def connect(self) -> AsyncIterator[Connection]:
        client = aiosmtplib.SMTP(
            hostname=self.hostname,
            port=self.port,
            username=self.username,
            password=self.password,
            use_tls=self.use_tls,
            timeout=self.timeout,
        )
        try:
            await client.connect()
        except (aiosmtplib.SMTPException, OSError) as error:
            raise DeliveryError(f"cannot reach {self.hostname}:{self.port}: {error}") from error
        try:
            yield SmtpConnection(client)
        except asyncio.CancelledError:
            client.close()  # a stopping process does not wait for the server's goodbye
            raise
        finally:
            if client.is_connected:
                try:
                    await client.quit()
                except (aiosmtplib.SMTPException, OSError):
                    client.close()


def make_transport(settings: Settings) -> Transport:
    if settings.smtp_url:
        return SmtpTransport(settings.smtp_url)
    return FileTransport(settings.outbox_dir)
