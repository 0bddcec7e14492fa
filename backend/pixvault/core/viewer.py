"""Who is asking: built once per request from the session cookie or the API token."""

from __future__ import annotations

from dataclasses import dataclass, field

from pixvault.core.roles import STAFF_ROLES, Role


@dataclass(frozen=True)
class ClientInfo:
    """What the request says about the client, for activity records and sessions."""

    ip_address: str | None = None
    user_agent: str = ""
    timezone: str | None = None


@dataclass
class Viewer:
    user_id: str | None = None
    roles: frozenset[Role] = frozenset()
    session_id: str | None = None
    api_token_id: str | None = None
    #: The API token's scopes (accounts.scopes.ApiScope values); None for a cookie session.
    scopes: frozenset[str] | None = None
    client: ClientInfo = field(default_factory=ClientInfo)
    #: The person holds staff roles that are left out of ``roles`` until they turn on
    #: two-factor log-in; staff fields then answer TWO_FACTOR_REQUIRED.
    needs_two_factor: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_staff(self) -> bool:
        return bool(self.roles & STAFF_ROLES)

    def may(self, scope: str) -> bool:
        """Whether the caller's credentials allow ``scope`` (always, without an API token)."""
        return self.scopes is None or scope in self.scopes

    def has_any(self, roles: frozenset[Role]) -> bool:
        return bool(self.roles & roles)

    def is_self(self, subject_id: str | None) -> bool:
        return self.user_id is not None and subject_id is not None and self.user_id == subject_id


ANONYMOUS = Viewer()
