"""Mutations of the consents domain, one concern per module."""

from __future__ import annotations

import strawberry

from pixvault.consents.mutations.page_views import PageViewMutation
from pixvault.consents.mutations.set_consents import SetConsentsMutation
from pixvault.consents.mutations.unsubscribe import UnsubscribeMutation


@strawberry.type
class ConsentsMutation(SetConsentsMutation, UnsubscribeMutation, PageViewMutation):
    pass
