"""The client's address, believing X-Forwarded-For only from configured proxies.

Rate limits key on this address, so a client must not be able to pick its own.
"""

from __future__ import annotations

from ipaddress import ip_address

from starlette.types import Scope

from pixvault.core.settings import Settings


def _trusted(address: str, settings: Settings) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in settings.trusted_proxy_networks)


def forwarded_hops(scope: Scope) -> list[str]:
    """Every X-Forwarded-For hop, across every header line in order (several lines mean the
    same as one comma-joined line), client first, nearest proxy last."""
    hops: list[str] = []
    for name, value in scope.get("headers", []):
        if name == b"x-forwarded-for":
            hops += [h.strip() for h in value.decode("latin-1").split(",") if h.strip()]
    return hops


def client_ip(scope: Scope, settings: Settings) -> str | None:
    peer = scope.get("client")
    address: str | None = str(peer[0]) if peer else None
    if address is None or not settings.trusted_proxy_networks or not _trusted(address, settings):
        return address
    # Walk from the nearest hop outward: the first address no trusted proxy vouches for is the
    # client. Whatever lies beyond it was written by the client and is ignored.
    nearest = address
    for hop in reversed(forwarded_hops(scope)):
        if _trusted(hop, settings):
            nearest = hop
            continue
        try:
            return str(ip_address(hop))
        except ValueError:
            return nearest  # not an address: the last one a trusted proxy saw
    return nearest
