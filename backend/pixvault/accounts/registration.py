"""Creating accounts: sign-up from the graph and create-user from the CLI."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.accounts.emails import normalise_email
from pixvault.accounts.hooks import hooks
from pixvault.accounts.models import User
from pixvault.accounts.passwords import PasswordHasher, password_problem
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.roles import Role
from pixvault.core.viewer import ClientInfo


def clean_name(raw: str, field: str, *, required: bool) -> str | None:
    value = " ".join(raw.split()) if raw else ""
    if not value:
        if required:
            raise UserFacingError("REQUIRED", "This field is required.", field)
        return None
    if len(value) > 200:
        raise UserFacingError("TOO_LONG", "Use at most 200 characters.", field)
    return value


async def create_user(
    hasher: PasswordHasher,
    *,
    email: str,
    name: str,
    password: str,
    company_name: str | None = None,
    roles: list[Role] | None = None,
) -> User:
    email = normalise_email(email)
    clean = clean_name(name, "name", required=True)
    assert clean is not None
    company = clean_name(company_name or "", "companyName", required=False)
    problem = password_problem(password, email)
    if problem:
        raise UserFacingError("WEAK_PASSWORD", problem, "password")
    if await User.exists(email=email):
        raise UserFacingError("EMAIL_TAKEN", "An account with this email exists.", "email")
    role_names = sorted({r.value for r in (roles or [])} | {Role.CUSTOMER.value})
    password_hash = await hasher.hash(password)
    try:
        return await User.create(
            email=email,
            name=clean,
            company_name=company,
            password_hash=password_hash,
            roles=role_names,
            created_at=now(),
        )
    except IntegrityError as exc:  # two sign-ups racing for one address
        raise UserFacingError("EMAIL_TAKEN", "An account with this email exists.", "email") from exc


async def sign_up(
    hasher: PasswordHasher,
    client: ClientInfo,
    *,
    email: str,
    name: str,
    password: str,
    company_name: str | None,
    accept_policies: bool,
    marketing_emails: bool,
    visitor_id: str | None = None,
    minimum_age: int,
    minimum_age_confirmed: bool | None,
) -> User:
    if not minimum_age_confirmed:
        # Omitted counts as not confirmed: an age check a client may skip would check nothing.
        raise UserFacingError(
            "UNDER_MINIMUM_AGE",
            f"You must be at least {minimum_age} years old to create an account.",
            "minimumAgeConfirmed",
        )
    if not accept_policies:
        raise UserFacingError(
            "POLICIES_NOT_ACCEPTED",
            "Accept the terms and the privacy policy to create an account.",
            "acceptPolicies",
        )
    user = await create_user(
        hasher, email=email, name=name, password=password, company_name=company_name
    )
    async with in_transaction():
        await hooks().signed_up(
            str(user.id), client, marketing_emails=marketing_emails, visitor_id=visitor_id
        )
        await record_activity(str(user.id), ActivityKind.SIGN_UP, client)
    return user
