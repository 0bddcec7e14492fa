"""reportAsset and resolveAbuseReport."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from pixvault.graph.context import Context
from pixvault.graph.payloads import returns_errors
from pixvault.safety.abuse import (
    AbuseReason,
    Report,
    ReportDecision,
    report_asset,
    resolve_report,
)
from pixvault.safety.types import AbuseReport, AbuseReportPayload


@strawberry.input
class ReportAssetInput:
    asset_id: strawberry.ID
    reason: AbuseReason
    details: str | None = None
    reporter_email: str | None = strawberry.field(
        default=None, description="required when not signed in"
    )


@strawberry.type
class AbuseMutations:
    @strawberry.mutation(description="Report a public image. Anyone may, signed in or not.")
    @returns_errors(AbuseReportPayload)
    async def report_asset(
        self, info: Info[Context, None], input: ReportAssetInput
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
        description="SUPPORT, PRIVACY_OFFICER, ADMIN: UPHOLD quarantines the asset"
    )
    @returns_errors(AbuseReportPayload)
    async def resolve_abuse_report(
        self,
        info: Info[Context, None],
        id: strawberry.ID,
        decision: ReportDecision,
        note: str | None = None,
    ) -> AbuseReportPayload:
        context = info.context
        row = await resolve_report(context.runtime, context.viewer, str(id), decision, note)
        return AbuseReportPayload(report=AbuseReport.from_model(row), errors=[])
