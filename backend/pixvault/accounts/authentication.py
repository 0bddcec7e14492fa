"""Logging in and out, and turning a request's cookie or bearer token into a viewer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.requests import Request

from pixvault.accounts import limits, second_step, two_factor
from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.accounts.log_ins import record_log_in
from pixvault.accounts.models import ApiToken, Session, User
from pixvault.accounts.scopes import ApiScope
from pixvault.accounts.sessions import IssuedSession, SessionService, cookie_name
from pixvault.accounts.tokens import InvalidBearerTokenError, digest
from pixvault.core.clock import now
from pixvault.core.errors import UserFacingError
from pixvault.core.roles import STAFF_ROLES, Role
from pixvault.core.viewer import ClientInfo, Viewer
from pixvault.observability.metrics import LOGIN_FAILURES

if TYPE_CHECKING:
    from pixvault.runtime import Runtime

#: How stale ApiToken.last_used_at may get before a request writes it again.
_TOKEN_TOUCH_SECONDS = 60

_RATE_LIMITED = UserFacingError(
    "RATE_LIMITED", "Too many failed attempts. Wait a few minutes and try again."
)


async def check_credentials(
    runtime: Runtime, client: ClientInfo, *, email: str, password: str
) -> User:
    """The account an email and password open, throttled per address and per client address.

    A wrong pair says INVALID_CREDENTIALS whether or not the address has an account; only the
    right password learns that an ADMIN disabled the account (ACCOUNT_DISABLED).
    """
    address = email.strip().lower()
    attempt = await limits.reserve_log_in(runtime, address, client.ip_address)
    if attempt is None:
        LOGIN_FAILURES.labels(reason="rate_limited").inc()
        raise _RATE_LIMITED
    user = await User.filter(email=address, closed_at=None).first()
    if user is None:
        await runtime.passwords.burn(password)
        ok = False
    else:
        ok = await runtime.passwords.verify(user.password_hash, password)
    if not ok:
        await attempt.failed(user, client.ip_address)
        if user is not None:
            await record_activity(str(user.id), ActivityKind.LOG_IN_FAILED, client)
        LOGIN_FAILURES.labels(reason="invalid_credentials").inc()
        raise UserFacingError("INVALID_CREDENTIALS", "The email or password is wrong.")
    await attempt.release()
    assert user is not None
    if user.disabled_at is not None:
        raise UserFacingError(
            "ACCOUNT_DISABLED",
            "This account has been disabled by an administrator. Contact support.",
        )
    if runtime.passwords.needs_rehash(user.password_hash):
        user.password_hash = await runtime.passwords.hash(password)
        await user.save(update_fields=["password_hash"])
    return user


async def log_in(
    runtime: Runtime, client: ClientInfo, *, email: str, password: str, remember_me: bool
) -> tuple[User, IssuedSession]:
    user = await check_credentials(runtime, client, email=email, password=password)
    await second_step.challenge_if_enrolled(runtime, user, remember_me)
    issued = await SessionService(runtime.settings, runtime.store).start(user, remember_me, client)
    await record_log_in(runtime, user, client)
    return user, issued


async def verify_password(runtime: Runtime, user_id: str, password: str) -> bool:
    """Re-check a signed-in user's password before an irreversible step."""
    user = await User.get(id=user_id)
    return await runtime.passwords.verify(user.password_hash, password)


@dataclass
class Authentication:
    viewer: Viewer
    session: Session | None = None
    #: The session's cookie token when the expiry slid and the cookie should be set again.
    refresh_token: str | None = None


def client_info(request: Request, client_ip: str | None) -> ClientInfo:
    timezone = request.headers.get("x-timezone", "").strip()[:64] or None
    return ClientInfo(
        ip_address=client_ip,
        user_agent=request.headers.get("user-agent", "")[:1000],
        timezone=timezone,
    )


def _roles(user: User) -> frozenset[Role]:
    return frozenset(Role(r) for r in user.roles if r in Role.__members__)


async def authenticate(
    request: Request, runtime: Runtime, client: ClientInfo, *, slide: bool = True
) -> Authentication:
    """The viewer a request speaks for: an API token wins over a session cookie. With
    ``slide`` False a session's idle expiry is left as it is (the request changes nothing).

    A bearer token that opens nothing raises InvalidBearerTokenError (a 401), never anonymity.
    """
    header = request.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        return await _from_api_token(header[7:].strip(), client)
    token = request.cookies.get(cookie_name(runtime.settings))
    if not token:
        return Authentication(Viewer(client=client))
    found = await SessionService(runtime.settings, runtime.store).authenticate(token, slide)
    if found is None:
        return Authentication(Viewer(client=client))
    session, slid = found
    user = session.user
    roles, held_back = await two_factor.gate_staff_roles(str(user.id), _roles(user))
    viewer = Viewer(
        user_id=str(user.id),
        roles=roles,
        session_id=str(session.id),
        client=client,
        needs_two_factor=held_back,
    )
    return Authentication(viewer, session, token if slid and session.persistent else None)


async def _from_api_token(secret: str, client: ClientInfo) -> Authentication:
    token = (
        await ApiToken.filter(token_hash=digest(secret), revoked_at=None)
        .select_related("user")
        .first()
        if secret
        else None
    )
    at = now()
    if (
        token is None
        or (token.expires_at is not None and token.expires_at <= at)
        or token.user.closed_at is not None
        or token.user.disabled_at is not None
    ):
        raise InvalidBearerTokenError("the token is wrong, expired or revoked")
    if (
        token.last_used_at is None
        or (at - token.last_used_at).total_seconds() > _TOKEN_TOUCH_SECONDS
    ):
        await ApiToken.filter(id=token.id).update(last_used_at=at)
    scopes = frozenset(token.scopes)
    roles, held_back = await two_factor.gate_staff_roles(str(token.user.id), _roles(token.user))
    if ApiScope.STAFF.value not in scopes:
        # Without the STAFF scope a staff member's token is a customer's.
        roles -= STAFF_ROLES
    viewer = Viewer(
        user_id=str(token.user.id),
        roles=roles,
        api_token_id=str(token.id),
        scopes=scopes,
        client=client,
        needs_two_factor=held_back,
    )
    return Authentication(viewer)
