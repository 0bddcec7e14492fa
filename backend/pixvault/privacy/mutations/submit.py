"""submitDataSubjectRequest, verifyDataSubjectRequest and closeAccount: the requester's side."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from pixvault.consents.visitors import visitor_id
from pixvault.core.errors import UserFacingError
from pixvault.core.ratelimit import Limit, allow
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import returns_errors
from pixvault.privacy import requests, rights, runner
from pixvault.privacy.types import (
    DataSubjectRequest,
    DataSubjectRequestPayload,
    DsarKind,
    ObjectionPurpose,
)

SUBMISSIONS_PER_IP = Limit("dsar-submit", 10, 60 * 60)
VERIFICATIONS_PER_IP = Limit("dsar-verify", 10, 60 * 60)


@strawberry.input(description="A GDPR request, from its owner or from anyone by email.")
class DataSubjectRequestInput:
    kind: DsarKind = strawberry.field(description="Which right it exercises.")
    email: str | None = strawberry.field(
        default=None,
        description="required when not signed in; the request is then verified by a link "
        "sent to it",
    )
    password: str | None = strawberry.field(
        default=None,
        description="required when signed in: the current password re-verifies identity",
    )
    details: str | None = strawberry.field(
        default=None,
        description="Anything the requester wants to add: the grounds of a RESTRICTION or an "
        "OBJECTION to OTHER, what an ACCESS request is after.",
    )
    corrections: JSON | None = strawberry.field(
        default=None, description="for RECTIFICATION: field name to corrected value"
    )
    purpose: ObjectionPurpose | None = strawberry.field(
        default=None,
        description="for OBJECTION: what it objects to; OTHER takes the ground in details",
    )


@returns_errors(DataSubjectRequestPayload)
async def _submit(
    context: Context, request_input: DataSubjectRequestInput
) -> DataSubjectRequestPayload:
    runtime = context.runtime
    ip = context.viewer.client.ip_address or "-"
    if not await allow(runtime.store, SUBMISSIONS_PER_IP, ip):
        raise UserFacingError("RATE_LIMITED", "Too many requests. Try again later.")
    row = await requests.submit(
        runtime,
        context.viewer,
        kind=request_input.kind.value,
        email=request_input.email,
        password=request_input.password,
        details=request_input.details,
        corrections=request_input.corrections,
        visitor=None if context.viewer.is_authenticated else visitor_id(context.request),
        purpose=request_input.purpose.value if request_input.purpose else None,
    )
    await rights.after_verified(runtime, row, context.viewer.client)
    await runner.schedule(runtime.jobs, row)
    # An anonymous requester learns nothing about the account until the link is followed.
    visible = context.viewer.is_authenticated
    return DataSubjectRequestPayload(
        request=DataSubjectRequest.from_model(row) if visible else None, errors=[]
    )


@strawberry.type
class SubmitMutations:
    @strawberry.mutation(
        description="Submit a GDPR request. Signed in, the password verifies it at once; "
        "otherwise a link mailed to input.email must be followed (verifyDataSubjectRequest)."
    )
    async def submit_data_subject_request(
        self,
        info: Info[Context, None],
        input: Annotated[DataSubjectRequestInput, strawberry.argument(description="The request.")],
    ) -> DataSubjectRequestPayload:
        return await _submit(info.context, input)

    @strawberry.mutation(
        description="Confirm a request with the token from the link mailed to its requester; "
        "the request then starts. Throttled per IP address."
    )
    @returns_errors(DataSubjectRequestPayload)
    async def verify_data_subject_request(
        self,
        info: Info[Context, None],
        token: Annotated[
            str, strawberry.argument(description="The token from the verification link.")
        ],
    ) -> DataSubjectRequestPayload:
        runtime = info.context.runtime
        ip = info.context.viewer.client.ip_address or "-"
        if not await allow(runtime.store, VERIFICATIONS_PER_IP, ip):
            raise UserFacingError("RATE_LIMITED", "Too many attempts. Try again later.")
        row = await requests.verify(token)
        await rights.after_verified(runtime, row, info.context.viewer.client)
        await runner.schedule(runtime.jobs, row)
        return DataSubjectRequestPayload(request=DataSubjectRequest.from_model(row), errors=[])

    @strawberry.mutation(
        description="Erase your own account: an ERASURE request, verified by your password."
    )
    async def close_account(
        self,
        info: Info[Context, None],
        password: Annotated[
            str, strawberry.argument(description="The account's password, to confirm.")
        ],
    ) -> DataSubjectRequestPayload:
        return await _submit(
            info.context, DataSubjectRequestInput(kind=DsarKind.ERASURE, password=password)
        )
