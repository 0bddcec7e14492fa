"""Readiness: whether every dependency this instance is configured with works right now.

``/readyz`` and ``pixvault check`` run the same checks, at once and each within
CHECK_TIMEOUT_SECONDS: the database answers a query; Redis (when configured) answers a ping;
storage takes a real write, read back and delete of a probe object; the SMTP server (when
configured) greets a new connection. A failing check is logged with its cause for the
operator; the answer names only which dependency failed, never the backend's message.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable

import aiosmtplib
from tortoise import connections

from pixvault.core.settings import Settings
from pixvault.mail.transports import SmtpTransport
from pixvault.runtime import Runtime
from pixvault.storage import Storage

log = logging.getLogger("pixvault.readiness")

CHECK_TIMEOUT_SECONDS = 5.0
#: Probe objects live under this prefix, one per check, deleted right after.
PROBE_PREFIX = "readiness/"


async def database_ready() -> None:
    await connections.get("default").execute_query("SELECT 1")


async def storage_ready(storage: Storage) -> None:
    """Write a probe object, read it back and delete it."""
    key = f"{PROBE_PREFIX}probe-{uuid.uuid4().hex}"
    payload = key.encode()
    await storage.put_bytes(key, payload, "text/plain")
    try:
        found = await storage.open(key)
        if found is None or await found.read() != payload:
            raise RuntimeError("the probe object did not read back as written")
    finally:
        await storage.delete(key)


async def smtp_ready(settings: Settings) -> None:
    """Connect and take the server's greeting (TLS first for smtps); no log-in, no mail."""
    assert settings.smtp_url
    target = SmtpTransport(settings.smtp_url)
    client = aiosmtplib.SMTP(
        hostname=target.hostname,
        port=target.port,
        use_tls=target.use_tls,
        start_tls=False,
        timeout=CHECK_TIMEOUT_SECONDS,
    )
    await client.connect()
    try:
        await client.quit()
    except aiosmtplib.SMTPException:
        client.close()


async def _passes(name: str, check: Callable[[], Awaitable[None]]) -> bool:
    try:
        await asyncio.wait_for(check(), CHECK_TIMEOUT_SECONDS)
    except Exception as error:  # any failure means not ready; the cause is for the log
        log.warning("readiness: %s failed: %s: %s", name, type(error).__name__, error)
        return False
    return True


async def readiness(runtime: Runtime) -> dict[str, bool]:
    """Each configured dependency's name and whether it works."""
    settings = runtime.settings
    checks: dict[str, Callable[[], Awaitable[None]]] = {
        "database": database_ready,
        "storage": lambda: storage_ready(runtime.storage),
    }
    if settings.redis_url:

        async def redis_ready() -> None:
            if not await runtime.store.ping():
                raise ConnectionError("no answer to PING")

        checks["redis"] = redis_ready
    if settings.smtp_url:
        checks["smtp"] = lambda: smtp_ready(settings)
    results = await asyncio.gather(*(_passes(name, check) for name, check in checks.items()))
    return dict(zip(checks, results, strict=True))


def report(checks: dict[str, bool]) -> dict[str, object]:
    """The body /readyz answers and `pixvault check` prints."""
    failed = [name for name, ok in checks.items() if not ok]
    return {"status": "unavailable" if failed else "ready", "checks": checks, "failed": failed}
