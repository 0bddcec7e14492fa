"""Accounts: people, their sessions, API tokens, activity and pending email changes."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


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
    created_at = fields.DatetimeField()
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
