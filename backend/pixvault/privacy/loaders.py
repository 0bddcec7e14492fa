"""Per-request batch loading for the privacy domain, so a page of people with their requests,
or of requests with their recipient notices, costs the same statements for two rows as for
fifty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from strawberry.dataloader import DataLoader

from pixvault.privacy.models import DataSubjectRequest
from pixvault.privacy.recipients import notices_of
from pixvault.privacy.requests import requests_of
from pixvault.privacy.rights_models import RecipientNotice

if TYPE_CHECKING:
    from pixvault.graphkit.context import Context


async def _load_requests(user_ids: list[str]) -> list[list[DataSubjectRequest]]:
    requests = await requests_of(user_ids)
    return [requests.get(i, []) for i in user_ids]


def requests_loader(context: Context) -> DataLoader[str, list[DataSubjectRequest]]:
    """Per user id: the person's data subject requests, newest first."""
    return context.loader("data_subject_requests", _load_requests)


async def _load_notices(request_ids: list[str]) -> list[list[RecipientNotice]]:
    notices = await notices_of(request_ids)
    return [notices.get(i, []) for i in request_ids]


def recipient_notices_loader(context: Context) -> DataLoader[str, list[RecipientNotice]]:
    """Per request id: the recipients told of it (Art. 19), by source and recipient."""
    return context.loader("recipient_notices", _load_notices)
