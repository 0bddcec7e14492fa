"""Published policy versions (privacy policy, terms) and people's decisions on them."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from pixvault.accounts.models import User
from pixvault.core.privacy_register import Erasure, NotPersonal, PersonalData


class PublishedPolicyError(RuntimeError):
    """A published policy version was about to change."""


class PolicyVersion(Model):
    """A published version of a policy. It never changes once saved."""

    id = fields.UUIDField(primary_key=True)
    kind = fields.CharField(max_length=16)
    version = fields.CharField(max_length=32)
    title = fields.CharField(max_length=200)
    summary = fields.TextField()
    body = fields.TextField()
    change_type = fields.CharField(max_length=32)
    materially_reduces_protection = fields.BooleanField(default=False)
    notice_at = fields.DatetimeField()
    effective_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "policy_versions"
        unique_together = (("kind", "version"),)

    async def save(self, *args: Any, **kwargs: Any) -> None:
        if self._saved_in_db:
            raise PublishedPolicyError("a published policy version never changes; publish anew")
        await super().save(*args, **kwargs)

    async def delete(self, *args: Any, **kwargs: Any) -> None:
        raise PublishedPolicyError("a published policy version is never deleted")


class PolicyDecision(Model):
    id = fields.BigIntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "pixvault.User", related_name="policy_decisions", on_delete=fields.CASCADE
    )
    policy_version: fields.ForeignKeyRelation[PolicyVersion] = fields.ForeignKeyField(
        "pixvault.PolicyVersion", related_name="decisions", on_delete=fields.RESTRICT
    )
    accepted = fields.BooleanField()
    #: EXPLICIT or CONTINUED_USE
    method = fields.CharField(max_length=16)
    decided_at = fields.DatetimeField()

    class Meta:
        table = "policy_decisions"
        unique_together = (("user", "policy_version"),)


PERSONAL_DATA = (
    NotPersonal(PolicyVersion, "The service's own published texts, about no one."),
    PersonalData(
        model=PolicyDecision,
        subject_field="user_id",
        fields=("policy_version_id", "accepted", "method", "decided_at"),
        erasure=Erasure.DELETE,
        purpose="Which versions of the privacy policy and terms you accepted, and how.",
        section="policy_decisions",
    ),
)
