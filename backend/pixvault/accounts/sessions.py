"""Browser sessions: opaque tokens in a cookie, stored hashed in Redis or the database.

Metadata (created, last seen, ended, IP, browser, OS) always lives in the database so that
people can see their sessions and how long they lasted. The token's digest lives in Redis when
it is configured (the database row then holds none) and in the database otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from starlette.responses import Response

from pixvault.accounts.client_details import parse_user_agent
from pixvault.accounts.models import Session, User
from pixvault.accounts.tokens import digest, new_secret
from pixvault.core.clock import now
from pixvault.core.cookies import clear_cookie, session_cookie_name, set_cookie
from pixvault.core.settings import Settings
from pixvault.core.store import KeyValueStore, RedisStore
from pixvault.core.viewer import ClientInfo

#: How stale last_seen_at may get before a request writes it again.
TOUCH_INTERVAL = timedelta(seconds=60)
_KEY = "session:"


def cookie_name(settings: Settings) -> str:
    return session_cookie_name(settings)


@dataclass(frozen=True)
class IssuedSession:
    session: Session
    token: str


class SessionService:
    def __init__(self, settings: Settings, store: KeyValueStore) -> None:
        self.settings = settings
        self.store = store
        self.in_redis = isinstance(store, RedisStore)

    def lifetime(self, persistent: bool) -> timedelta:
        if persistent:
            return timedelta(days=self.settings.remember_me_days)
        return timedelta(minutes=self.settings.session_idle_minutes)

    def expiry(self, persistent: bool, created_at: datetime, at: datetime) -> datetime:
        """When a session seen at ``at`` expires: its lifetime from then, but a remember-me
        session never beyond its absolute lifetime from the log-in, however often it is used
        (a stolen remember-me cookie must not stay good forever)."""
        expires = at + self.lifetime(persistent)
        if persistent:
            expires = min(expires, created_at + timedelta(days=self.settings.remember_me_max_days))
        return expires

    async def start(self, user: User, persistent: bool, client: ClientInfo) -> IssuedSession:
        token = new_secret()
        token_hash = digest(token)
        at = now()
        expires = self.expiry(persistent, at, at)
        details = parse_user_agent(client.user_agent)
        session = await Session.create(
            user=user,
            token_hash=None if self.in_redis else token_hash,
            persistent=persistent,
            created_at=at,
            last_seen_at=at,
            expires_at=expires,
            ip_address=client.ip_address,
            browser=details.browser,
            os=details.os,
        )
        if self.in_redis:
            await self.store.set(_KEY + token_hash, str(session.id), self._ttl(expires))
        return IssuedSession(session=session, token=token)

    @staticmethod
    def _ttl(expires: datetime) -> int:
        return max(1, int((expires - now()).total_seconds()))

    async def authenticate(self, token: str, slide: bool = True) -> tuple[Session, bool] | None:
        """The live session for a cookie token, and whether its expiry slid forward (never
        when ``slide`` is False)."""
        token_hash = digest(token)
        if self.in_redis:
            session_id = await self.store.get(_KEY + token_hash)
            if session_id is None:
                return None
            query = Session.filter(id=session_id)
        else:
            query = Session.filter(token_hash=token_hash)
        session = await query.select_related("user").first()
        at = now()
        if session is None or session.ended_at is not None or session.expires_at <= at:
            return None
        if session.user.closed_at is not None or session.user.disabled_at is not None:
            return None
        if not slide or at - session.last_seen_at < TOUCH_INTERVAL:
            return session, False
        session.last_seen_at = at
        session.expires_at = self.expiry(session.persistent, session.created_at, at)
        await Session.filter(id=session.id).update(
            last_seen_at=session.last_seen_at, expires_at=session.expires_at
        )
        if self.in_redis:
            await self.store.set(_KEY + token_hash, str(session.id), self._ttl(session.expires_at))
        return session, True

    async def end(self, session: Session, token: str | None = None) -> None:
        at = now()
        await Session.filter(id=session.id, ended_at=None).update(ended_at=at, token_hash=None)
        if self.in_redis and token is not None:
            await self.store.delete(_KEY + digest(token))

    async def end_all(self, user_id: str, *, keep: str | None = None) -> int:
        """End every live session of a user except ``keep``; returns how many ended."""
        query = Session.filter(user_id=user_id, ended_at=None)
        if keep is not None:
            query = query.exclude(id=keep)
        ended = await query.update(ended_at=now(), token_hash=None)
        # In Redis the token digests cannot be found from the rows; authenticate() refuses
        # any session whose row has ended, so the leftover keys only wait for their TTL.
        return ended


def set_session_cookie(
    response: Response, settings: Settings, token: str, persistent: bool
) -> None:
    """A remember-me cookie lives as the register declares, else it is a browser-session one."""
    set_cookie(response, settings, cookie_name(settings), token, remembered=persistent)


def clear_session_cookie(response: Response, settings: Settings) -> None:
    clear_cookie(response, settings, cookie_name(settings))
