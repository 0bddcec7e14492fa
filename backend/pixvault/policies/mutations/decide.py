"""acceptPolicyVersion and rejectPolicyVersion."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from pixvault.accounts.sessions import clear_session_cookie
from pixvault.graph.context import Context
from pixvault.graph.errors import UserError, UserFacingError
from pixvault.graph.payloads import require_user
from pixvault.policies import decisions
from pixvault.policies.types import PolicyDecision, PolicyDecisionPayload

#: Said with every rejection until the data-subject-request service can close accounts.
CLOSURE_UNAVAILABLE = UserError(
    field=None,
    code="ACCOUNT_CLOSURE_UNAVAILABLE",
    message=(
        "Your rejection is recorded and every session has ended. You can still sign in to read "
        "and export your data, but not change it. Closing the account and erasing its data is "
        "not available on this installation yet: ask its privacy team to complete it."
    ),
)


def _failure(error: UserFacingError) -> PolicyDecisionPayload:
    return PolicyDecisionPayload(
        decision=None, account_closed=False, errors=[error.as_user_error()]
    )


@strawberry.type
class DecisionMutations:
    @strawberry.mutation
    async def accept_policy_version(
        self, info: Info[Context, None], id: strawberry.ID
    ) -> PolicyDecisionPayload:
        context = info.context
        try:
            require_user(context)
            version = await decisions.find_version(id)
            decision = await decisions.accept(context.viewer, version)
        except UserFacingError as error:
            return _failure(error)
        return PolicyDecisionPayload(
            decision=PolicyDecision.from_model(decision), account_closed=False, errors=[]
        )

    @strawberry.mutation(
        description="only for a version that materially reduces protection; closes the account"
    )
    async def reject_policy_version(
        self, info: Info[Context, None], id: strawberry.ID, password: str
    ) -> PolicyDecisionPayload:
        context = info.context
        try:
            require_user(context)
            version = await decisions.find_version(id)
            decision = await decisions.reject(context.runtime, context.viewer, version, password)
        except UserFacingError as error:
            return _failure(error)
        clear_session_cookie(context.response, context.runtime.settings)
        return PolicyDecisionPayload(
            decision=PolicyDecision.from_model(decision),
            account_closed=False,
            errors=[CLOSURE_UNAVAILABLE],
        )
