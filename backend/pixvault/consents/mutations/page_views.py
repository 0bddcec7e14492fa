"""recordPageView: analytics that keep something only where ANALYTICS consent is granted.

A signed-in user's page view becomes a PAGE_VIEW activity while their latest ANALYTICS decision
grants it. Anonymous visitors' page views are never kept, even with ANALYTICS granted: Pixvault's
only analytics is each person's own activity record, and a visitor has none, so keeping their
views would collect data nobody may use. Their ANALYTICS grant still counts once it carries over
to the account they sign up for or log in to.
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.consents.services import has_granted
from pixvault.core.errors import UserFacingError
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import OkPayload, returns_errors

MAX_PATH = 500


def clean_path(path: str) -> str:
    """The path alone: query strings and fragments can carry tokens and search terms."""
    clean = path.strip().split("?", 1)[0].split("#", 1)[0]
    if not clean.startswith("/") or len(clean) > MAX_PATH or not clean.isprintable():
        raise UserFacingError(
            "INVALID_PATH",
            f"Give the page's path, starting with / and at most {MAX_PATH} characters.",
            "path",
        )
    return clean


@strawberry.type
class PageViewMutation:
    @strawberry.mutation(
        description="record a page view; kept only where ANALYTICS consent is granted"
    )
    @returns_errors(OkPayload)
    async def record_page_view(
        self,
        info: Info[Context, None],
        path: Annotated[
            str,
            strawberry.argument(
                description=f"The page's path, starting with / and at most {MAX_PATH} "
                "characters; a query string or fragment is dropped."
            ),
        ],
    ) -> OkPayload:
        viewer = info.context.viewer
        page = clean_path(path)
        if viewer.user_id is not None and await has_granted(viewer.user_id, "ANALYTICS"):
            await record_activity(viewer.user_id, ActivityKind.PAGE_VIEW, viewer.client, page)
        return OkPayload.success()
