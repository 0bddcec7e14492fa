"""Publishing a policy version: its schedule, its checks, and a notice to every active user.

The privacy policy's own terms: a version takes effect 7 days after its notice when the change is
MINOR, 30 days after when SUBSTANTIAL, and at once when a LEGAL_REQUIREMENT forces it. A published
version is never edited (the model refuses it); a correction is a new version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from pixvault.accounts.recipients import open_accounts
from pixvault.audit.service import AuditEvent, record
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.viewer import Viewer
from pixvault.mail.outbox import Draft, Mailer
from pixvault.mail.templates import TemplateName
from pixvault.policies.models import PolicyVersion

DELAYS = {
    "MINOR": timedelta(days=7),
    "SUBSTANTIAL": timedelta(days=30),
    "LEGAL_REQUIREMENT": timedelta(),
}
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,31}$")
MAX_SUMMARY = 5_000
MAX_BODY = 200_000


@dataclass(frozen=True)
class Publication:
    kind: str
    version: str
    title: str
    summary: str
    body: str
    change_type: str
    materially_reduces_protection: bool


def _text(value: str, field: str, limit: int) -> str:
    clean = value.strip()
    if not clean:
        raise UserFacingError("REQUIRED", "This field is required.", field)
    if len(clean) > limit:
        raise UserFacingError("TOO_LONG", f"Use at most {limit} characters.", field)
    return clean


def _day(at: datetime) -> str:
    return at.strftime("%d %B %Y, %H:%M UTC")


async def _check(p: Publication, effective_at: datetime) -> None:
    if not _VERSION.match(p.version):
        raise UserFacingError(
            "INVALID_VERSION", "Use up to 32 letters, digits, dots and dashes.", "version"
        )
    if p.materially_reduces_protection and p.change_type == "MINOR":
        raise UserFacingError(
            "NOT_MINOR",
            "A version that materially reduces protection is not a minor change: publish it "
            "as SUBSTANTIAL, or as LEGAL_REQUIREMENT when the law forces it.",
            "changeType",
        )
    if await PolicyVersion.exists(kind=p.kind, version=p.version):
        raise UserFacingError("VERSION_TAKEN", "This version is already published.", "version")
    if p.change_type != "LEGAL_REQUIREMENT":
        waiting = (
            await PolicyVersion.filter(kind=p.kind, effective_at__gt=effective_at)
            .order_by("-effective_at")
            .first()
        )
        if waiting is not None:
            raise UserFacingError(
                "PENDING_VERSION",
                f"Version {waiting.version} takes effect on {_day(waiting.effective_at)}. A "
                f"{p.change_type.lower()} change published now would overtake it before its "
                "notice period ends: publish it as SUBSTANTIAL or after that date.",
                "changeType",
            )


def _rights(version: PolicyVersion) -> str:
    if version.materially_reduces_protection:
        return (
            "This version materially reduces the protection the current one gives your "
            "privacy. You may refuse it and close your account. Once it is in effect, until "
            "you accept or refuse it, you can read and export your data but not change it."
        )
    if version.change_type == "LEGAL_REQUIREMENT":
        return "It takes effect at once because the law requires it."
    return (
        "Continuing to use Pixvault after that date means you accept it. If you do not accept "
        "it, you can close your account before then."
    )


async def queue_notices(mailer: Mailer, version: PolicyVersion) -> int:
    """A notice of the new version to every account that is not closed."""
    values = {
        "title": version.title,
        "version": version.version,
        "effective_at": _day(version.effective_at),
        "summary": version.summary,
        "rights": _rights(version),
        "link": f"{mailer.settings.public_url}/policies/{version.kind.lower()}",
    }
    queued = 0
    async for recipients in open_accounts():
        drafts: list[Draft] = [
            mailer.draft(
                r.email, TemplateName.POLICY_NOTICE, {**values, "name": r.name}, user_id=r.user_id
            )
            for r in recipients
        ]
        queued += await mailer.queue(drafts)
    return queued


async def publish(mailer: Mailer, viewer: Viewer, p: Publication) -> PolicyVersion:
    p = Publication(
        kind=p.kind,
        version=p.version.strip(),
        title=" ".join(_text(p.title, "title", 200).split()),
        summary=_text(p.summary, "summary", MAX_SUMMARY),
        body=_text(p.body, "body", MAX_BODY),
        change_type=p.change_type,
        materially_reduces_protection=p.materially_reduces_protection,
    )
    notice_at = now()
    effective_at = notice_at + DELAYS[p.change_type]
    await _check(p, effective_at)
    try:
        async with in_transaction():
            version = await PolicyVersion.create(
                kind=p.kind,
                version=p.version,
                title=p.title,
                summary=p.summary,
                body=p.body,
                change_type=p.change_type,
                materially_reduces_protection=p.materially_reduces_protection,
                notice_at=notice_at,
                effective_at=effective_at,
            )
            await queue_notices(mailer, version)
    except IntegrityError as exc:  # two publications of one version racing
        raise UserFacingError(
            "VERSION_TAKEN", "This version is already published.", "version"
        ) from exc
    await record(
        [
            AuditEvent(
                actor_id=viewer.user_id,
                actor_roles=",".join(sorted(viewer.roles)),
                action="PUBLISH_POLICY",
                subject_id=None,
                target=f"{p.kind} {p.version} {p.change_type}",
                ip_address=viewer.client.ip_address,
            )
        ]
    )
    return version
