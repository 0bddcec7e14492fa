"""extend, reject and complete: the privacy officer's side (PRIVACY_OFFICER, ADMIN)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from pixvault.accounts.queries import parse_uuid
from pixvault.graph.context import Context
from pixvault.graph.errors import UserFacingError
from pixvault.graph.payloads import returns_errors
from pixvault.privacy import models, objection, requests, runner
from pixvault.privacy.types import DataSubjectRequest, DataSubjectRequestPayload


def _id(value: strawberry.ID) -> str:
    key = parse_uuid(value)
    if key is None:
        raise UserFacingError("NOT_FOUND", "No such request.", "id")
    return str(key)


def _done(row: models.DataSubjectRequest) -> DataSubjectRequestPayload:
    return DataSubjectRequestPayload(request=DataSubjectRequest.from_model(row), errors=[])


@strawberry.type
class ReviewMutations:
    @strawberry.mutation
    @returns_errors(DataSubjectRequestPayload)
    async def extend_data_subject_request(
        self, info: Info[Context, None], id: strawberry.ID, days: int, reason: str
    ) -> DataSubjectRequestPayload:
        row = await requests.extend(info.context.runtime, _id(id), days, reason)
        return _done(row)

    @strawberry.mutation
    @returns_errors(DataSubjectRequestPayload)
    async def reject_data_subject_request(
        self, info: Info[Context, None], id: strawberry.ID, reason: str
    ) -> DataSubjectRequestPayload:
        row = await requests.reject(info.context.runtime, _id(id), reason)
        return _done(row)

    @strawberry.mutation
    @returns_errors(DataSubjectRequestPayload)
    async def complete_data_subject_request(
        self, info: Info[Context, None], id: strawberry.ID, note: str | None = None
    ) -> DataSubjectRequestPayload:
        runtime = info.context.runtime
        row = await models.DataSubjectRequest.get_or_none(id=_id(id))
        if row is None:
            raise UserFacingError("NOT_FOUND", "No such request.", "id")
        if row.kind == "RECTIFICATION":
            row = await requests.apply_rectification(runtime, row, note)
        elif row.kind == "OBJECTION":
            row = await objection.uphold(runtime, info.context.viewer, row, note)
        elif row.status == "VERIFIED":
            if note:
                row.internal_notes = note.strip()[:5000]
                await row.save(update_fields=["internal_notes"])
            await runner.schedule(runtime.jobs, row)
        else:
            raise UserFacingError(
                "NOT_RUNNABLE", f"A request that is {row.status} cannot be run now.", "id"
            )
        return _done(row)
