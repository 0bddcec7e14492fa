"""Account security: the second factor (TOTP), its recovery codes, and password-reset links.

Kept apart from accounts/models.py so these tables evolve on their own. Secrets handed to
people (reset links, recovery codes) are stored only as SHA-256 digests; the TOTP seed must be
readable to compute codes, so it is stored as is and never exported or shown again.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from pixvault.accounts.models import User
from pixvault.core.privacy_register import TOKEN_HASH_REASON, Erasure, PersonalData


class TwoFactor(Model):
    """A person's authenticator app: pending until a first code confirms the set-up."""

    id = fields.UUIDField(primary_key=True)
    user: fields.OneToOneRelation[User] = fields.OneToOneField(
        "pixvault.User", related_name="two_factor", on_delete=fields.CASCADE
    )
    #: The RFC 6238 seed, base32.
    secret = fields.CharField(max_length=64)
    created_at = fields.DatetimeField()
    #: Null while the set-up waits for its first code, the second factor is on once set.
    confirmed_at = fields.DatetimeField(null=True)
    #: The last 30-second step whose code was accepted: no code at or before it is taken again.
    last_step = fields.BigIntField(default=0)

    class Meta:
        table = "two_factors"


class RecoveryCode(Model):
    """A single-use code that stands in for the authenticator app (ten at a time)."""

    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="recovery_codes", on_delete=fields.CASCADE
    )
    code_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "recovery_codes"


class PasswordReset(Model):
    """A "forgot your password" link: single use, short-lived, stored as its digest."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="password_resets", on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "password_resets"


PERSONAL_DATA = (
    PersonalData(
        model=TwoFactor,
        subject_field="user_id",
        # The seed is a credential, not something to hand out in an export.
        fields=("created_at", "confirmed_at"),
        not_personal={
            "secret": (
                "A random key shared with your authenticator app: a credential, never given "
                "out after the set-up (erasure deletes it)."
            ),
            "last_step": "The time step of the last code accepted, so no code is taken twice.",
        },
        erasure=Erasure.DELETE,
        purpose="Your second factor: the authenticator app asked for at log-in.",
        section="two_factor",
    ),
    PersonalData(
        model=RecoveryCode,
        subject_field="user_id",
        fields=("created_at", "used_at"),
        not_personal={"code_hash": TOKEN_HASH_REASON},
        erasure=Erasure.DELETE,
        purpose="Single-use codes that replace the authenticator app when it is lost.",
        section="recovery_codes",
    ),
    PersonalData(
        model=PasswordReset,
        subject_field="user_id",
        fields=("created_at", "expires_at", "used_at"),
        not_personal={"token_hash": TOKEN_HASH_REASON},
        erasure=Erasure.DELETE,
        purpose="Links sent to set a new password when the old one is forgotten.",
        section="password_resets",
    ),
)
