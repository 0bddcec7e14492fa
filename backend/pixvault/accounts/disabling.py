"""ADMIN disabling and re-enabling an account: while disabled nothing opens it.

Disabling ends every session and revokes every API token at once (re-enabling brings neither
back: the person logs in again and makes new tokens); logIn then answers ACCOUNT_DISABLED to
the right password. Both are written to the audit trail.
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from pixvault.accounts.models import ApiToken, User
from pixvault.accounts.sessions import SessionService
from pixvault.audit.service import AuditEvent, record
from pixvault.clock import now
from pixvault.graph.errors import UserFacingError
from pixvault.graph.viewer import Viewer
from pixvault.runtime import Runtime


async def set_disabled(runtime: Runtime, viewer: Viewer, user_id: str, disabled: bool) -> User:
    user = await User.get_or_none(id=user_id, closed_at=None)
    if user is None:
        raise UserFacingError("NOT_FOUND", "No such user.", "id")
    if disabled and str(user.id) == viewer.user_id:
        raise UserFacingError("CANNOT_DISABLE_SELF", "You cannot disable your own account.", "id")
    if (user.disabled_at is not None) == disabled:
        return user  # already so: nothing to end, nothing to audit
    at = now()
    async with in_transaction():
        user.disabled_at = at if disabled else None
        await user.save(update_fields=["disabled_at"])
        if disabled:
            await ApiToken.filter(user_id=user.id, revoked_at=None).update(revoked_at=at)
            await SessionService(runtime.settings, runtime.store).end_all(str(user.id))
    await record(
        [
            AuditEvent(
                actor_id=viewer.user_id,
                actor_roles=",".join(sorted(viewer.roles)),
                action="DISABLE_ACCOUNT" if disabled else "ENABLE_ACCOUNT",
                subject_id=str(user.id),
                target=None,
                ip_address=viewer.client.ip_address,
            )
        ]
    )
    return user
