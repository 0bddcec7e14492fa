"""Accounts: people, their sessions, API tokens, activity and pending email changes."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from pixvault.core.clock import now
from pixvault.core.privacy_register import TOKEN_HASH_REASON, Erasure, PersonalData


class User(Model):
    id = fields.UUIDField(primary_key=True)
    email = fields.CharField(max_length=320, unique=True)
    name = fields.CharField(max_length=200)
    company_name = fields.CharField(max_length=200, null=True)
    password_hash = fields.CharField(max_length=255)
    #: Role names (see accounts.roles.Role), CUSTOMER for everyone.
    roles: fields.Field[list[str]] = fields.JSONField(default=list)
    created_at = fields.DatetimeField()
    last_log_in_at = fields.DatetimeField(null=True)
    #: Set when the account was closed and its personal data erased.
    closed_at = fields.DatetimeField(null=True)
    #: Set while an ADMIN has disabled the account: no log-in, no session, no token works.
    disabled_at = fields.DatetimeField(null=True)

    sessions: fields.ReverseRelation[Session]
    api_tokens: fields.ReverseRelation[ApiToken]

    class Meta:
        table = "users"


class Session(Model):
    """A signed-in browser. The token itself is never stored, only its SHA-256."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="sessions", on_delete=fields.CASCADE
    )
    #: Null when the token lives in Redis instead.
    token_hash = fields.CharField(max_length=64, unique=True, null=True)
    persistent = fields.BooleanField(default=False)
    created_at = fields.DatetimeField()
    last_seen_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    ended_at = fields.DatetimeField(null=True)
    ip_address = fields.CharField(max_length=45, null=True)
    browser = fields.CharField(max_length=100, null=True)
    os = fields.CharField(max_length=100, null=True)

    class Meta:
        table = "sessions"


class ApiToken(Model):
    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="api_tokens", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    token_hash = fields.CharField(max_length=64, unique=True)
    # Tokens made before scopes existed were migrated to every customer scope, never STAFF.
    #: What the token may do (accounts.scopes.ApiScope values).
    scopes: fields.Field[list[str]] = fields.JSONField(default=list, db_default=[])
    created_at = fields.DatetimeField()
    #: Null: the token never expires (only when its maker asked for that).
    expires_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_tokens"


class ActivityEvent(Model):
    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="activity", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=32)
    at = fields.DatetimeField(db_index=True)
    ip_address = fields.CharField(max_length=45, null=True)
    country = fields.CharField(max_length=2, null=True)
    browser = fields.CharField(max_length=100, null=True)
    browser_version = fields.CharField(max_length=50, null=True)
    os = fields.CharField(max_length=100, null=True)
    platform = fields.CharField(max_length=50, null=True)
    timezone = fields.CharField(max_length=64, null=True)
    target = fields.CharField(max_length=500, null=True)

    class Meta:
        table = "activity_events"


class EmailChange(Model):
    """A new email address awaiting confirmation through the link sent to it."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="email_changes", on_delete=fields.CASCADE
    )
    new_email = fields.CharField(max_length=320)
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    confirmed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "email_changes"


def _erased_email(row: Model) -> str:
    return f"erased-{row.pk}@erased.invalid"


PERSONAL_DATA = (
    PersonalData(
        model=User,
        subject_field="id",
        fields=(
            "email",
            "name",
            "company_name",
            "roles",
            "created_at",
            "last_log_in_at",
            "disabled_at",
            "closed_at",
        ),
        not_personal={
            "password_hash": (
                "A one-way hash of a secret: it tells nothing about you and is never given "
                "out (erasure overwrites it all the same)."
            ),
        },
        erasure=Erasure.ANONYMISE,
        purpose="The account: who you are and how to reach you.",
        section="account",
        # The row stays so that records kept for a legal reason keep a (now anonymous) owner.
        anonymise={
            "email": _erased_email,
            "name": "Erased user",
            "company_name": None,
            "password_hash": "!",
            "roles": [],
            "last_log_in_at": None,
            "closed_at": lambda _row: now(),
        },
        order=1000,
    ),
    PersonalData(
        model=Session,
        subject_field="user_id",
        fields=(
            "created_at",
            "last_seen_at",
            "ended_at",
            "persistent",
            "ip_address",
            "browser",
            "os",
            "expires_at",
        ),
        not_personal={"token_hash": TOKEN_HASH_REASON},
        erasure=Erasure.DELETE,
        purpose="Keeping you signed in, and showing you where you are signed in.",
        section="sessions",
    ),
    PersonalData(
        model=ApiToken,
        subject_field="user_id",
        fields=("name", "scopes", "created_at", "expires_at", "last_used_at", "revoked_at"),
        not_personal={"token_hash": TOKEN_HASH_REASON},
        erasure=Erasure.DELETE,
        purpose="Signing in scripts and mobile apps.",
        section="api_tokens",
    ),
    PersonalData(
        model=ActivityEvent,
        subject_field="user_id",
        fields=(
            "kind",
            "at",
            "ip_address",
            "country",
            "browser",
            "browser_version",
            "os",
            "platform",
            "timezone",
            "target",
        ),
        erasure=Erasure.DELETE,
        purpose="Security and usage records: log-ins, log-outs and what was done, from where.",
        section="activity",
    ),
    PersonalData(
        model=EmailChange,
        subject_field="user_id",
        fields=("new_email", "created_at", "expires_at", "confirmed_at"),
        not_personal={"token_hash": TOKEN_HASH_REASON},
        erasure=Erasure.DELETE,
        purpose="Confirming a change of email address.",
        section="email_changes",
    ),
)
