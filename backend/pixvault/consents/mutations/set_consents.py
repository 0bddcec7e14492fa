"""setConsents: the banner's and the settings page's decisions, for users and visitors."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.consents import services
from pixvault.consents.types import ConsentInput, ConsentPayload, ConsentSource, ConsentState
from pixvault.consents.visitors import (
    global_privacy_control,
    new_visitor_id,
    remember_visitor,
    visitor_id,
)
from pixvault.core.errors import UserFacingError
from pixvault.core.ratelimit import Limit, allow
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import returns_errors

#: SIGN_UP decisions come from signUp and EMAIL_LINK ones from unsubscribing.
CLAIMABLE_SOURCES = (ConsentSource.BANNER, ConsentSource.SETTINGS, ConsentSource.API)
#: Anonymous decisions write ledger rows; this bounds how fast one address can add them.
ANONYMOUS_DECISIONS_PER_IP = Limit("consents-ip", 100, 60 * 60)


def _decisions(inputs: list[ConsentInput]) -> dict[str, bool]:
    chosen: dict[str, bool] = {}
    for item in inputs:
        if item.purpose.value in chosen:
            raise UserFacingError(
                "DUPLICATE_PURPOSE", f"{item.purpose.value} is given twice.", "decisions"
            )
        chosen[item.purpose.value] = item.granted
    if not chosen:
        raise UserFacingError("REQUIRED", "Give at least one decision.", "decisions")
    return chosen


@strawberry.type
class SetConsentsMutation:
    @strawberry.mutation(
        description=(
            "Record consent decisions. NECESSARY cannot be refused. Without a signed-in user "
            "they belong to this browser's visitor id (the pv_visitor cookie, set here)."
        )
    )
    @returns_errors(ConsentPayload)
    async def set_consents(
        self,
        info: Info[Context, None],
        decisions: Annotated[
            list[ConsentInput],
            strawberry.argument(description="The decisions; purposes left out keep theirs."),
        ],
        source: Annotated[
            ConsentSource | None,
            strawberry.argument(description="Where they were made; SETTINGS when null."),
        ] = ConsentSource.SETTINGS,
    ) -> ConsentPayload:
        context = info.context
        runtime, viewer = context.runtime, context.viewer
        visitor: str | None = None
        if source not in CLAIMABLE_SOURCES:
            raise UserFacingError(
                "INVALID_SOURCE", "Use BANNER, SETTINGS or API as the source.", "source"
            )
        assert source is not None
        chosen = _decisions(decisions)
        if viewer.user_id is None:
            ip = viewer.client.ip_address or "-"
            if not await allow(runtime.store, ANONYMOUS_DECISIONS_PER_IP, ip):
                raise UserFacingError("RATE_LIMITED", "Too many changes. Try again later.")
            visitor = visitor_id(context.request) or new_visitor_id()
        await services.set_consents(
            chosen, source.value, viewer.client, user_id=viewer.user_id, visitor_id=visitor
        )
        if visitor is not None:
            remember_visitor(context.response, runtime.settings, visitor)
        state = await services.consent_state(
            user_id=viewer.user_id,
            visitor_id=visitor,
            gpc=global_privacy_control(context.request),
        )
        return ConsentPayload(consent_state=ConsentState.from_state(state), errors=[])
