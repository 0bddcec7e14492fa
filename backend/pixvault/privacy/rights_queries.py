"""processingRestrictions (staff see everyone's, others their own) and supervisoryAuthority."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.core.errors import forbidden, unauthenticated
from pixvault.core.ids import parse_uuid
from pixvault.core.roles import Role
from pixvault.graphkit.context import Context
from pixvault.graphkit.pagination import After, Connection, First, paginate
from pixvault.privacy import rights_models
from pixvault.privacy.restriction import standing
from pixvault.privacy.rights_types import ProcessingRestriction

REVIEWERS = frozenset({Role.PRIVACY_OFFICER, Role.ADMIN})


@strawberry.type(description="Where a person may complain about how their data is handled")
class SupervisoryAuthority:
    name: str | None = strawberry.field(description="The authority's name; null when unset.")
    url: str | None = strawberry.field(
        description="Its web address, where complaints are made; null when unset."
    )


@strawberry.type
class RightsQuery:
    @strawberry.field(
        description="the supervisory authority the operator names for complaints (Art. 77); "
        "null when none is configured"
    )
    def supervisory_authority(self, info: Info[Context, None]) -> SupervisoryAuthority | None:
        settings = info.context.runtime.settings
        if not settings.supervisory_authority_name and not settings.supervisory_authority_url:
            return None
        return SupervisoryAuthority(
            name=settings.supervisory_authority_name, url=settings.supervisory_authority_url
        )

    @strawberry.field(
        description="PRIVACY_OFFICER, ADMIN: all (subjectId narrows to one person); others "
        "their own. Newest first; active: true for standing ones, false for lifted, null all."
    )
    async def processing_restrictions(
        self,
        info: Info[Context, None],
        subject_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Staff: only this person's restrictions; null: everyone's."
            ),
        ] = None,
        active: Annotated[
            bool | None,
            strawberry.argument(
                description="true: only standing ones; false: only lifted ones; null: both."
            ),
        ] = None,
        first: First = 50,
        after: After = None,
    ) -> Connection[ProcessingRestriction]:
        viewer = info.context.viewer
        if not viewer.is_authenticated:
            raise unauthenticated()
        query = rights_models.ProcessingRestriction.all()
        if not viewer.has_any(REVIEWERS):
            query = query.filter(user_id=viewer.user_id)
        if subject_id is not None:
            key = parse_uuid(subject_id)
            if not viewer.has_any(REVIEWERS) and not viewer.is_self(str(key) if key else None):
                raise forbidden()
            query = query.filter(user_id=key)
        if active is True:
            query = query.filter(standing())
        elif active is False:
            query = query.exclude(standing())
        page = await paginate(
            query.order_by("-placed_at", "id"), first, after, ProcessingRestriction.from_model
        )
        # A staff list shows other people's grounds: one audited read per person listed.
        for edge in page.edges:
            subject = str(edge.node.row.user_id)  # type: ignore[attr-defined]
            if not viewer.is_self(subject):
                info.context.audit_read("Query.processingRestrictions", subject)
        return page
