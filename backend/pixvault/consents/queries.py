"""Queries of the consents domain."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from pixvault.consents.types import ConsentState, CookieDeclaration
from pixvault.consents.visitors import request_consent_state
from pixvault.core.cookies import register
from pixvault.graphkit.context import Context


@strawberry.type
class ConsentsQuery:
    @strawberry.field(description="every cookie this installation can set")
    def cookie_declarations(self, info: Info[Context, None]) -> list[CookieDeclaration]:
        cookies = register(info.context.runtime.settings).values()
        return [CookieDeclaration.from_cookie(cookie) for cookie in cookies]

    @strawberry.field(
        description="the signed-in user's, else the anonymous visitor's (by its consent cookie)"
    )
    async def consent_state(self, info: Info[Context, None]) -> ConsentState:
        context = info.context
        state = await request_consent_state(context.request, context.viewer.user_id)
        return ConsentState.from_state(state)
