"""acceptPolicyVersion and rejectPolicyVersion."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.accounts.sessions import clear_session_cookie
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import require_user, returns_errors
from pixvault.policies import decisions
from pixvault.policies.types import PolicyDecision, PolicyDecisionPayload


@strawberry.type
class DecisionMutations:
    @strawberry.mutation(
        description="Accept a policy version (pendingPolicyDecisions lists those awaiting a "
        "decision); recorded as an EXPLICIT decision."
    )
    @returns_errors(PolicyDecisionPayload)
    async def accept_policy_version(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The policy version's id.")],
    ) -> PolicyDecisionPayload:
        context = info.context
        require_user(context)
        version = await decisions.find_version(id)
        decision = await decisions.accept(context.viewer, version)
        return PolicyDecisionPayload(
            decision=PolicyDecision.from_model(decision), account_closed=False, errors=[]
        )

    @strawberry.mutation(
        description="only for a version that materially reduces protection; closes the account"
    )
    @returns_errors(PolicyDecisionPayload)
    async def reject_policy_version(
        self,
        info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The policy version's id.")],
        password: Annotated[
            str,
            strawberry.argument(description="The account's password, to confirm closing it."),
        ],
    ) -> PolicyDecisionPayload:
        context = info.context
        require_user(context)
        version = await decisions.find_version(id)
        decision = await decisions.reject(context.runtime, context.viewer, version, password)
        clear_session_cookie(context.response, context.runtime.settings)
        # The account closes: the data export is made now, the erasure follows once the
        # export's download window has passed (privacy.requests).
        await decisions.account_closing()(context.runtime, str(context.viewer.user_id))
        return PolicyDecisionPayload(
            decision=PolicyDecision.from_model(decision), account_closed=True, errors=[]
        )
