"""Mutation payloads of the accounts domain."""

from __future__ import annotations

import strawberry

from pixvault.accounts.types import ApiToken, User
from pixvault.graph.errors import UserError


@strawberry.type
class AuthPayload:
    user: User | None
    errors: list[UserError] = UserError.payload_field()
    two_factor_challenge: str | None = strawberry.field(
        default=None,
        description="set (with the error TWO_FACTOR_REQUIRED) when the password was right and "
        "the account has two-factor log-in on: pass it to completeLogIn with a code",
    )


@strawberry.type
class TwoFactorSetupPayload:
    secret: str | None = strawberry.field(description="the seed, for typing into the app")
    otpauth_uri: str | None
    qr_code: str | None = strawberry.field(description="the otpauth URI as an SVG data URL")
    errors: list[UserError] = UserError.payload_field()


@strawberry.type
class RecoveryCodesPayload:
    recovery_codes: list[str] | None = strawberry.field(
        description="ten single-use codes, shown this once"
    )
    errors: list[UserError] = UserError.payload_field()


@strawberry.type
class UserPayload:
    user: User | None
    errors: list[UserError] = UserError.payload_field()


@strawberry.type
class ApiTokenPayload:
    token: ApiToken | None
    secret: str | None = strawberry.field(description="shown once")
    errors: list[UserError] = UserError.payload_field()
