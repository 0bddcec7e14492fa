"""Checks of single PIXVAULT_* values, and the one-line error a bad value ends a process with.

The checks run when the settings are read, so `pixvault serve`, `pixvault worker` and every
other command stop before doing anything when a value is wrong, instead of starting a server
that answers every request with a 500 (a trusted proxy that is not an address, say). Each
check raises ValueError with what is wrong; :func:`settings_error` turns pydantic's report of
it into a :class:`SettingsError` naming the variable and giving an example of a good value.
"""

from __future__ import annotations

import functools
from email.utils import parseaddr
from ipaddress import IPv4Network, IPv6Network, ip_network
from typing import Any
from urllib.parse import SplitResult, urlsplit

from pydantic import ValidationError

#: A good value of each setting, shown with the error about a bad one.
EXAMPLES: dict[str, str] = {
    "env": "production",
    "data_dir": "/var/lib/pixvault",
    "database_url": "postgres://pixvault:password@127.0.0.1:5432/pixvault",
    "redis_url": "redis://127.0.0.1:6379/0",
    "secret_key": "$(python -c 'import secrets; print(secrets.token_urlsafe(48))')",
    "public_url": "https://pix.example.com",
    "storage_url": "s3://my-bucket/pixvault",
    "s3_endpoint_url": "http://127.0.0.1:9000",
    "s3_region": "us-east-1",
    "smtp_url": "smtp://user:password@mail.example.com:587",
    "mail_from": "Pixvault <no-reply@pix.example.com>",
    "stripe_api_base": "https://api.stripe.com",
    "trusted_proxies": "10.0.0.5,192.168.0.0/24",
    "log_level": "INFO",
    "graphql_introspection": "false",
    "persisted_queries": "only",
    "test_loopback_import_ports": "8081,8082",
    "public_rendition_sizes": "64,128,256,512,1024",
    "processors_file": "/etc/pixvault/processors.toml",
    "supervisory_authority_name": "The Hamburg Commissioner for Data Protection",
    "supervisory_authority_url": "https://datenschutz-hamburg.de",
}
#: Settings whose value is never repeated in an error message.
SECRET_FIELDS = frozenset(
    {"secret_key", "s3_secret_access_key", "stripe_api_key", "stripe_webhook_secret"}
)
#: Lists whose error quotes the bad entry itself rather than the whole value.
LIST_FIELDS = frozenset({"trusted_proxies", "test_loopback_import_ports", "public_rendition_sizes"})
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(ValueError):
    """A setting with a bad value: one line naming the variable, the fault and an example."""

    def __init__(self, field: str, problem: str, example: str | None = None) -> None:
        self.variable = f"PIXVAULT_{field.upper()}"
        self.problem = problem
        self.example = example or EXAMPLES.get(field, "...")
        super().__init__(f"{self.variable} {problem}; for example {self.variable}={self.example}")


def _parsed(url: str, schemes: tuple[str, ...], what: str) -> SplitResult:
    parts = urlsplit(url)
    if parts.scheme not in schemes:
        raise ValueError(f"must be {what} ({' or '.join(s + '://' for s in schemes)})")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number in range
    except ValueError:
        raise ValueError("has a port that is not a number from 1 to 65535") from None
    return parts


def _needs_host(parts: SplitResult) -> None:
    if not parts.hostname:
        raise ValueError("lacks a host name")


def check_database_url(url: str) -> str:
    parts = _parsed(url, ("sqlite", "postgres", "postgresql"), "a SQLite or PostgreSQL URL")
    if parts.scheme == "sqlite":
        if not (parts.netloc + parts.path):
            raise ValueError("lacks the database file's path (sqlite:///path/to/file.sqlite3)")
        return url
    if not parts.hostname and "host=" not in parts.query:
        raise ValueError("lacks a host name")
    if not parts.path.strip("/"):
        raise ValueError("lacks the database name after the host (…:5432/pixvault)")
    return url


