"""completeLogIn and the two-factor set-up: begin, enable, new recovery codes, disable."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from pixvault.accounts import second_step, two_factor
from pixvault.accounts.models import User as UserRow
from pixvault.accounts.mutations.log_in import finish_log_in
from pixvault.accounts.payloads import AuthPayload, RecoveryCodesPayload, TwoFactorSetupPayload
from pixvault.graphkit.context import Context
from pixvault.graphkit.payloads import OkPayload, require_user, returns_errors


@strawberry.type
class TwoFactorMutations:
    @strawberry.mutation(
        description="The second step of a log-in: the challenge logIn returned and a code from "
        "the authenticator app (or a recovery code). Each code is accepted once."
    )
    @returns_errors(AuthPayload)
    async def complete_log_in(
        self,
        info: Info[Context, None],
        challenge: Annotated[
            str, strawberry.argument(description="logIn's twoFactorChallenge (short-lived).")
        ],
        code: Annotated[
            str,
            strawberry.argument(
                description="A 6-digit code from the authenticator app, or an unused recovery code."
            ),
        ],
    ) -> AuthPayload:
        context = info.context
        user, issued = await second_step.complete(
            context.runtime, context.viewer.client, challenge, code
        )
        return await finish_log_in(context, user, issued)

    @strawberry.mutation(
        description="Start setting up two-factor log-in: a new seed and its QR code. Nothing "
        "changes until enableTwoFactor confirms it with a first code."
    )
    @returns_errors(TwoFactorSetupPayload)
    async def begin_two_factor_setup(self, info: Info[Context, None]) -> TwoFactorSetupPayload:
        user = await UserRow.get(id=require_user(info.context))
        setup = await two_factor.begin_setup(user)
        return TwoFactorSetupPayload(
            secret=setup.seed, otpauth_uri=setup.uri, qr_code=setup.qr_code, errors=[]
        )

    @strawberry.mutation(description="Turn two-factor log-in on with a first code from the app.")
    @returns_errors(RecoveryCodesPayload)
    async def enable_two_factor(
        self,
        info: Info[Context, None],
        code: Annotated[
            str,
            strawberry.argument(
                description="A 6-digit code from the app set up with beginTwoFactorSetup."
            ),
        ],
    ) -> RecoveryCodesPayload:
        context = info.context
        require_user(context)
        codes = await two_factor.enable(context.runtime, context.viewer, code)
        return RecoveryCodesPayload(recovery_codes=codes, errors=[])

    @strawberry.mutation(description="Ten new recovery codes for a current code; old ones end.")
    @returns_errors(RecoveryCodesPayload)
    async def regenerate_recovery_codes(
        self,
        info: Info[Context, None],
        code: Annotated[
            str,
            strawberry.argument(description="A current 6-digit code from the authenticator app."),
        ],
    ) -> RecoveryCodesPayload:
        context = info.context
        require_user(context)
        codes = await two_factor.regenerate_recovery_codes(context.runtime, context.viewer, code)
        return RecoveryCodesPayload(recovery_codes=codes, errors=[])

    @strawberry.mutation(description="Turn two-factor log-in off: needs the password and a code.")
    @returns_errors(OkPayload)
    async def disable_two_factor(
        self,
        info: Info[Context, None],
        password: Annotated[str, strawberry.argument(description="The account's password.")],
        code: Annotated[
            str,
            strawberry.argument(
                description="A 6-digit code from the authenticator app, or an unused recovery code."
            ),
        ],
    ) -> OkPayload:
        context = info.context
        require_user(context)
        await two_factor.disable(context.runtime, context.viewer, password, code)
        return OkPayload.success()
