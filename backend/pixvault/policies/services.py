"""Which policy versions are in effect, and recording people's decisions on them."""

from __future__ import annotations

from pixvault.clock import now
from pixvault.policies.models import PolicyDecision, PolicyVersion

KINDS = ("PRIVACY", "TERMS")


async def effective_version(kind: str) -> PolicyVersion | None:
    return (
        await PolicyVersion.filter(kind=kind, effective_at__lte=now())
        .order_by("-effective_at", "-notice_at")
        .first()
    )


async def effective_versions() -> list[PolicyVersion]:
    versions = [await effective_version(kind) for kind in KINDS]
    return [v for v in versions if v is not None]


async def accept_effective(user_id: str, method: str) -> list[PolicyVersion]:
    """Record acceptance of every version in effect (at sign-up: EXPLICIT)."""
    versions = await effective_versions()
    for version in versions:
        await PolicyDecision.get_or_create(
            user_id=user_id,
            policy_version=version,
            defaults={"accepted": True, "method": method, "decided_at": now()},
        )
    return versions
