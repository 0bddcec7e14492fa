"""unsubscribe: one-click unsubscribe with the token from a marketing email."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from pixvault.consents import unsubscribe as unsubscribing
from pixvault.graph.context import Context
from pixvault.graph.payloads import OkPayload, returns_errors


@strawberry.type
class UnsubscribeMutation:
    @strawberry.mutation(description="one-click unsubscribe with the token from a marketing email")
    @returns_errors(OkPayload)
    async def unsubscribe(self, info: Info[Context, None], token: str) -> OkPayload:
        context = info.context
        await unsubscribing.unsubscribe(context.runtime.settings, token, context.viewer.client)
        return OkPayload.success()
