"""Queueing email into the transactional outbox.

Callers queue a message (a row written in their own transaction, if they have one) and return;
mail/sender.py delivers it afterwards with retries: over SMTP when PIXVAULT_SMTP_URL is set, else
as one RFC 5322 .eml file per message under DATA_DIR/outbox.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import make_msgid
from urllib.parse import urlsplit

from pixvault.core.clock import now
from pixvault.core.controller import email_footer
from pixvault.core.settings import Settings
from pixvault.mail.models import OutboxMessage
from pixvault.mail.notify import Notifier
from pixvault.mail.templates import TemplateName, render


@dataclass(frozen=True)
class Draft:
    to: str
    subject: str
    text: str
    html: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    user_id: str | None = None
    #: A consent purpose the recipient must still grant at delivery (marketing mail).
    requires_consent: str | None = None


class Mailer:
    def __init__(self, settings: Settings, notifier: Notifier) -> None:
        self.settings = settings
        self.notifier = notifier
        self.domain = urlsplit(settings.public_url).hostname or "pixvault.local"

    async def send(self, to: str, subject: str, text: str) -> None:
        """Queue a plain-text message (templated ones go through send_template)."""
        await self.queue([Draft(to=to, subject=subject, text=text)])

    def draft(
        self,
        to: str,
        template: TemplateName,
        values: dict[str, str],
        *,
        user_id: str | None = None,
        headers: dict[str, str] | None = None,
        requires_consent: str | None = None,
    ) -> Draft:
        """A templated message, rendered with the site's URL among its values."""
        rendered = render(
            template,
            {**values, "site_url": self.settings.public_url},
            email_footer(self.settings),
        )
        return Draft(
            to=to,
            subject=rendered.subject,
            text=rendered.text,
            html=rendered.html,
            headers=headers or {},
            user_id=user_id,
            requires_consent=requires_consent,
        )

    async def send_template(
        self, to: str, template: TemplateName, values: dict[str, str], *, user_id: str | None = None
    ) -> None:
        await self.queue([self.draft(to, template, values, user_id=user_id)])

    async def queue(self, drafts: list[Draft]) -> int:
        """Write the drafts to the outbox and wake the sender; returns how many were queued."""
        at = now()
        # Every email names the controller, the privacy contact and the right to complain.
        footer = email_footer(self.settings)
        rows = [
            OutboxMessage(
                user_id=draft.user_id,
                to_address=draft.to,
                subject=draft.subject[:300],
                text_body=f"{draft.text.rstrip()}\n\n-- \n{footer}\n",
                html_body=draft.html,
                headers=draft.headers,
                requires_consent=draft.requires_consent,
                message_id=make_msgid(domain=self.domain),
                next_attempt_at=at,
                created_at=at,
            )
            for draft in drafts
        ]
        if rows:
            await OutboxMessage.bulk_create(rows, batch_size=500)
            await self.notifier.notify()
        return len(rows)

    async def close(self) -> None:
        await self.notifier.close()
