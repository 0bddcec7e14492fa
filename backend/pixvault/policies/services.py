"""Which policy versions are in effect, and people's decisions on them.

A newer publication supersedes older ones: the version in effect is, among those whose
effective date has come, the one whose notice is newest. publish.py keeps a MINOR or SUBSTANTIAL
version from taking effect before one published earlier, so only a LEGAL_REQUIREMENT version can
overtake (and so retire) a version still waiting for its date.
"""

from __future__ import annotations

from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.viewer import ClientInfo
from pixvault.policies.models import PolicyDecision, PolicyVersion

KINDS = ("PRIVACY", "TERMS")
EXPLICIT = "EXPLICIT"
CONTINUED_USE = "CONTINUED_USE"


async def effective_version(kind: str) -> PolicyVersion | None:
    return (
        await PolicyVersion.filter(kind=kind, effective_at__lte=now())
        .order_by("-notice_at", "-effective_at")
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


async def decide(
    user_id: str, version: PolicyVersion, *, accepted: bool, method: str, client: ClientInfo
) -> PolicyDecision:
    """Record a decision, or return the one already recorded (decisions never change)."""
    decision, created = await PolicyDecision.get_or_create(
        user_id=user_id,
        policy_version=version,
        defaults={"accepted": accepted, "method": method, "decided_at": now()},
    )
    if created:
        verb = "accepted" if accepted else "rejected"
        target = f"{version.kind} {version.version} {verb} ({method})"
        await record_activity(user_id, ActivityKind.POLICY_DECISION, client, target)
    return decision


async def record_continued_use(
    user_id: str, versions: list[PolicyVersion], client: ClientInfo
) -> None:
    """Continuing to use Pixvault accepts a version in effect that the user has not decided on,
    unless it materially reduces protection: that one needs an explicit decision."""
    decided = set(
        await PolicyDecision.filter(
            user_id=user_id, policy_version_id__in=[v.id for v in versions]
        ).values_list("policy_version_id", flat=True)
    )
    for version in versions:
        if version.id not in decided and not version.materially_reduces_protection:
            await decide(user_id, version, accepted=True, method=CONTINUED_USE, client=client)


async def pending_decisions(user_id: str) -> list[PolicyVersion]:
    """Versions in effect that materially reduce protection and await this user's decision."""
    reducing = [v for v in await effective_versions() if v.materially_reduces_protection]
    if not reducing:
        return []
    decided = set(
        await PolicyDecision.filter(
            user_id=user_id, policy_version_id__in=[v.id for v in reducing]
        ).values_list("policy_version_id", flat=True)
    )
    return [v for v in reducing if v.id not in decided]


async def require_no_pending_decisions(user_id: str) -> None:
    """Refuse a change to a person's data while a policy decision blocks it.

    Every mutation that changes a person's own data calls this (updateProfile, changePassword,
    createApiToken, uploadAsset, importAssetFromUrl, updateAsset). Reading, exporting and
    deleting stay open (erasure is a right), and so do consent changes, log-out and ending
    sessions.
    """
    if await PolicyDecision.exists(user_id=user_id, accepted=False):
        raise UserFacingError(
            "POLICY_REJECTED",
            "You rejected an updated policy, so your account is closing. You can still read "
            "and export your data, but not change it.",
        )
    pending = await pending_decisions(user_id)
    if pending:
        version = pending[0]
        raise UserFacingError(
            "POLICY_DECISION_REQUIRED",
            f"Accept or reject version {version.version} of the {version.title} before changing "
            "your data. Until then you can read and export it.",
        )
