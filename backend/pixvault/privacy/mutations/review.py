"""extend, reject and complete: the privacy officer's side (PRIVACY_OFFICER, ADMIN)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.core.errors import UserFacingError
from pixvault.core.ids import parse_uuid
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import returns_errors
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
    @strawberry.mutation(
        description="Extend a request's deadline (Art. 12(3): by up to two further months, "
        "for complex or numerous requests); the requester is told why."
    )
    @returns_errors(DataSubjectRequestPayload)
    async def extend_data_subject_request(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The request's id.")],
        days: Annotated[
            int,
            strawberry.argument(
                description="Days to add to dueAt: at least 1, and at most two months beyond "
                "the first due date in all."
            ),
        ],
        reason: Annotated[str, strawberry.argument(description="Why, as told to the requester.")],
    ) -> DataSubjectRequestPayload:
        row = await requests.extend(info.context.runtime, _id(id), days, reason)
        return _done(row)

    @strawberry.mutation(
        description="Refuse a request (e.g. manifestly unfounded, or identity not shown); the "
        "requester is told why."
    )
    @returns_errors(DataSubjectRequestPayload)
    async def reject_data_subject_request(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The request's id.")],
        reason: Annotated[str, strawberry.argument(description="Why, as told to the requester.")],
    ) -> DataSubjectRequestPayload:
        row = await requests.reject(info.context.runtime, _id(id), reason)
        return _done(row)

    @strawberry.mutation(
        description="Carry out a verified request: apply a RECTIFICATION's corrections, "
        "uphold an OBJECTION, or start an ACCESS export or ERASURE (run as a job; progress "
        "shows how far it got)."
    )
    @returns_errors(DataSubjectRequestPayload)
    async def complete_data_subject_request(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The request's id.")],
        note: Annotated[
            str | None,
            strawberry.argument(
                description="Staff notes kept in internalNotes (up to 5000 characters)."
            ),
        ] = None,
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
