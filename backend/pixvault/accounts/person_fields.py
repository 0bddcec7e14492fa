"""The fields of a GraphQL ``User`` that other domains answer (their plan, payments, consents,
requests, holds, images). Accounts sits below those domains, so it does not import them: it
declares what it needs here and wiring.py installs their functions when the runtime starts
(core/installed.py). The field types themselves are lazy annotations in accounts/types.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pixvault.core.installed import Installed

if TYPE_CHECKING:  # for mypy only
    from pixvault.assets.types import AssetConnection
    from pixvault.billing.types import BillingSubscription, Payment, Plan, Usage
    from pixvault.consents.types import ConsentRecord, ConsentState
    from pixvault.graphkit.context import Context
    from pixvault.privacy.types import DataSubjectRequest
    from pixvault.records.types import LegalHold


@dataclass(frozen=True)
class PersonFields:
    """One function per field, each taking the person's user id (and the request's context,
    whose loaders batch a page of people into one statement)."""

    consent_history: Callable[[Context, str], Awaitable[list[ConsentRecord]]]
    consents: Callable[[Context, str], Awaitable[ConsentState]]
    data_subject_requests: Callable[[Context, str], Awaitable[list[DataSubjectRequest]]]
    payments: Callable[[Context, str], Awaitable[list[Payment]]]
    plan: Callable[[Context, str], Awaitable[Plan]]
    subscription: Callable[[Context, str], Awaitable[BillingSubscription | None]]
    usage: Callable[[Context, str], Awaitable[Usage]]
    legal_holds: Callable[[Context, str], Awaitable[list[LegalHold]]]
    assets: Callable[
        [str, int | None, str | None, int | None, str | None], Awaitable[AssetConnection]
    ]


person_fields: Installed[PersonFields] = Installed("The User fields of other domains")
