"""Queries of data subject requests."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.core.errors import forbidden, unauthenticated
from pixvault.core.ids import parse_uuid
from pixvault.core.roles import Role
from pixvault.graphkit.context import Context
from pixvault.graphkit.pagination import After, Before, Connection, First, Last, paginate
from pixvault.privacy import models
from pixvault.privacy.rights_queries import RightsQuery
from pixvault.privacy.types import DataSubjectRequest, DsarStatus

REVIEWERS = frozenset({Role.PRIVACY_OFFICER, Role.ADMIN})


@strawberry.type
class PrivacyQuery(RightsQuery):
    @strawberry.field(description="the subject, PRIVACY_OFFICER, ADMIN")
    async def data_subject_request(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The request's id.")],
    ) -> DataSubjectRequest | None:
        viewer = info.context.viewer
        if not viewer.is_authenticated:
            raise unauthenticated()
        key = parse_uuid(id)
        row = await models.DataSubjectRequest.get_or_none(id=key) if key else None
        if viewer.has_any(REVIEWERS):
            return DataSubjectRequest.from_model(row) if row else None
        # Anyone else gets the same refusal for an id that is not theirs and for one that names
        # nothing, so the answer does not tell that someone's request exists.
        subject_id = str(row.subject_id) if row and row.subject_id else None  # type: ignore[attr-defined]
        if row is None or not viewer.is_self(subject_id):
            raise forbidden()
        return DataSubjectRequest.from_model(row)

    @strawberry.field(
        description="PRIVACY_OFFICER, ADMIN: all, ordered by dueAt; others get their own"
    )
    async def data_subject_requests(
        self,
        info: Info[Context, None],
        status: Annotated[
            DsarStatus | None,
            strawberry.argument(description="Only requests with this status; null: any."),
        ] = None,
        first: First = 50,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[DataSubjectRequest] | None:
        viewer = info.context.viewer
        if not viewer.is_authenticated:
            raise unauthenticated()
        query = models.DataSubjectRequest.all()
        if not viewer.has_any(REVIEWERS):
            query = query.filter(subject_id=viewer.user_id)
        if status is not None:
            query = query.filter(status=status.value)
        return await paginate(
            query.order_by("due_at", "id"),
            first,
            after,
            DataSubjectRequest.from_model,
            last=last,
            before=before,
        )
