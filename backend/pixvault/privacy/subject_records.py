"""The rows the personal-data register's declarations hold about one person, found by their
account id and, once they have proved it is theirs, by their email address. Access exports and
erasure read them; apart from the register (core/privacy_register.py) because they query the
domains' models, which import the register."""

from __future__ import annotations

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from pixvault.accounts.models import EmailChange, User
from pixvault.core.privacy_register import PersonalData
from pixvault.privacy.models import DataSubjectRequest


async def verified_email(user_id: str) -> str | None:
    """The account's current address, if its holder has proved it is theirs: by following an
    email-change link to it, or the verification link of a data request sent to it. Sign-up
    does not prove an address, and an address someone merely typed proves nothing."""
    emails = await User.filter(id=user_id).values_list("email", flat=True)
    if not emails:
        return None
    email = str(emails[0])
    confirmed = await EmailChange.filter(
        user_id=user_id, new_email=email, confirmed_at__isnull=False
    ).exists()
    proved_by_request = await DataSubjectRequest.filter(
        subject_id=user_id,
        requester_email=email,
        verification_expires_at__isnull=False,  # verified by the link, not a password
        verified_at__isnull=False,
    ).exists()
    return email if confirmed or proved_by_request else None


async def records_query(declaration: PersonalData, user_id: str) -> QuerySet[Model]:
    """The rows a declaration holds about ``user_id``: by the subject field, and, where the
    declaration names an email field, by the subject's address once they have proved it is
    theirs (verified_email). Matching on an unproved address would put whoever really owns it
    (their contact messages, say) into this account's export, or its erasure."""
    match = Q(**{declaration.subject_field: user_id})
    if declaration.email_field is not None:
        email = await verified_email(user_id)
        if email is not None:
            match |= Q(**{declaration.email_field: email})
    return declaration.model.filter(match)
