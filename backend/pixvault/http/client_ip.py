"""The client's address, believing X-Forwarded-For only from configured proxies.

Rate limits key on this address, so a client must not be able to pick its own.
"""

from __future__ import annotations

from starlette.types import Scope

from pixvault.settings import Settings


def client_ip(scope: Scope, settings: Settings) -> str | None:
    peer = scope.get("client")
    address: str | None = str(peer[0]) if peer else None
    trusted = settings.trusted_proxy_set
    if address is None or address not in trusted:
        return address
    for name, value in scope.get("headers", []):
        if name == b"x-forwarded-for":
            hops = [h.strip() for h in value.decode("latin-1").split(",") if h.strip()]
            # Walk from the nearest hop back; the first address no trusted proxy vouches for
            # is the client.
            untrusted = [hop for hop in reversed(hops) if hop not in trusted]
            return str(untrusted[0]) if untrusted else (hops[0] if hops else address)
    return address
