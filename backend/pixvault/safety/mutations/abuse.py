"""reportAsset and resolveAbuseReport."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import returns_errors
from pixvault.safety.abuse import (
    AbuseReason,
    Report,
    ReportDecision,
    report_asset,
    resolve_report,
)
from pixvault.safety.types import AbuseReport, AbuseReportPayload


@strawberry.input(description="A report that an image breaks the rules.")
class ReportAssetInput:
    asset_id: strawberry.ID = strawberry.field(description="The reported image's id.")
    reason: AbuseReason = strawberry.field(description="Why it is reported.")
    details: str | None = strawberry.field(
        default=None, description="Anything staff should know, up to 2000 characters."
    )
    reporter_email: str | None = strawberry.field(
        default=None, description="required when not signed in"
    )


@strawberry.type
class AbuseMutations:
    @strawberry.mutation(description="Report a public image. Anyone may, signed in or not.")
    @returns_errors(AbuseReportPayload)
    async def report_asset(
        self,
        info: Info[Context, None],
        input: Annotated[ReportAssetInput, strawberry.argument(description="The report.")],
    ) -> AbuseReportPayload:
        context = info.context
        report = Report(
            asset_id=str(input.asset_id),
            reason=input.reason,
            details=input.details,
            reporter_email=input.reporter_email,
        )
        row = await report_asset(context.runtime, context.viewer, report)
        return AbuseReportPayload(report=AbuseReport.from_model(row), errors=[])

    @strawberry.mutation(
        description="Decide on an open abuse report: UPHOLD quarantines the image and tells "
        "its owner why, DISMISS closes the report."
    )
    @returns_errors(AbuseReportPayload)
    async def resolve_abuse_report(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The report's id.")],
        decision: Annotated[ReportDecision, strawberry.argument(description="Uphold or dismiss.")],
        note: Annotated[
            str | None,
            strawberry.argument(
                description="Why, up to 2000 characters; an upheld report's note is shown to "
                "the image's owner."
            ),
        ] = None,
    ) -> AbuseReportPayload:
        context = info.context
        row = await resolve_report(context.runtime, context.viewer, str(id), decision, note)
        return AbuseReportPayload(report=AbuseReport.from_model(row), errors=[])
