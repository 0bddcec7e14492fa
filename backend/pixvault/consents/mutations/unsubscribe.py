"""unsubscribe: one-click unsubscribe with the token from a marketing email."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.consents import unsubscribe as unsubscribing
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import OkPayload, returns_errors


@strawberry.type
class UnsubscribeMutation:
    @strawberry.mutation(description="one-click unsubscribe with the token from a marketing email")
    @returns_errors(OkPayload)
    async def unsubscribe(
        self,
        info: Info[Context, None],
        token: Annotated[
            str, strawberry.argument(description="The token from the email's unsubscribe link.")
        ],
    ) -> OkPayload:
        context = info.context
        await unsubscribing.unsubscribe(context.runtime.settings, token, context.viewer.client)
        return OkPayload.success()
