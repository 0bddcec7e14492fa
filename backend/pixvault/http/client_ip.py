"""The client's address, believing X-Forwarded-For only from configured proxies.

Rate limits key on this address, so a client must not be able to pick its own.
"""

from __future__ import annotations

from ipaddress import ip_address

from starlette.types import Scope

from pixvault.settings import Settings


def _trusted(address: str, settings: Settings) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in settings.trusted_proxy_networks)


def client_ip(scope: Scope, settings: Settings) -> str | None:
    peer = scope.get("client")
    address: str | None = str(peer[0]) if peer else None
    if address is None or not settings.trusted_proxy_networks or not _trusted(address, settings):
        return address
    for name, value in scope.get("headers", []):
        if name == b"x-forwarded-for":
            hops = [h.strip() for h in value.decode("latin-1").split(",") if h.strip()]
            # Walk from the nearest hop back: the first address no trusted proxy vouches for
            # is the client.
            for hop in reversed(hops):
                if not _trusted(hop, settings):
                    return str(hop)
            return str(hops[0]) if hops else address
    return address
