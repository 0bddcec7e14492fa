"""GraphQL types of the policies domain."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from uuid import UUID

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from pixvault.core import described
from pixvault.core.errors import UserError
from pixvault.graphkit.context import Context
from pixvault.policies import models


@described.enum(
    "Which policy a version belongs to.",
    {"PRIVACY": "The privacy policy.", "TERMS": "The terms of service."},
)
class PolicyKind(StrEnum):
    PRIVACY = "PRIVACY"
    TERMS = "TERMS"


@described.enum(
    "When a version takes effect: MINOR 7 days after its notice, SUBSTANTIAL 30 days "
    "after, LEGAL_REQUIREMENT at its notice",
    {
        "MINOR": "Wording and clarifications; takes effect 7 days after its notice.",
        "SUBSTANTIAL": "A change in what is done with data or in the terms; takes effect 30 "
        "days after its notice.",
        "LEGAL_REQUIREMENT": "A change the law requires; takes effect at its notice.",
    },
)
class PolicyChange(StrEnum):
    MINOR = "MINOR"
    SUBSTANTIAL = "SUBSTANTIAL"
    LEGAL_REQUIREMENT = "LEGAL_REQUIREMENT"


REDUCES_PROTECTION = (
    "Whether the change takes protection away from people: such a version needs each "
    "person's explicit decision (accept, or reject and close the account) instead of "
    "counting continued use as acceptance."
)


@strawberry.type(description="A person's decision on one policy version.")
class PolicyDecision:
    accepted: bool = strawberry.field(description="true: accepted; false: rejected.")
    method: str = strawberry.field(description="EXPLICIT or CONTINUED_USE")
    decided_at: datetime = strawberry.field(description="When it was decided.")

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


@strawberry.type(description="A published version of the privacy policy or the terms.")
class PolicyVersion:
    id: strawberry.ID = strawberry.field(
        description="The version's id, for acceptPolicyVersion and rejectPolicyVersion."
    )
    kind: PolicyKind = strawberry.field(description="Which policy it is a version of.")
    version: str = strawberry.field(
        description="Its version label as published (e.g. 2.0), unique per kind."
    )
    title: str = strawberry.field(description="Its title.")
    summary: str = strawberry.field(
        description="What changed, in a few sentences for the notice people get."
    )
    body: str = strawberry.field(description="The full text, in Markdown.")
    change_type: PolicyChange = strawberry.field(
        description="What kind of change it is, which sets when it takes effect."
    )
    materially_reduces_protection: bool = strawberry.field(description=REDUCES_PROTECTION)
    notice_at: datetime = strawberry.field(
        description="When it was published and people were told."
    )
    effective_at: datetime = strawberry.field(
        description="When it takes (or took) effect, replacing the version before it."
    )
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


@strawberry.input(description="A new version of a policy.")
class PublishPolicyInput:
    kind: PolicyKind = strawberry.field(description="Which policy it is a version of.")
    version: str = strawberry.field(
        description="Its version label (e.g. 2.0); must be new for this kind."
    )
    title: str = strawberry.field(description="Its title.")
    summary: str = strawberry.field(
        description="What changed, in a few sentences: the notice people get says this."
    )
    body: str = strawberry.field(description="The full text, in Markdown.")
    change_type: PolicyChange = strawberry.field(
        description="What kind of change it is, which sets when it takes effect."
    )
    materially_reduces_protection: bool | None = strawberry.field(
        default=False,
        description=REDUCES_PROTECTION + " false when null.",
    )


@strawberry.type(description="The answer to publishPolicyVersion.")
class PolicyVersionPayload:
    policy_version: PolicyVersion | None = strawberry.field(
        description="The version published; null when errors says why none was."
    )
    errors: list[UserError] = UserError.payload_field()


@strawberry.type(description="The answer to acceptPolicyVersion and rejectPolicyVersion.")
class PolicyDecisionPayload:
    decision: PolicyDecision | None = strawberry.field(
        description="The decision recorded; null when errors says why none was."
    )
    account_closed: bool = strawberry.field(description="true when rejecting closed the account")
    errors: list[UserError] = UserError.payload_field()
