"""The emails a data subject request sends to its requester."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pixvault.core.authority import complaint_line
from pixvault.privacy.models import DataSubjectRequest

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

KIND_NAMES = {
    "ACCESS": "a copy of your data",
    "RECTIFICATION": "a correction of your data",
    "ERASURE": "the erasure of your data",
    "RESTRICTION": "a restriction of the processing of your data",
    "OBJECTION": "your objection to the processing of your data",
}


def _due(request: DataSubjectRequest) -> str:
    return request.due_at.strftime("%d %B %Y")


async def _send(runtime: Runtime, request: DataSubjectRequest, subject: str, body: str) -> None:
    await runtime.mailer.send(
        request.requester_email,
        subject,
        f"Hello,\n\n{body}\n\nRequest reference: {request.id}\n\nThe Pixvault privacy team\n",
    )


async def receipt(runtime: Runtime, request: DataSubjectRequest) -> None:
    await _send(
        runtime,
        request,
        "We received your data request",
        f"We received your request for {KIND_NAMES[request.kind]} and will answer by "
        f"{_due(request)}.",
    )


async def verification(runtime: Runtime, request: DataSubjectRequest, token: str) -> None:
    link = f"{runtime.settings.public_url}/privacy/verify?token={token}"
    await _send(
        runtime,
        request,
        "Confirm your data request",
        f"Someone asked for {KIND_NAMES[request.kind]} held for this email address. To "
        f"confirm it was you, follow this link within 24 hours:\n\n{link}\n\nIf it was not "
        "you, ignore this message and nothing will happen.",
    )


async def extended(runtime: Runtime, request: DataSubjectRequest) -> None:
    await _send(
        runtime,
        request,
        "We need more time for your data request",
        f"We need more time to answer your request, and will answer by {_due(request)}.\n\n"
        f"Why: {request.extension_reason}\n\n{complaint_line(runtime.settings)}",
    )


async def rejected(runtime: Runtime, request: DataSubjectRequest) -> None:
    await _send(
        runtime,
        request,
        "Your data request was declined",
        f"We could not carry out your request. Why: {request.rejection_reason}\n\n"
        f"{complaint_line(runtime.settings)}",
    )


async def completed(runtime: Runtime, request: DataSubjectRequest) -> None:
    lines = {
        "ACCESS": "Your copy is ready. Sign in and open the privacy centre to download it; the "
        "link works for 7 days.",
        "RECTIFICATION": "The corrections you asked for have been made.",
        "ERASURE": "Your account and its personal data have been erased. Records the law "
        "requires us to keep are kept, without your contact details, for the stated period.",
        "RESTRICTION": "Processing of your data is now restricted: we keep it but do not use "
        "it. Your public images are not shown to others, and you get no analytics or "
        "marketing processing. You can still sign in, see and export your data. We will "
        "email you before the restriction is lifted.",
        "OBJECTION": "Your objection has been upheld: we no longer process your data for "
        f"{_objected_use(request)}.",
    }
    text = lines[request.kind]
    changes = (request.result or {}).get("changes")
    if request.kind == "RECTIFICATION" and isinstance(changes, dict) and "email" in changes:
        text += " Your new email address takes effect once you follow the link we sent to it."
    if request.subject_id is None:  # type: ignore[attr-defined]
        text = _guest_completion(runtime, request) or text
    await _send(runtime, request, "Your data request is complete", text)


def _guest_completion(runtime: Runtime, request: DataSubjectRequest) -> str | None:
    """Without an account there is nowhere to sign in: the copy comes by its signed link,
    which works for 7 days; an erasure or a correction says what it covered."""
    from pixvault.privacy.exports import export_url

    if request.kind == "ACCESS":
        url = export_url(runtime.settings, request)
        return f"Your copy is ready. Download it within 7 days:\n\n{url}" if url else None
    if request.kind == "ERASURE":
        return (
            "The personal data held for this email address and the browser you asked from has "
            "been erased. Records the law requires us to keep are kept, without your contact "
            "details, for the stated period."
        )
    if request.kind in ("RESTRICTION", "OBJECTION"):
        return _guest_rights_completion(request)
    if request.kind == "RECTIFICATION":
        from pixvault.privacy.guests import EMAIL_NOT_CORRECTED

        changes = (request.result or {}).get("changes")
        text = (
            "The corrections you asked for have been made to the records held for this email "
            "address and the browser you asked from."
        )
        moved = isinstance(changes, dict) and "email" in changes
        return f"{text} {EMAIL_NOT_CORRECTED}" if moved else text
    return None


async def restriction_lifting(
    runtime: Runtime, email: str, lifts_at: datetime, reason: str
) -> None:
    """Art. 18(3): the person is told before a restriction of processing is lifted."""
    await runtime.mailer.send(
        email,
        "The restriction of your data will be lifted",
        "Hello,\n\nThe restriction of the processing of your data you asked for will be "
        f"lifted on {lifts_at.strftime('%d %B %Y at %H:%M UTC')}.\n\nWhy: {reason}\n\n"
        "If you disagree, reply to this message or contact our privacy team before then."
        "\n\nThe Pixvault privacy team\n",
    )


def _guest_rights_completion(request: DataSubjectRequest) -> str:
    """What the completion email tells a guest who restricted or objected."""
    found = (request.result or {}).get("records")
    total = sum(found.values()) if isinstance(found, dict) else 0
    where = "this email address or the browser you asked from"
    if total == 0:
        nothing = "restrict" if request.kind == "RESTRICTION" else "stop"
        return (
            f"We hold no records for {where}, so there was nothing to {nothing}. Should you "
            "write to us or report an image later, you can ask again."
        )
    if request.kind == "RESTRICTION":
        return (
            f"Processing of the records held for {where} is now restricted: we keep them but "
            "do not use them. Your contact messages are no longer worked on, your address in "
            "reports you made is no longer used (the reports themselves are still reviewed, "
            "as they concern other people's rights), and your browser gets no analytics."
        )
    return (
        f"Your objection has been upheld: we no longer process the records held for {where} "
        f"for {_objected_use(request)}."
    )


#: What an objection's purpose stops, in the words of the completion email.
OBJECTED_USES = {
    "ANALYTICS": "analytics",
    "MARKETING_EMAIL": "marketing email",
    "OTHER": "the use you objected to",
}


def _objected_use(request: DataSubjectRequest) -> str:
    return OBJECTED_USES.get(request.purpose or "OTHER", OBJECTED_USES["OTHER"])
