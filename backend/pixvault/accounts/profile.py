"""Self-service changes to an account: profile, email (by confirmation), password, roles."""

from __future__ import annotations

from datetime import timedelta

from tortoise.transactions import in_transaction

from pixvault.accounts import limits
from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.accounts.emails import normalise_email
from pixvault.accounts.models import EmailChange, User
from pixvault.accounts.passwords import password_problem
from pixvault.accounts.registration import clean_name
from pixvault.accounts.sessions import SessionService
from pixvault.accounts.tokens import digest, new_secret
from pixvault.audit.service import AuditEvent, record
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.ratelimit import allow
from pixvault.core.roles import Role
from pixvault.core.viewer import Viewer
from pixvault.mail.templates import TemplateName
from pixvault.runtime import Runtime

EMAIL_CHANGE_LIFETIME = timedelta(hours=24)


async def update_profile(
    runtime: Runtime,
    viewer: Viewer,
    *,
    name: str | None,
    email: str | None,
    company_name: str | None,
) -> tuple[User, bool]:
    """Apply name and company at once; a new email waits for its confirmation link.

    Returns the user and whether an email change was asked for. The answer is the same whether
    or not the new address belongs to another account (which would reveal who has one): a free
    address gets the confirmation link, a taken one gets a notice to its owner instead, and
    neither mail carries text the requester chose, since the address is not yet proven theirs.
    """
    user = await User.get(id=viewer.user_id)
    changed: list[str] = []
    if name is not None:
        clean = clean_name(name, "name", required=True)
        assert clean is not None
        user.name = clean
        changed.append("name")
    if company_name is not None:
        user.company_name = clean_name(company_name, "companyName", required=False)
        changed.append("company_name")
    new_email = normalise_email(email) if email is not None else None
    if new_email == user.email:
        new_email = None
    if new_email and not await allow(
        runtime.store, limits.EMAIL_CHANGES_PER_USER, str(viewer.user_id)
    ):
        raise UserFacingError(
            "RATE_LIMITED", "Too many email changes. Try again in an hour.", "email"
        )
    taken = bool(new_email) and await User.exists(email=new_email)
    secret: str | None = None
    async with in_transaction():
        if changed:
            await user.save(update_fields=changed)
        if new_email and not taken:
            secret = await pending_email_change(user, new_email)
        if changed or new_email:
            await record_activity(
                str(user.id),
                ActivityKind.PROFILE_UPDATE,
                viewer.client,
                ",".join([*changed, *(["email (pending)"] if new_email else [])]),
            )
    if new_email and taken:
        await tell_owner_of_taken_address(runtime, new_email)
    elif new_email and secret:
        await send_email_confirmation(runtime, user, new_email, secret)
    return user, bool(new_email)


async def pending_email_change(user: User, new_email: str) -> str:
    """Record ``new_email`` as awaiting confirmation; returns the secret for its link. The
    address becomes the account's only when the link is followed (confirm_email_change)."""
    secret = new_secret()
    await EmailChange.create(
        user=user,
        new_email=new_email,
        token_hash=digest(secret),
        created_at=now(),
        expires_at=now() + EMAIL_CHANGE_LIFETIME,
    )
    return secret


async def send_email_confirmation(
    runtime: Runtime, user: User, new_email: str, secret: str
) -> None:
    link = f"{runtime.settings.public_url}/account/confirm-email?token={secret}"
    await runtime.mailer.send_template(
        new_email, TemplateName.EMAIL_CONFIRMATION, {"link": link}, user_id=str(user.id)
    )


async def tell_owner_of_taken_address(runtime: Runtime, address: str) -> None:
    """Tell the owner of ``address`` that another account asked for it (a few times a day at
    most, so the notice cannot be used to flood them)."""
    if await allow(runtime.store, limits.EMAIL_TAKEN_NOTICES_PER_ADDRESS, address):
        owner = await User.get(email=address)
        await runtime.mailer.send_template(
            address,
            TemplateName.EMAIL_TAKEN_NOTICE,
            {"link": f"{runtime.settings.public_url}/privacy/profile"},
            user_id=str(owner.id),
        )


async def confirm_email_change(token: str) -> User:
    change = (
        await EmailChange.filter(token_hash=digest(token), confirmed_at=None)
        .select_related("user")
        .first()
    )
    if change is None or change.expires_at <= now():
        raise UserFacingError("INVALID_TOKEN", "This link is invalid or has expired.", "token")
    if await User.filter(email=change.new_email).exclude(id=change.user.id).exists():
        raise UserFacingError("EMAIL_TAKEN", "An account with this email exists.", "email")
    async with in_transaction():
        user = change.user
        user.email = change.new_email
        await user.save(update_fields=["email"])
        change.confirmed_at = now()
        await change.save(update_fields=["confirmed_at"])
        await EmailChange.filter(user=user, confirmed_at=None).delete()
    return user


async def change_password(
    runtime: Runtime, viewer: Viewer, current_password: str, new_password: str
) -> None:
    if not await allow(runtime.store, limits.PASSWORD_CHANGES_PER_USER, str(viewer.user_id)):
        raise UserFacingError("RATE_LIMITED", "Too many attempts. Wait a few minutes.")
    user = await User.get(id=viewer.user_id)
    if not await runtime.passwords.verify(user.password_hash, current_password):
        raise UserFacingError(
            "INVALID_PASSWORD", "The current password is wrong.", "currentPassword"
        )
    problem = password_problem(new_password, user.email)
    if problem:
        raise UserFacingError("WEAK_PASSWORD", problem, "newPassword")
    user.password_hash = await runtime.passwords.hash(new_password)
    await user.save(update_fields=["password_hash"])
    await SessionService(runtime.settings, runtime.store).end_all(
        str(user.id), keep=viewer.session_id
    )


async def set_user_roles(viewer: Viewer, user_id: str, roles: list[Role]) -> User:
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise UserFacingError("NOT_FOUND", "No such user.", "userId")
    names = sorted({r.value for r in roles} | {Role.CUSTOMER.value})
    if str(user.id) == viewer.user_id and Role.ADMIN.value not in names:
        raise UserFacingError("LAST_ADMIN", "You cannot remove your own ADMIN role.", "roles")
    before = ",".join(user.roles)
    user.roles = names
    await user.save(update_fields=["roles"])
    await record(
        [
            AuditEvent(
                actor_id=viewer.user_id,
                actor_roles=",".join(sorted(viewer.roles)),
                action="SET_ROLES",
                subject_id=str(user.id),
                target=f"{before} -> {','.join(names)}"[:200],
                ip_address=viewer.client.ip_address,
            )
        ]
    )
    return user
