"""GraphQL types of the policies domain."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from uuid import UUID

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from pixvault.graph.context import Context
from pixvault.graph.errors import UserError
from pixvault.policies import models


@strawberry.enum
class PolicyKind(StrEnum):
    PRIVACY = "PRIVACY"
    TERMS = "TERMS"


@strawberry.enum(
    description=(
        "When a version takes effect: MINOR 7 days after its notice, SUBSTANTIAL 30 days "
        "after, LEGAL_REQUIREMENT at its notice"
    )
)
class PolicyChange(StrEnum):
    MINOR = "MINOR"
    SUBSTANTIAL = "SUBSTANTIAL"
    LEGAL_REQUIREMENT = "LEGAL_REQUIREMENT"


@strawberry.type
class PolicyDecision:
    accepted: bool
    method: str = strawberry.field(description="EXPLICIT or CONTINUED_USE")
    decided_at: datetime

    @classmethod
    def from_model(cls, row: models.PolicyDecision) -> PolicyDecision:
        return cls(accepted=row.accepted, method=row.method, decided_at=row.decided_at)


def _decision_loader(context: Context) -> DataLoader[UUID, models.PolicyDecision | None]:
    """The viewer's decisions on the versions a request lists, in one query."""
    user_id = context.viewer.user_id

    async def load(ids: list[UUID]) -> list[models.PolicyDecision | None]:
        rows = await models.PolicyDecision.filter(user_id=user_id, policy_version_id__in=ids)
        found = {row.policy_version_id: row for row in rows}  # type: ignore[attr-defined]
        return [found.get(i) for i in ids]

    return context.loader("policy_decisions", load)


@strawberry.type
class PolicyVersion:
    id: strawberry.ID
    kind: PolicyKind
    version: str
    title: str
    summary: str
    body: str = strawberry.field(description="Markdown")
    change_type: PolicyChange
    materially_reduces_protection: bool
    notice_at: datetime
    effective_at: datetime
    is_effective: bool = strawberry.field(description="this is the version in effect now")
    key: strawberry.Private[UUID]

    @classmethod
    def from_model(cls, row: models.PolicyVersion, in_effect: set[UUID]) -> PolicyVersion:
        return cls(
            id=strawberry.ID(str(row.id)),
            kind=PolicyKind(row.kind),
            version=row.version,
            title=row.title,
            summary=row.summary,
            body=row.body,
            change_type=PolicyChange(row.change_type),
            materially_reduces_protection=row.materially_reduces_protection,
            notice_at=row.notice_at,
            effective_at=row.effective_at,
            is_effective=row.id in in_effect,
            key=row.id,
        )

    @strawberry.field(description="the viewer's own decision on this version, if any")
    async def viewer_decision(self, info: Info[Context, None]) -> PolicyDecision | None:
        if info.context.viewer.user_id is None:
            return None
        row = await _decision_loader(info.context).load(self.key)
        return PolicyDecision.from_model(row) if row else None


@strawberry.input
class PublishPolicyInput:
    kind: PolicyKind
    version: str
    title: str
    summary: str
    body: str
    change_type: PolicyChange
    materially_reduces_protection: bool | None = False


@strawberry.type
class PolicyVersionPayload:
    policy_version: PolicyVersion | None
    errors: list[UserError] = UserError.payload_field()


@strawberry.type
class PolicyDecisionPayload:
    decision: PolicyDecision | None
    account_closed: bool = strawberry.field(description="true when rejecting closed the account")
    errors: list[UserError] = UserError.payload_field()
