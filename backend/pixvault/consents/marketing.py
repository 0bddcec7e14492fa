"""Marketing email: only to people whose latest MARKETING_EMAIL decision grants it and whose
data is not restricted (privacy/restriction.py), each message
with one-click unsubscribe (RFC 8058 List-Unsubscribe and List-Unsubscribe-Post headers).

Consent is checked twice: here, when choosing recipients, and by the sender just before delivery
(``requires_consent``), so a refusal recorded in between stops the message.
"""

from __future__ import annotations

from pixvault.accounts.recipients import open_accounts
from pixvault.consents.models import ConsentRecord
from pixvault.consents.services import MARKETING_EMAIL
from pixvault.consents.unsubscribe import unsubscribe_url
from pixvault.core.restriction_gate import restrictions
from pixvault.mail.outbox import Draft, Mailer
from pixvault.mail.templates import TemplateName


async def consenting_user_ids() -> list[str]:
    """Users whose latest MARKETING_EMAIL decision grants it."""
    rows = (
        await ConsentRecord.filter(purpose=MARKETING_EMAIL, user_id__not_isnull=True)
        .order_by("user_id", "-recorded_at", "-id")
        .values_list("user_id", "granted")
    )
    latest: dict[str, bool] = {}
    for user_id, granted in rows:
        latest.setdefault(str(user_id), bool(granted))
    granted_ids = [user_id for user_id, granted in latest.items() if granted]
    restricted = await restrictions().restricted_among(granted_ids)
    return [user_id for user_id in granted_ids if user_id not in restricted]


async def send_marketing(mailer: Mailer, subject: str, body: str) -> int:
    """Queue one message to each consenting open account; returns how many were queued."""
    queued = 0
    async for recipients in open_accounts(await consenting_user_ids()):
        drafts: list[Draft] = []
        for r in recipients:
            url = unsubscribe_url(mailer.settings, r.user_id)
            values = {"name": r.name, "subject": subject, "body": body, "unsubscribe_url": url}
            drafts.append(
                mailer.draft(
                    r.email,
                    TemplateName.MARKETING,
                    values,
                    user_id=r.user_id,
                    headers={
                        "List-Unsubscribe": f"<{url}>",
                        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                    },
                    requires_consent=MARKETING_EMAIL,
                )
            )
        queued += await mailer.queue(drafts)
    return queued
