"""What a request tells about its client: browser, OS, platform (ua-parser) and country
(geoip2fast's offline database; no network look-ups)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from geoip2fast import GeoIP2Fast
from ua_parser import parse


@dataclass(frozen=True)
class ClientDetails:
    browser: str | None
    browser_version: str | None
    os: str | None
    platform: str | None


@lru_cache(maxsize=1024)
def parse_user_agent(user_agent: str) -> ClientDetails:
    if not user_agent:
        return ClientDetails(None, None, None, None)
    result = parse(user_agent[:1000])
    ua, os_, device = result.user_agent, result.os, result.device
    version = ".".join(p for p in (ua.major, ua.minor) if p) if ua else None
    os_name = None
    if os_:
        os_name = " ".join(p for p in (os_.family, os_.major) if p)
    if device and device.family not in ("Other", "Spider"):
        platform = (
            "mobile" if device.family in ("iPhone", "iPad") or "Mobile" in user_agent else None
        )
    else:
        platform = None
    if platform is None and os_:
        platform = "mobile" if os_.family in ("Android", "iOS") else "desktop"
    return ClientDetails(
        browser=ua.family if ua else None,
        browser_version=version or None,
        os=os_name or None,
        platform=platform,
    )


@cache
def _geoip() -> GeoIP2Fast:
    return GeoIP2Fast(verbose=False)


def country_of(ip_address: str | None) -> str | None:
    if not ip_address:
        return None
    code = _geoip().lookup(ip_address).country_code
    return code if code and len(code) == 2 and code.isalpha() else None


def country_name_of(ip_address: str | None) -> str | None:
    """The country of an address in words (English), for messages to people."""
    if country_of(ip_address) is None:
        return None
    name = _geoip().lookup(ip_address or "").country_name
    return str(name) if name else None
