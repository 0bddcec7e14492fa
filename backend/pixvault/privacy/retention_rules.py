"""The retention rules of privacy's records (records/enforcement.py runs them daily): data
subject requests, erasure certificates, processing restrictions, recipient notices, export
archives and unverified requests. People under a legal hold are left out, as in every rule."""

from __future__ import annotations

from datetime import timedelta

from tortoise.expressions import Q

from pixvault.privacy.models import DataSubjectRequest, ErasureCertificate
from pixvault.privacy.rights_models import ProcessingRestriction, RecipientNotice
from pixvault.records.enforcement import Rule, Run, not_held
from pixvault.storage import make_storage

UNVERIFIED_REQUEST_GRACE = timedelta(days=30)


async def _requests(run: Run) -> int:
    old = Q(completed_at__lt=run.years_ago(3)) & Q(status__in=("COMPLETED", "REJECTED"))
    return await DataSubjectRequest.filter(old & not_held(run, "subject_id")).delete()


async def _restrictions(run: Run) -> int:
    return await ProcessingRestriction.filter(
        Q(lifts_at__lt=run.years_ago(3)) & not_held(run, "user_id")
    ).delete()


async def _recipient_notices(run: Run) -> int:
    return await RecipientNotice.filter(
        Q(created_at__lt=run.years_ago(3)) & not_held(run, "user_id")
    ).delete()


async def _certificates(run: Run) -> int:
    return await ErasureCertificate.filter(erased_at__lt=run.years_ago(3)).delete()


async def _export_archives(run: Run) -> int:
    storage = make_storage(run.settings)
    expired = await DataSubjectRequest.filter(
        Q(export_expires_at__lte=run.at) & ~Q(export_key=None) & not_held(run, "subject_id")
    )
    for request in expired:
        if request.export_key:
            await storage.delete(request.export_key)
        await DataSubjectRequest.filter(id=request.id).update(
            export_key=None, export_expires_at=None
        )
    return len(expired)


async def _unverified_requests(run: Run) -> int:
    cutoff = run.at - UNVERIFIED_REQUEST_GRACE
    return await DataSubjectRequest.filter(
        status="AWAITING_VERIFICATION", verification_expires_at__lt=cutoff
    ).delete()


RULES: dict[str, Rule] = {
    "data_subject_requests": Rule("3 years after the request is completed or rejected", _requests),
    "erasure_certificates": Rule("3 years after the erasure", _certificates),
    "processing_restrictions": Rule("3 years after the restriction is lifted", _restrictions),
    "recipient_notices": Rule("3 years after the notice", _recipient_notices),
    "export_archives": Rule("when the 7-day download link expires", _export_archives),
    "unverified_requests": Rule(
        "30 days after the verification link expired", _unverified_requests
    ),
}
