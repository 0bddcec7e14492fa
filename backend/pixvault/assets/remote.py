"""Fetching an image from a public http(s) URL into a spool, within size and time limits."""

from __future__ import annotations

import ssl
from urllib.parse import unquote, urljoin, urlsplit

import anyio
import httpcore

from pixvault.assets.netguard import ForbiddenAddressError, GuardedBackend
from pixvault.assets.spool import Spool
from pixvault.core.errors import UserFacingError
from pixvault.core.ratelimit import Limit, allow
from pixvault.core.settings import Settings
from pixvault.runtime import Runtime

MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_HEADERS = [(b"User-Agent", b"Pixvault-Import/1.0"), (b"Accept", b"image/*")]


def _failed(message: str) -> UserFacingError:
    return UserFacingError("IMPORT_FAILED", message, "url")


DEFAULT_PORTS = {"http": 80, "https": 443}


def check_url(url: str, settings: Settings) -> str:
    """An http(s) URL without credentials, on a port imports may use (PIXVAULT_IMPORT_PORTS),
    checked before any name is resolved; the connection itself is checked again (netguard)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserFacingError("INVALID_URL", "Give an http:// or https:// URL.", "url")
    if parts.username or parts.password:
        raise UserFacingError(
            "INVALID_URL", "URLs with a user name or password are refused.", "url"
        )
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as error:
        raise UserFacingError("INVALID_URL", "The URL's port is not a number.", "url") from error
    if port not in settings.import_port_set and port not in settings.loopback_import_ports:
        ports = ", ".join(str(p) for p in sorted(settings.import_port_set))
        raise UserFacingError("FORBIDDEN_PORT", f"Imports may only use the ports {ports}.", "url")
    return parts.geturl()


async def count_import(runtime: Runtime, owner_id: str) -> None:
    """Count one import against the account's hourly allowance (PIXVAULT_IMPORTS_PER_HOUR):
    each import makes the server fetch a URL the account chose."""
    limit = Limit("import-user", runtime.settings.imports_per_hour, 60 * 60)
    if not await allow(runtime.store, limit, owner_id):
        raise UserFacingError("RATE_LIMITED", "Too many imports. Try again in an hour.", "url")


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    return next((value for key, value in headers if key.lower() == name), None)


def filename_of(url: str) -> str:
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1])


async def _download(pool: httpcore.AsyncConnectionPool, url: str, spool: Spool) -> str | None:
    """Stream one response into the spool; returns the next URL for a redirect, else None."""
    timeouts = {"connect": 10.0, "read": 15.0, "write": 10.0, "pool": 10.0}
    async with pool.stream("GET", url, headers=_HEADERS, extensions={"timeout": timeouts}) as r:
        if r.status in _REDIRECTS:
            location = _header(r.headers, b"location")
            if not location:
                raise _failed(f"The server answered {r.status} without a Location.")
            return urljoin(url, location.decode("latin-1"))
        if r.status != 200:
            raise _failed(f"The server answered HTTP {r.status}.")
        length = _header(r.headers, b"content-length")
        if length is not None and length.isdigit() and int(length) > spool.limit:
            raise spool.too_large()
        async for chunk in r.aiter_stream():
            await anyio.to_thread.run_sync(spool.write, chunk)
    spool.finish()
    return None


async def fetch_into(url: str, spool: Spool, settings: Settings) -> str:
    """Download ``url`` (following redirects) into ``spool``; returns the final URL."""
    current = check_url(url, settings)
    backend = GuardedBackend(settings.loopback_import_ports, settings.import_port_set)
    try:
        with anyio.fail_after(settings.import_timeout_seconds):
            async with httpcore.AsyncConnectionPool(
                ssl_context=ssl.create_default_context(), network_backend=backend
            ) as pool:
                for _ in range(MAX_REDIRECTS + 1):
                    following = await _download(pool, current, spool)
                    if following is None:
                        return current
                    current = check_url(following, settings)
    except ForbiddenAddressError as error:
        raise UserFacingError(
            "FORBIDDEN_ADDRESS",
            "Imports may only reach public Internet addresses.",
            "url",
        ) from error
    except TimeoutError as error:
        raise UserFacingError(
            "IMPORT_TIMEOUT",
            f"The download took longer than {settings.import_timeout_seconds:g} seconds.",
            "url",
        ) from error
    except (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError) as error:
        raise _failed("The image could not be downloaded.") from error
    except httpcore.UnsupportedProtocol as error:
        raise UserFacingError("INVALID_URL", "Give an http:// or https:// URL.", "url") from error
    raise _failed(f"More than {MAX_REDIRECTS} redirects.")
