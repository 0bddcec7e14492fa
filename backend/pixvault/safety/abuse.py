"""Abuse reports: anyone reports a public image, staff uphold or dismiss the report.

A report names a PUBLIC and ACTIVE asset, anything else is NOT_FOUND so a report cannot probe
for private images. Signed-in reporters report under their account's address, others must
give one. Each client address may submit REPORTS_PER_IP reports an hour, and a signed-in
reporter has at most one open report per asset: reporting again returns that one.

Upholding quarantines the image's bytes (library.quarantine: every asset holding them answers
451 from the next request on, and nobody can upload them again), closes every other open
report on the asset the same way, emails the owner the decision and writes the audit trail,
all but the email in one transaction. Reports and decisions outlive the asset: deleting it
only clears their link to it. Dismissing closes just the one report. A report
is resolved once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from pixvault.accounts.emails import normalise_email
from pixvault.accounts.models import User
from pixvault.assets import library
from pixvault.audit.service import AuditEvent, record
from pixvault.core import described
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.ids import parse_uuid
from pixvault.core.ratelimit import Limit, allow
from pixvault.core.text import paragraphs
from pixvault.core.viewer import Viewer
from pixvault.mail.templates import TemplateName
from pixvault.runtime import Runtime
from pixvault.safety.models import AbuseReport

REPORTS_PER_IP = Limit("abuse-report-ip", 10, 60 * 60)
MAX_DETAILS = 2000
MAX_NOTE = 2000


@described.enum(
    "Why an image is reported.",
    {
        "ILLEGAL": "Its content is illegal.",
        "ABUSIVE": "It harasses, threatens or demeans someone.",
        "INFRINGEMENT": "It infringes copyright or another right of the reporter's.",
        "PRIVACY_VIOLATION": "It shows someone, or their data, without their consent.",
        "OTHER": "Another reason, given in the details.",
    },
)
class AbuseReason(StrEnum):
    ILLEGAL = "ILLEGAL"
    ABUSIVE = "ABUSIVE"
    INFRINGEMENT = "INFRINGEMENT"
    PRIVACY_VIOLATION = "PRIVACY_VIOLATION"
    OTHER = "OTHER"


@described.enum(
    "Where an abuse report stands.",
    {
        "OPEN": "Waits for staff to decide.",
        "UPHELD": "Staff agreed: the image was quarantined.",
        "DISMISSED": "Staff found nothing wrong; the image stays.",
    },
)
class ReportStatus(StrEnum):
    OPEN = "OPEN"
    UPHELD = "UPHELD"
    DISMISSED = "DISMISSED"


@described.enum(
    "What staff decide on an open abuse report.",
    {
        "UPHOLD": "The report is right: quarantine the image and tell its owner why.",
        "DISMISS": "Nothing wrong: close the report and leave the image as it is.",
    },
)
class ReportDecision(StrEnum):
    UPHOLD = "UPHOLD"
    DISMISS = "DISMISS"


@dataclass(frozen=True)
class Report:
    asset_id: str
    reason: AbuseReason
    details: str | None = None
    reporter_email: str | None = None


async def _reporter_email(viewer: Viewer, given: str | None) -> str:
    if viewer.user_id is not None:
        email = await User.filter(id=viewer.user_id).values_list("email", flat=True)
        if email:
            return str(email[0])
    if not given or not given.strip():
        raise UserFacingError(
            "EMAIL_REQUIRED",
            "Give an email address to report without signing in.",
            "reporterEmail",
        )
    return normalise_email(given, "reporterEmail")


async def report_asset(runtime: Runtime, viewer: Viewer, report: Report) -> AbuseReport:
    """File a report; a signed-in reporter's second report on an asset returns their first.

    Every submission counts against the client address's throttle before anything is looked
    up. A signed-out reporter's address is unverified, so it identifies no one: each of their
    submissions files its own report and the answer carries only what they just sent, never a
    report someone else filed under that address.
    """
    email = await _reporter_email(viewer, report.reporter_email)
    details = (
        paragraphs(report.details, "details", limit=MAX_DETAILS)
        if report.details and report.details.strip()
        else None
    )
    if not await allow(runtime.store, REPORTS_PER_IP, viewer.client.ip_address or "unknown"):
        raise UserFacingError("RATE_LIMITED", "Too many reports. Try again in an hour.")
    asset = await library.public_asset(report.asset_id)
    if asset is None:
        raise UserFacingError("NOT_FOUND", "No such asset.", "assetId")
    if viewer.user_id is not None:
        existing = await AbuseReport.filter(
            asset_id=asset.id, status=ReportStatus.OPEN.value, reporter_id=viewer.user_id
        ).first()
        if existing is not None:
            return existing
    return await AbuseReport.create(
        id=uuid.uuid4(),
        asset_id=asset.id,
        owner_id=asset.owner_id,  # type: ignore[attr-defined]
        asset_sha256=asset.sha256,
        reporter_id=viewer.user_id,
        reporter_email=email,
        reason=report.reason.value,
        details=details,
        created_at=now(),
    )


def reports(status: ReportStatus | None) -> QuerySet[AbuseReport]:
    """The staff queue, oldest open first."""
    query = AbuseReport.all()
    if status is not None:
        query = query.filter(status=status.value)
    return query.order_by("created_at", "id")


def _audit(viewer: Viewer, action: str, report: AbuseReport) -> AuditEvent:
    return AuditEvent(
        actor_id=viewer.user_id,
        actor_roles=",".join(sorted(viewer.roles)),
        action=action,
        subject_id=str(report.owner_id),  # type: ignore[attr-defined]
        target=f"abuse report {report.id} asset {report.asset_id}",  # type: ignore[attr-defined]
        ip_address=viewer.client.ip_address,
    )


async def resolve_report(
    runtime: Runtime, viewer: Viewer, report_id: str, decision: ReportDecision, note: str | None
) -> AbuseReport:
    key = parse_uuid(report_id)
    report = await AbuseReport.get_or_none(id=key) if key else None
    if report is None:
        raise UserFacingError("NOT_FOUND", "No such report.", "id")
    note = paragraphs(note, "note", limit=MAX_NOTE) if note and note.strip() else None
    upheld = decision is ReportDecision.UPHOLD
    status = ReportStatus.UPHELD if upheld else ReportStatus.DISMISSED
    open_reports = AbuseReport.filter(status=ReportStatus.OPEN.value)
    closed_as = {
        "status": status.value,
        "resolved_at": now(),
        "resolved_by_id": viewer.user_id,
        "resolution_note": note,
    }
    quarantined: list[str] = []
    async with in_transaction():
        if not await open_reports.filter(id=report.id).update(**closed_as):
            raise UserFacingError("ALREADY_RESOLVED", "This report was already resolved.", "id")
        if upheld:
            if report.asset_id is not None:  # type: ignore[attr-defined]
                await open_reports.filter(asset_id=report.asset_id).update(**closed_as)  # type: ignore[attr-defined]
            if report.asset_sha256 is not None:
                quarantined = await library.quarantine(report.asset_sha256)
        await record([_audit(viewer, f"ABUSE_REPORT_{status.value}", report)])
    await report.refresh_from_db()
    if upheld:
        await library.announce(quarantined)
        await _tell_owner(runtime, viewer, report)
    return report


async def _tell_owner(runtime: Runtime, staff: Viewer, report: AbuseReport) -> None:
    owner = await User.get_or_none(id=report.owner_id)  # type: ignore[attr-defined]
    asset_id = report.asset_id  # type: ignore[attr-defined]
    asset = await library.visible_asset(staff, str(asset_id)) if asset_id else None
    if owner is None or asset is None:
        return
    reason = AbuseReason(report.reason).value.replace("_", " ").lower()
    explanation = f"The image broke our rules ({reason}) and is no longer delivered to anyone." + (
        f"\n\n{report.resolution_note}" if report.resolution_note else ""
    )
    await runtime.mailer.send_template(
        owner.email,
        TemplateName.ABUSE_DECISION,
        {"asset": asset.filename, "decision": "report upheld", "explanation": explanation},
        user_id=str(owner.id),
    )


def _note(report: AbuseReport) -> str:
    reason = AbuseReason(report.reason).value.replace("_", " ").lower()
    note = f"Quarantined after an upheld abuse report ({reason})."
    return f"{note} {report.resolution_note}" if report.resolution_note else note


async def moderation_notes(asset_ids: list[str]) -> dict[str, str]:
    """What each owner is told about the latest upheld report on each asset (assets without one
    are left out), in one query however many assets."""
    if not asset_ids:
        return {}
    reports = await AbuseReport.filter(
        asset_id__in=asset_ids, status=ReportStatus.UPHELD.value
    ).order_by("-resolved_at", "-id")
    notes: dict[str, str] = {}
    for report in reports:
        notes.setdefault(str(report.asset_id), _note(report))  # type: ignore[attr-defined]
    return notes
