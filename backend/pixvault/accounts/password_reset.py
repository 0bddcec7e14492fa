"""Password recovery: "Forgot your password?" sends a single-use link; following it sets a
new password.

The request answers the same whether or not an account has the address, and throttles (per
client address, per address typed, per account) drop mail silently rather than answer
differently. The link's token is stored as its SHA-256 only and lives one hour. Setting the
new password uses up every outstanding link, ends every session (remember-me ones included),
mails a notice to the account's address, and is recorded in the activity and the audit trail.
It does not sign in: a person with two-factor log-in still needs their code afterwards.
"""

from __future__ import annotations

from datetime import timedelta

from tortoise.transactions import in_transaction

from pixvault.accounts import security_limits
from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.accounts.emails import normalise_email
from pixvault.accounts.models import User
from pixvault.accounts.passwords import password_problem
from pixvault.accounts.security_models import PasswordReset
from pixvault.accounts.sessions import SessionService
from pixvault.accounts.tokens import digest, new_secret
from pixvault.audit.service import AuditEvent, record
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.ratelimit import allow
from pixvault.core.viewer import ClientInfo
from pixvault.mail.templates import TemplateName
from pixvault.runtime import Runtime

LINK_LIFETIME = timedelta(hours=1)
RESET_PATH = "/reset-password"


def _audit_event(user_id: str, action: str, client: ClientInfo) -> AuditEvent:
    return AuditEvent(
        actor_id=user_id,
        actor_roles="",
        action=action,
        subject_id=user_id,
        target=None,
        ip_address=client.ip_address,
    )


async def request_reset(runtime: Runtime, client: ClientInfo, email: str) -> None:
    """Mail a reset link when ``email`` has an account and no throttle is spent; else nothing."""
    address = normalise_email(email)
    store = runtime.store
    if not await allow(store, security_limits.PASSWORD_RESETS_PER_IP, client.ip_address or "-"):
        return
    if not await allow(store, security_limits.PASSWORD_RESETS_PER_EMAIL, address):
        return
    user = await User.get_or_none(email=address, closed_at=None)
    if user is None:
        return
    if not await allow(store, security_limits.PASSWORD_RESETS_PER_ACCOUNT, str(user.id)):
        return
    secret = new_secret()
    at = now()
    async with in_transaction():
        await PasswordReset.create(
            user=user, token_hash=digest(secret), created_at=at, expires_at=at + LINK_LIFETIME
        )
        await record_activity(str(user.id), ActivityKind.PASSWORD_RESET_REQUESTED, client)
    await record([_audit_event(str(user.id), "PASSWORD_RESET_REQUESTED", client)])
    link = f"{runtime.settings.public_url}{RESET_PATH}?token={secret}"
    await runtime.mailer.send_template(
        user.email,
        TemplateName.PASSWORD_RESET,
        {"name": user.name, "link": link},
        user_id=str(user.id),
    )


_INVALID = UserFacingError(
    "INVALID_TOKEN", "This link is invalid, used or expired. Ask for a new one.", "token"
)


async def reset_password(
    runtime: Runtime, client: ClientInfo, token: str, new_password: str
) -> User:
    reset = await PasswordReset.filter(token_hash=digest(token), used_at=None).first()
    if reset is None or reset.expires_at <= now():
        raise _INVALID
    user = await User.get_or_none(id=reset.user_id, closed_at=None)  # type: ignore[attr-defined]
    if user is None:
        raise _INVALID
    problem = password_problem(new_password, user.email)
    if problem:
        raise UserFacingError("WEAK_PASSWORD", problem, "newPassword")
    password_hash = await runtime.passwords.hash(new_password)
    at = now()
    async with in_transaction():
        # Compare-and-set: of two requests racing with one link, one sets the password.
        if not await PasswordReset.filter(id=reset.id, used_at=None).update(used_at=at):
            raise _INVALID
        await PasswordReset.filter(user_id=user.id, used_at=None).update(used_at=at)
        user.password_hash = password_hash
        await user.save(update_fields=["password_hash"])
        await record_activity(str(user.id), ActivityKind.PASSWORD_RESET, client)
    await SessionService(runtime.settings, runtime.store).end_all(str(user.id))
    await record([_audit_event(str(user.id), "PASSWORD_RESET", client)])
    await runtime.mailer.send_template(
        user.email,
        TemplateName.PASSWORD_CHANGED,
        {"name": user.name, "link": f"{runtime.settings.public_url}/privacy/sessions"},
        user_id=str(user.id),
    )
    return user
