"""placeLegalHold and releaseLegalHold (PRIVACY_OFFICER, ADMIN)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import returns_errors
from pixvault.records import holds
from pixvault.records.types import LegalHold, LegalHoldPayload


@strawberry.input(description="A legal hold to place on someone's data.")
class LegalHoldInput:
    user_id: strawberry.ID = strawberry.field(description="The person whose data is held.")
    reason: str = strawberry.field(
        description="Why the data must be kept (not shown to the person held)."
    )
    reference: str | None = strawberry.field(
        default=None, description="A case, court order or ticket number."
    )


@strawberry.type
class HoldMutations:
    @strawberry.mutation(
        description="Place a legal hold: the person's data is kept, and erasure requests wait, "
        "until it is released. Audited."
    )
    @returns_errors(LegalHoldPayload)
    async def place_legal_hold(
        self,
        info: Info[Context, None],
        input: Annotated[LegalHoldInput, strawberry.argument(description="The hold.")],
    ) -> LegalHoldPayload:
        row = await holds.place_hold(
            info.context.viewer, input.user_id, input.reason, input.reference
        )
        return LegalHoldPayload(hold=LegalHold.from_model(row), errors=[])

    @strawberry.mutation(
        description="Release a legal hold; erasure requests that waited on it run now. Audited."
    )
    @returns_errors(LegalHoldPayload)
    async def release_legal_hold(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The hold's id.")],
    ) -> LegalHoldPayload:
        row = await holds.release_hold(info.context.viewer, id)
        # Erasure requests that waited on this hold can run now.
        await holds.resume_after_release()(info.context.runtime.jobs, info.context.runtime.settings)
        return LegalHoldPayload(hold=LegalHold.from_model(row), errors=[])
