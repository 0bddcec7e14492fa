"""Submitting, verifying and deciding data subject requests."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from pixvault.accounts import profile
from pixvault.accounts.emails import normalise_email
from pixvault.accounts.models import User
from pixvault.accounts.tokens import digest, new_secret
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.viewer import Viewer
from pixvault.privacy import guests, notices, runner
from pixvault.privacy.deadlines import extended_due, first_due
from pixvault.privacy.exports import EXPORT_LIFETIME
from pixvault.privacy.models import DataSubjectRequest
from pixvault.privacy.objection import check_purpose
from pixvault.privacy.recipients import notify_recipients
from pixvault.privacy.restriction import require_unrestricted

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

VERIFICATION_LIFETIME = timedelta(hours=24)
#: Fields a RECTIFICATION may correct, as the graph names them, to the model's attribute.
CORRECTABLE = {"name": "name", "companyName": "company_name", "email": "email"}
KINDS = ("ACCESS", "RECTIFICATION", "ERASURE", "RESTRICTION", "OBJECTION")


def _check_corrections(kind: str, corrections: object) -> dict[str, str] | None:
    if kind != "RECTIFICATION":
        return None
    if not isinstance(corrections, dict) or not corrections:
        raise UserFacingError(
            "CORRECTIONS_REQUIRED", "Say which fields to correct, and to what.", "corrections"
        )
    unknown = sorted(set(corrections) - set(CORRECTABLE))
    if unknown:
        raise UserFacingError(
            "UNKNOWN_FIELD",
            f"These fields cannot be corrected here: {', '.join(unknown)}. "
            f"Correctable: {', '.join(CORRECTABLE)}.",
            "corrections",
        )
    if not all(isinstance(v, str) and 0 < len(v.strip()) <= 320 for v in corrections.values()):
        raise UserFacingError("INVALID_VALUE", "Each correction must be text.", "corrections")
    return {k: v.strip() for k, v in corrections.items()}


async def submit(
    runtime: Runtime,
    viewer: Viewer,
    *,
    kind: str,
    email: str | None,
    password: str | None,
    details: str | None,
    corrections: object,
    visitor: str | None = None,
    purpose: str | None = None,
) -> DataSubjectRequest:
    """Signed-in users prove themselves with their password and are verified at once; anyone
    else by a single-use link sent to the email (``visitor``: the id the browser's visitor
    cookie carries, whose records the request covers too). The answer never says whether it
    has an account."""
    clean_corrections = _check_corrections(kind, corrections)
    details = (details or "").strip()[:5000] or None
    purpose = check_purpose(kind, purpose, details)
    received = now()
    if viewer.user_id is not None:
        user = await User.get(id=viewer.user_id)
        if not password or not await runtime.passwords.verify(user.password_hash, password):
            raise UserFacingError("INVALID_PASSWORD", "Enter your current password.", "password")
        request = await DataSubjectRequest.create(
            kind=kind,
            status="VERIFIED",
            subject=user,
            requester_email=user.email,
            details=details,
            corrections=clean_corrections,
            purpose=purpose,
            received_at=received,
            verified_at=received,
            due_at=first_due(received),
        )
        await notices.receipt(runtime, request)
        return request
    if not email:
        raise UserFacingError("EMAIL_REQUIRED", "Enter the email address of the account.", "email")
    address = normalise_email(email)
    token = new_secret()
    request = await DataSubjectRequest.create(
        kind=kind,
        status="AWAITING_VERIFICATION",
        requester_email=address,
        visitor_id=visitor,
        details=details,
        corrections=clean_corrections,
        purpose=purpose,
        received_at=received,
        due_at=first_due(received),
        verification_token_hash=digest(token),
        verification_expires_at=received + VERIFICATION_LIFETIME,
    )
    await notices.verification(runtime, request, token)
    return request


async def verify(token: str) -> DataSubjectRequest:
    request = await DataSubjectRequest.get_or_none(
        verification_token_hash=digest(token), status="AWAITING_VERIFICATION"
    )
    if (
        request is None
        or request.verification_expires_at is None
        or (request.verification_expires_at <= now())
    ):
        raise UserFacingError("INVALID_TOKEN", "This link is invalid or has expired.", "token")
    user = await User.get_or_none(email=request.requester_email, closed_at=None)
    request.verification_token_hash = None
    request.verified_at = now()
    # Without an account the request covers the records found by the email and visitor id
    # (privacy/guests.py, guest_rights.py), and looks the same as an account holder's.
    request.status = "VERIFIED"
    if user is not None:
        request.subject = user
    await request.save()
    return request


async def extend(runtime: Runtime, request_id: str, days: int, reason: str) -> DataSubjectRequest:
    request = await _open_request(request_id)
    reason = reason.strip()
    if not reason:
        raise UserFacingError("REASON_REQUIRED", "Give the requester a reason.", "reason")
    if days <= 0:
        raise UserFacingError("INVALID_DAYS", "Extend by at least one day.", "days")
    due = extended_due(request.received_at, request.due_at, days)
    if due is None:
        raise UserFacingError(
            "EXTENSION_TOO_LONG",
            "A request can be extended by at most two months beyond its first due date.",
            "days",
        )
    request.due_at = due
    request.extended_days += days
    request.extension_reason = reason
    await request.save(update_fields=["due_at", "extended_days", "extension_reason"])
    await notices.extended(runtime, request)
    return request


async def reject(runtime: Runtime, request_id: str, reason: str) -> DataSubjectRequest:
    request = await _open_request(request_id)
    reason = reason.strip()
    if not reason:
        raise UserFacingError("REASON_REQUIRED", "Give the requester a reason.", "reason")
    request.status = "REJECTED"
    request.rejection_reason = reason
    request.completed_at = now()
    await request.save(update_fields=["status", "rejection_reason", "completed_at"])
    await notices.rejected(runtime, request)
    return request


async def _open_request(request_id: str) -> DataSubjectRequest:
    request = await DataSubjectRequest.get_or_none(id=request_id)
    if request is None:
        raise UserFacingError("NOT_FOUND", "No such request.", "id")
    if request.status in ("COMPLETED", "REJECTED"):
        raise UserFacingError("ALREADY_CLOSED", "This request is already closed.", "id")
    return request


async def apply_rectification(
    runtime: Runtime, request: DataSubjectRequest, note: str | None
) -> DataSubjectRequest:
    """Apply reviewed corrections, recorded as a diff, and tell the requester.

    A corrected email is not set here: like a self-service change it waits for the link sent
    to the new address (the officer cannot know the requester controls it, and an unconfirmed
    address would let records matched by email, such as someone else's contact messages, into
    this account's export). The diff records it as pending.
    """
    if request.status != "VERIFIED":
        raise UserFacingError("NOT_VERIFIED", "The requester's identity is not verified.", "id")
    if request.subject_id is None:  # type: ignore[attr-defined]
        return await _apply_guest_rectification(runtime, request, note)
    await require_unrestricted(str(request.subject_id))  # type: ignore[attr-defined]
    user = await User.get(id=request.subject_id)  # type: ignore[attr-defined]
    corrections = request.corrections or {}
    diff: dict[str, object] = {}
    new_email: str | None = None
    for field, value in corrections.items():
        attribute = CORRECTABLE[field]
        if attribute == "email":
            new_email = normalise_email(value, "corrections")
            if await User.filter(Q(email=new_email) & ~Q(id=user.id)).exists():
                raise UserFacingError(
                    "EMAIL_TAKEN", "Another account uses that email.", "corrections"
                )
            diff[field] = {"from": user.email, "to": new_email, "pending": "confirmation"}
            continue
        diff[field] = {"from": getattr(user, attribute), "to": value}
        setattr(user, attribute, value)
    secret: str | None = None
    async with in_transaction():
        applied = [CORRECTABLE[f] for f in corrections if f != "email"]
        if applied:
            await user.save(update_fields=applied)
        if new_email is not None and new_email != user.email:
            secret = await profile.pending_email_change(user, new_email)
        request.result = {"changes": diff}
        request.status = "COMPLETED"
        request.completed_at = now()
        if note:
            request.internal_notes = note.strip()[:5000]
        await request.save()
    if new_email is not None and secret is not None:
        await profile.send_email_confirmation(runtime, user, new_email, secret)
    await notify_recipients(runtime.settings, request)
    await notices.completed(runtime, request)
    return request


async def _apply_guest_rectification(
    runtime: Runtime, request: DataSubjectRequest, note: str | None
) -> DataSubjectRequest:
    """No account: the corrections go to the records found for the verified email and visitor
    id. No processor or third party received those records, so there is no one to notify."""
    async with in_transaction():
        request.result = {"changes": await guests.rectify(request)}
        request.status = "COMPLETED"
        request.completed_at = now()
        if note:
            request.internal_notes = note.strip()[:5000]
        await request.save()
    await notices.completed(runtime, request)
    return request


async def close_after_policy_rejection(runtime: Runtime, user_id: str) -> DataSubjectRequest:
    """A rejected policy closes the account: a copy of the data now, the erasure once the
    export's download window has passed. Identity was re-checked by the password."""
    user = await User.get(id=user_id)
    received = now()
    access = await DataSubjectRequest.create(
        kind="ACCESS",
        status="VERIFIED",
        subject=user,
        requester_email=user.email,
        details="Filed when the account holder rejected a policy version.",
        received_at=received,
        verified_at=received,
        due_at=first_due(received),
    )
    erasure = await DataSubjectRequest.create(
        kind="ERASURE",
        status="VERIFIED",
        subject=user,
        requester_email=user.email,
        details="Filed when the account holder rejected a policy version.",
        received_at=received,
        verified_at=received,
        due_at=first_due(received),
        not_before=received + EXPORT_LIFETIME,
        waiting_reason="Erasure starts once the 7 days to download your data have passed.",
    )
    await notices.receipt(runtime, erasure)
    await runner.schedule(runtime.jobs, access)
    return erasure


async def requests_of(user_ids: list[str]) -> dict[str, list[DataSubjectRequest]]:
    """Each person's requests, newest first, in one statement (absent: none)."""
    requests: dict[str, list[DataSubjectRequest]] = {}
    for row in await DataSubjectRequest.filter(subject_id__in=user_ids).order_by("-received_at"):
        requests.setdefault(str(row.subject_id), []).append(row)  # type: ignore[attr-defined]
    return requests