def check_redis_url(url: str) -> str:
    parts = _parsed(url, ("redis", "rediss", "unix"), "a Redis URL")
    if parts.scheme == "unix":
        if not parts.path:
            raise ValueError("lacks the socket's path (unix:///run/redis.sock)")
        return url
    _needs_host(parts)
    database = parts.path.strip("/")
    if database and not database.isdigit():
        raise ValueError(f"names database {database!r}; Redis databases are numbers (…/0)")
    return url


def check_storage_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("file", "s3"):
        raise ValueError("must be file:// or s3://bucket/prefix")
    if parts.scheme == "s3" and not parts.netloc:
        raise ValueError("lacks the bucket name (s3://bucket/prefix)")
    return url


def check_http_url(url: str) -> str:
    parts = _parsed(url, ("http", "https"), "an http or https URL")
    _needs_host(parts)
    return url


def check_public_url(url: str) -> str:
    parts = urlsplit(check_http_url(url))
    if parts.query or parts.fragment:
        raise ValueError("must not carry a query or a fragment")
    return url


def check_smtp_url(url: str) -> str:
    parts = _parsed(url, ("smtp", "smtps"), "an SMTP URL")
    _needs_host(parts)
    return url


def check_mail_from(value: str) -> str:
    _, address = parseaddr(value)
    if "@" not in address:
        raise ValueError("is not an email address")
    return value


def check_log_level(value: str) -> str:
    level = value.strip().upper()
    if level not in LOG_LEVELS:
        raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
    return level


def proxy_networks(value: str) -> tuple[IPv4Network | IPv6Network, ...]:
    networks = []
    for item in (p.strip() for p in value.split(",")):
        if not item:
            continue
        try:
            networks.append(ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"holds {item!r}, which is not an IP address or network") from None
    return tuple(networks)


def port_list(value: str) -> frozenset[int]:
    ports = set()
    for item in (p.strip() for p in value.split(",")):
        if not item:
            continue
        if not item.isdigit() or not 0 < int(item) < 65536:
            raise ValueError(f"holds {item!r}, which is not a port number")
        ports.add(int(item))
    return frozenset(ports)


@functools.lru_cache(maxsize=8)
def rendition_sizes(value: str) -> frozenset[int]:
    """The sizes a setting names; cached per value, as Settings.public_sizes reads it for every
    URL built."""
    sizes = set()
    for item in (p.strip() for p in value.split(",")):
        if not item:
            continue
        if not item.isdigit() or not 0 < int(item) <= 8000:
            raise ValueError(f"holds {item!r}, which is not a size from 1 to 8000 pixels")
        sizes.add(int(item))
    if not sizes:
        raise ValueError("names no size")
    return frozenset(sizes)


def _shown(field: str, value: Any) -> str:
    """The bad value as it may appear in a log: secrets and URL passwords left out."""
    if field in SECRET_FIELDS or field in LIST_FIELDS:
        return ""
    text = str(value)
    parts = urlsplit(text)
    if parts.password:
        text = text.replace(f":{parts.password}@", ":***@", 1)
    if len(text) > 80:
        text = text[:77] + "..."
    return f" {text!r}"


_PROBLEMS = {
    "int_parsing": "is not a whole number",
    "int_from_float": "is not a whole number",
    "float_parsing": "is not a number",
    "bool_parsing": "must be true or false",
}


def settings_error(error: ValidationError, defaults: dict[str, Any]) -> SettingsError:
    """The first fault pydantic found, as one line (one fault at a time, as operators fix);
    ``defaults`` give the example for settings EXAMPLES lacks."""
    first = error.errors(include_url=False)[0]
    field = str(first["loc"][0]) if first["loc"] else "env"
    kind = first["type"]
    if kind == "value_error":
        problem = str(first["ctx"]["error"])
    elif kind in _PROBLEMS:
        problem = _PROBLEMS[kind]
    else:  # bounds, enums: pydantic's own words ("Input should be greater than 0")
        problem = first["msg"].replace("Input should", "should", 1)
    shown = _shown(field, first.get("input"))
    default = defaults.get(field)
    example = EXAMPLES.get(field) or (None if default is None else str(default))
    return SettingsError(field, f"is wrong:{shown} {problem}" if shown else problem, example)
