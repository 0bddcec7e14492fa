"""liftProcessingRestriction (PRIVACY_OFFICER, ADMIN)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import returns_errors
from pixvault.privacy import restriction
from pixvault.privacy.rights_types import ProcessingRestriction, ProcessingRestrictionPayload


@strawberry.type
class RightsMutations:
    @strawberry.mutation(
        description="Lift a restriction with a reason: the person is emailed now and it ends "
        "three days later."
    )
    @returns_errors(ProcessingRestrictionPayload)
    async def lift_processing_restriction(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The restriction's id.")],
        reason: Annotated[
            str, strawberry.argument(description="Why it is lifted, as told to the person.")
        ],
    ) -> ProcessingRestrictionPayload:
        context = info.context
        row = await restriction.lift(context.runtime, context.viewer, id, reason)
        return ProcessingRestrictionPayload(
            restriction=ProcessingRestriction.from_model(row), errors=[]
        )
