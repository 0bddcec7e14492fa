"""Mutation payloads of the accounts domain."""

from __future__ import annotations

import strawberry

from pixvault.accounts.types import ApiToken, User
from pixvault.core.errors import UserError


@strawberry.type(description="The answer to signUp, logIn and completeLogIn.")
class AuthPayload:
    user: User | None = strawberry.field(
        description="The signed-in user (a session cookie is set); null when errors says why not."
    )
    errors: list[UserError] = UserError.payload_field()
    two_factor_challenge: str | None = strawberry.field(
        default=None,
        description="set (with the error TWO_FACTOR_REQUIRED) when the password was right and "
        "the account has two-factor log-in on: pass it to completeLogIn with a code",
    )


@strawberry.type(description="A new two-factor seed, to be confirmed with enableTwoFactor.")
class TwoFactorSetupPayload:
    secret: str | None = strawberry.field(description="the seed, for typing into the app")
    otpauth_uri: str | None = strawberry.field(
        description="The seed as an otpauth://totp/ URI (RFC 6238, 6 digits, 30 seconds), for "
        "authenticator apps that take a link."
    )
    qr_code: str | None = strawberry.field(description="the otpauth URI as an SVG data URL")
    errors: list[UserError] = UserError.payload_field()


@strawberry.type(description="The answer to enableTwoFactor and regenerateRecoveryCodes.")
class RecoveryCodesPayload:
    recovery_codes: list[str] | None = strawberry.field(
        description="ten single-use codes, shown this once"
    )
    errors: list[UserError] = UserError.payload_field()


@strawberry.type(description="The answer to a mutation that changes an account.")
class UserPayload:
    user: User | None = strawberry.field(
        description="The account as it is now; null when errors says why nothing changed."
    )
    errors: list[UserError] = UserError.payload_field()


@strawberry.type(description="A new API token, with its secret.")
class ApiTokenPayload:
    token: ApiToken | None = strawberry.field(
        description="The token made; null when errors says why none was."
    )
    secret: str | None = strawberry.field(
        description="The token's secret, for `Authorization: Bearer <secret>`: shown this once, "
        "never again."
    )
    errors: list[UserError] = UserError.payload_field()
