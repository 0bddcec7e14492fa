"""Staff account care: an ADMIN disabling and re-enabling an account, and an operator setting
a password from the command line (`pixvault set-password`).

While an account is disabled nothing opens it. Disabling ends every session and revokes every
API token at once (re-enabling brings neither back: the person logs in again and makes new
tokens); logIn then answers ACCOUNT_DISABLED to the right password. Every change is audited.
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from pixvault.accounts.emails import normalise_email
from pixvault.accounts.models import ApiToken, User
from pixvault.accounts.passwords import PasswordHasher, password_problem
from pixvault.accounts.sessions import SessionService
from pixvault.audit.service import AuditEvent, record
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.settings import Settings
from pixvault.core.store import KeyValueStore
from pixvault.core.viewer import Viewer
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


async def set_password(
    settings: Settings, store: KeyValueStore, hasher: PasswordHasher, email: str, password: str
) -> int:
    """Set a password as an operator (no old password asked) and end every session of the
    account; returns how many ended. Audited with no actor: the operator is the machine's."""
    user = await User.get_or_none(email=normalise_email(email), closed_at=None)
    if user is None:
        raise UserFacingError("NOT_FOUND", "No account has this email address.", "email")
    problem = password_problem(password, user.email)
    if problem:
        raise UserFacingError("WEAK_PASSWORD", problem, "password")
    user.password_hash = await hasher.hash(password)
    await user.save(update_fields=["password_hash"])
    ended = await SessionService(settings, store).end_all(str(user.id))
    await record(
        [
            AuditEvent(
                actor_id=None,
                actor_roles="CLI",
                action="SET_PASSWORD",
                subject_id=str(user.id),
                target=None,
                ip_address=None,
            )
        ]
    )
    return ended
