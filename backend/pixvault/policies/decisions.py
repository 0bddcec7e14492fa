"""Explicit decisions on a policy version: accepting one, and rejecting one that materially
reduces protection.

Rejecting closes the account. This module re-checks the password, records the decision and ends
every session; the mutation (mutations/decide.py) then closes the account through the data
subject request service (privacy.requests.close_after_policy_rejection): the ACCESS export is
made at once and the ERASURE follows once the export's download window has passed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from pixvault.accounts.authentication import verify_password
from pixvault.accounts.sessions import SessionService
from pixvault.core.errors import UserFacingError
from pixvault.core.ids import parse_uuid
from pixvault.core.installed import Installed
from pixvault.core.ratelimit import Limit, allow
from pixvault.core.viewer import Viewer
from pixvault.policies.models import PolicyDecision, PolicyVersion
from pixvault.policies.services import EXPLICIT, decide

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

REJECTIONS_PER_USER = Limit("policy-reject", 5, 15 * 60)
#: Closes the account of someone who rejected a policy: the data export now, the erasure once
#: its download window has passed (privacy/requests.py ``close_after_policy_rejection``).
#: Privacy sits above policies (assets, which its exports read, check the policy gate), so the
#: runtime installs it.
account_closing: Installed[Callable[[Runtime, str], Awaitable[object]]] = Installed(
    "The account closing after a rejected policy"
)


async def find_version(version_id: str) -> PolicyVersion:
    key = parse_uuid(version_id)
    version = await PolicyVersion.get_or_none(id=key) if key else None
    if version is None:
        raise UserFacingError("NOT_FOUND", "No such policy version.", "id")
    return version


async def accept(viewer: Viewer, version: PolicyVersion) -> PolicyDecision:
    assert viewer.user_id is not None
    decision = await decide(
        viewer.user_id, version, accepted=True, method=EXPLICIT, client=viewer.client
    )
    if not decision.accepted:
        raise UserFacingError("ALREADY_REJECTED", "You have rejected this version.", "id")
    return decision


async def reject(
    runtime: Runtime, viewer: Viewer, version: PolicyVersion, password: str
) -> PolicyDecision:
    user_id = viewer.user_id
    assert user_id is not None
    if not version.materially_reduces_protection:
        raise UserFacingError(
            "NOT_REJECTABLE",
            "Only a version that materially reduces protection can be rejected. Continuing to "
            "use Pixvault accepts any other, and you can close your account at any time.",
            "id",
        )
    if not await allow(runtime.store, REJECTIONS_PER_USER, user_id):
        raise UserFacingError("RATE_LIMITED", "Too many attempts. Wait a few minutes.")
    if not await verify_password(runtime, user_id, password):
        raise UserFacingError("INVALID_PASSWORD", "The password is wrong.", "password")
    decision = await decide(user_id, version, accepted=False, method=EXPLICIT, client=viewer.client)
    if decision.accepted:
        raise UserFacingError("ALREADY_ACCEPTED", "You have accepted this version.", "id")
    await SessionService(runtime.settings, runtime.store).end_all(user_id)
    return decision
