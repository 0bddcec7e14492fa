"""publishPolicyVersion (PRIVACY_OFFICER, ADMIN: the access table guards the field)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import returns_errors
from pixvault.policies.publish import Publication, publish
from pixvault.policies.services import effective_versions
from pixvault.policies.types import PolicyVersion, PolicyVersionPayload, PublishPolicyInput


@strawberry.type
class PublishMutation:
    @strawberry.mutation(
        description=(
            "Publish a version now: it takes effect 7 days later when MINOR, 30 days later when "
            "SUBSTANTIAL, at once when a LEGAL_REQUIREMENT. Every active user gets a notice."
        )
    )
    @returns_errors(PolicyVersionPayload)
    async def publish_policy_version(
        self,
        info: Info[Context, None],
        input: Annotated[
            PublishPolicyInput, strawberry.argument(description="The version to publish.")
        ],
    ) -> PolicyVersionPayload:
        context = info.context
        publication = Publication(
            kind=input.kind.value,
            version=input.version,
            title=input.title,
            summary=input.summary,
            body=input.body,
            change_type=input.change_type.value,
            materially_reduces_protection=bool(input.materially_reduces_protection),
        )
        row = await publish(context.runtime.mailer, context.viewer, publication)
        context.runtime.policy_gate.invalidate()
        in_effect = {v.id for v in await effective_versions()}
        return PolicyVersionPayload(
            policy_version=PolicyVersion.from_model(row, in_effect), errors=[]
        )
