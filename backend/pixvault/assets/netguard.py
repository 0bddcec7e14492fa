"""Which network addresses an import may reach, enforced where connections are made.

Every connection an import makes (the first and one per redirect) goes through
GuardedBackend: the host name is resolved here, every address it resolves to must be public,
the connection is made to one of those addresses, and the peer address of the socket actually
connected is checked again. Checking the URL alone would miss names that resolve to internal
addresses and redirects to them.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterable
from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network

import httpcore

_NAT64 = ip_network("64:ff9b::/96")


class ForbiddenAddressError(Exception):
    """The destination is not a public Internet address."""


def _embedded_ipv4(ip: IPv6Address) -> IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo client, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(ip: IPv4Address | IPv6Address) -> bool:
    """Not loopback, private, link-local (cloud metadata included), multicast or reserved."""
    if isinstance(ip, IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return is_public(inner)
    return ip.is_global and not (
        ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_unspecified
    )


def allowed(
    address: str,
    port: int,
    loopback_ports: frozenset[int],
    ports: frozenset[int] | None = None,
) -> bool:
    """Whether an import may connect to ``address``:``port``: a public address on one of
    ``ports`` (PIXVAULT_IMPORT_PORTS; None: any port)."""
    ip = ip_address(address.split("%", 1)[0])
    if ip.is_loopback and port in loopback_ports:
        return True  # PIXVAULT_TEST_LOOPBACK_IMPORT_PORTS, never set in production
    return is_public(ip) and (ports is None or port in ports)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    def __init__(
        self,
        loopback_ports: frozenset[int] = frozenset(),
        ports: frozenset[int] | None = None,
    ) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._loopback_ports = loopback_ports
        self._ports = ports

    def _allowed(self, address: str, port: int) -> bool:
        return allowed(address, port, self._loopback_ports, self._ports)

    async def _resolve(self, host: str, port: int) -> list[str]:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, port, type=socket.SOCK_STREAM
            )
        except socket.gaierror as error:
            raise httpcore.ConnectError(f"cannot resolve {host}") from error
        return list(dict.fromkeys(str(info[4][0]) for info in infos))

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._resolve(host, port)
        if not addresses or not all(self._allowed(a, port) for a in addresses):
            raise ForbiddenAddressError(host)
        error: Exception | None = None
        for address in addresses:
            try:
                stream = await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as failure:
                error = failure
                continue
            peer = stream.get_extra_info("server_addr")
            if not peer or not self._allowed(str(peer[0]), int(peer[1])):
                await stream.aclose()
                raise ForbiddenAddressError(host)
            return stream
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise ForbiddenAddressError(path)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
