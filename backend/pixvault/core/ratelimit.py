"""Fixed-window rate limits on the shared store (Redis when configured, else in-process).

Every window a request consults is noted for the request (``observe``), so the middleware can
tell the client about it whatever route or mutation consulted it: the IETF draft's
``RateLimit-Policy`` and ``RateLimit`` headers (draft-ietf-httpapi-ratelimit-headers), and
``Retry-After`` (with ``extensions.retryAfter`` in GraphQL answers) once one refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from pixvault.core.store import KeyValueStore


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    window_seconds: int


@dataclass(frozen=True)
class Window:
    """One limit as a request found it: attempts used and seconds until the window resets."""

    limit: Limit
    used: int
    reset_seconds: int
    refused: bool

    @property
    def remaining(self) -> int:
        return max(0, self.limit.count - self.used)


#: The windows the current request consulted; None outside a request (jobs, the CLI).
_consulted: ContextVar[list[Window] | None] = ContextVar("rate_limit_windows", default=None)


@contextmanager
def observe() -> Iterator[list[Window]]:
    """Collect the windows consulted while the block runs (one request)."""
    windows: list[Window] = []
    token = _consulted.set(windows)
    try:
        yield windows
    finally:
        _consulted.reset(token)


def _note(window: Window) -> None:
    windows = _consulted.get()
    if windows is not None:
        windows.append(window)


async def allow(store: KeyValueStore, limit: Limit, key: str, *, disclose: bool = True) -> bool:
    """Count one attempt; False once the window has seen more than ``limit.count``.

    ``disclose=False`` keeps the window out of the client's headers: for limits on what
    Pixvault does on its own (an acknowledgement email), not on what the client asked for.
    """
    used, left = await store.hit(f"rl:{limit.name}:{key}", limit.window_seconds)
    allowed = used <= limit.count
    if disclose:
        _note(Window(limit, min(used, limit.count), left or limit.window_seconds, not allowed))
    return allowed


async def reserve(store: KeyValueStore, limit: Limit, key: str, *, disclose: bool = True) -> int:
    """Count one attempt before it is checked and return the window's count (over
    ``limit.count``: refused); the caller may give it back with ``store.decr``. ``disclose`` as
    for ``allow``."""
    used, left = await store.hit(f"rl:{limit.name}:{key}", limit.window_seconds)
    if disclose:
        refused = used > limit.count
        _note(Window(limit, min(used, limit.count), left or limit.window_seconds, refused))
    return used


async def exceeded(store: KeyValueStore, limit: Limit, key: str) -> bool:
    """Whether the window is already spent, without counting an attempt."""
    used, left = await store.peek(f"rl:{limit.name}:{key}")
    spent = used >= limit.count
    _note(Window(limit, min(used, limit.count), left or limit.window_seconds, spent))
    return spent


def retry_after() -> int | None:
    """Seconds the current request's client should wait: the longest of its refused windows."""
    refused = [w.reset_seconds for w in _consulted.get() or [] if w.refused]
    return max(refused) if refused else None


def refuse_for(seconds: int) -> None:
    """Note a refusal that is not a counted window (a monthly quota) for Retry-After."""
    _note(Window(Limit("quota", 0, seconds), 0, seconds, True))


def headers(windows: list[Window]) -> dict[str, str]:
    """RateLimit-Policy, RateLimit and (after a refusal) Retry-After for these windows.

    Structured-field lists as in draft-ietf-httpapi-ratelimit-headers-09, one item per policy:
    ``RateLimit-Policy: "login-ip";q=30;w=900`` and ``RateLimit: "login-ip";r=29;t=900``.
    A policy consulted twice (log-in's check, then its count) is reported as last seen.
    """
    if not windows:
        return {}
    latest = {w.limit.name: w for w in windows}
    policies = [w for w in latest.values() if w.limit.count > 0]
    result: dict[str, str] = {}
    if policies:
        result["RateLimit-Policy"] = ", ".join(
            f'"{w.limit.name}";q={w.limit.count};w={w.limit.window_seconds}' for w in policies
        )
        result["RateLimit"] = ", ".join(
            f'"{w.limit.name}";r={w.remaining};t={w.reset_seconds}' for w in policies
        )
    refused = [w.reset_seconds for w in windows if w.refused]
    if refused:
        result["Retry-After"] = str(max(refused))
    return result
