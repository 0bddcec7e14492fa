"""placeLegalHold and releaseLegalHold (PRIVACY_OFFICER, ADMIN)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from pixvault.graph.context import Context
from pixvault.graph.payloads import returns_errors
from pixvault.privacy import runner
from pixvault.records import holds
from pixvault.records.types import LegalHold, LegalHoldPayload


@strawberry.input
class LegalHoldInput:
    user_id: strawberry.ID
    reason: str
    reference: str | None = None


@strawberry.type
class HoldMutations:
    @strawberry.mutation
    @returns_errors(LegalHoldPayload)
    async def place_legal_hold(
        self, info: Info[Context, None], input: LegalHoldInput
    ) -> LegalHoldPayload:
        row = await holds.place_hold(
            info.context.viewer, input.user_id, input.reason, input.reference
        )
        return LegalHoldPayload(hold=LegalHold.from_model(row), errors=[])

    @strawberry.mutation
    @returns_errors(LegalHoldPayload)
    async def release_legal_hold(
        self, info: Info[Context, None], id: strawberry.ID
    ) -> LegalHoldPayload:
        row = await holds.release_hold(info.context.viewer, id)
        # Erasure requests that waited on this hold can run now.
        await runner.resume(info.context.runtime.jobs, info.context.runtime.settings)
        return LegalHoldPayload(hold=LegalHold.from_model(row), errors=[])
