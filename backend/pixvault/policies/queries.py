"""Queries of the policies domain."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.graphkit.context import Context
from pixvault.policies import models
from pixvault.policies.services import (
    effective_version,
    effective_versions,
    pending_decisions,
)
from pixvault.policies.types import PolicyKind, PolicyVersion


@strawberry.type
class PoliciesQuery:
    @strawberry.field(description="the version in effect now")
    async def policy(
        self, kind: Annotated[PolicyKind, strawberry.argument(description="Which policy.")]
    ) -> PolicyVersion | None:
        current = await effective_version(kind.value)
        return PolicyVersion.from_model(current, {current.id}) if current else None

    @strawberry.field(description="published versions, newest first, future ones included")
    async def policy_versions(
        self, kind: Annotated[PolicyKind, strawberry.argument(description="Which policy.")]
    ) -> list[PolicyVersion]:
        rows = await models.PolicyVersion.filter(kind=kind.value).order_by("-notice_at")
        current = {v.id for v in await effective_versions()}
        return [PolicyVersion.from_model(row, current) for row in rows]

    @strawberry.field(description="versions the viewer must still decide on before continuing")
    async def pending_policy_decisions(self, info: Info[Context, None]) -> list[PolicyVersion]:
        user_id = info.context.viewer.user_id
        if user_id is None:
            return []
        pending = await pending_decisions(user_id)
        return [PolicyVersion.from_model(v, {v.id}) for v in pending]
