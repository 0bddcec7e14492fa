"""Logging in and out, and turning a request's cookie or bearer token into a viewer."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from pixvault.accounts import limits, second_step, two_factor
from pixvault.accounts.activity import ActivityKind, record_activity
from pixvault.accounts.models import ApiToken, Session, User
from pixvault.accounts.roles import Role
from pixvault.accounts.sessions import IssuedSession, SessionService, cookie_name
from pixvault.accounts.tokens import digest
from pixvault.clock import now
from pixvault.graph.errors import UserFacingError
from pixvault.graph.viewer import ClientInfo, Viewer
from pixvault.ratelimit import allow, exceeded
from pixvault.runtime import Runtime

API_TOKEN_PREFIX = "pvt_"
#: How stale ApiToken.last_used_at may get before a request writes it again.
_TOKEN_TOUCH_SECONDS = 60

_RATE_LIMITED = UserFacingError(
    "RATE_LIMITED", "Too many failed attempts. Wait a few minutes and try again."
)


async def log_in(
    runtime: Runtime, client: ClientInfo, *, email: str, password: str, remember_me: bool
) -> tuple[User, IssuedSession]:
    store = runtime.store
    address = email.strip().lower()
    ip_key = client.ip_address or "unknown"
    if await exceeded(store, limits.FAILED_LOG_INS_PER_ACCOUNT, address) or await exceeded(
        store, limits.FAILED_LOG_INS_PER_IP, ip_key
    ):
        raise _RATE_LIMITED
    user = await User.filter(email=address, closed_at=None).first()
    if user is None:
        await runtime.passwords.burn(password)
        ok = False
    else:
        ok = await runtime.passwords.verify(user.password_hash, password)
    if not ok:
        await allow(store, limits.FAILED_LOG_INS_PER_ACCOUNT, address)
        await allow(store, limits.FAILED_LOG_INS_PER_IP, ip_key)
        if user is not None:
            await record_activity(str(user.id), ActivityKind.LOG_IN_FAILED, client)
        raise UserFacingError("INVALID_CREDENTIALS", "The email or password is wrong.")
    assert user is not None
    await second_step.challenge_if_enrolled(runtime, user, remember_me)
    if runtime.passwords.needs_rehash(user.password_hash):
        user.password_hash = await runtime.passwords.hash(password)
    user.last_log_in_at = now()
    await user.save(update_fields=["password_hash", "last_log_in_at"])
    issued = await SessionService(runtime.settings, store).start(user, remember_me, client)
    await record_activity(str(user.id), ActivityKind.LOG_IN, client)
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


async def authenticate(request: Request, runtime: Runtime, client: ClientInfo) -> Authentication:
    """The viewer a request speaks for: an API token wins over a session cookie."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return await _from_api_token(header[7:].strip(), client)
    token = request.cookies.get(cookie_name(runtime.settings))
    if not token:
        return Authentication(Viewer(client=client))
    found = await SessionService(runtime.settings, runtime.store).authenticate(token)
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
    )
    if token is None or token.user.closed_at is not None:
        return Authentication(Viewer(client=client))
    at = now()
    if (
        token.last_used_at is None
        or (at - token.last_used_at).total_seconds() > _TOKEN_TOUCH_SECONDS
    ):
        await ApiToken.filter(id=token.id).update(last_used_at=at)
    roles, held_back = await two_factor.gate_staff_roles(str(token.user.id), _roles(token.user))
    viewer = Viewer(
        user_id=str(token.user.id),
        roles=roles,
        api_token_id=str(token.id),
        client=client,
        needs_two_factor=held_back,
    )
    return Authentication(viewer)
