"""The cache purge hook: each recall of a public image is POSTed to PIXVAULT_CACHE_PURGE_URL,
retried with backoff until the endpoint acknowledges it with a 2xx.

The request (README, "Caches and recalls"): ``Content-Type: application/json``, a
``Surrogate-Key`` header with the asset's cache tag (what Fastly's purge API and a Varnish
ban read), the optional PIXVAULT_CACHE_PURGE_HEADER, and the body
``{"prefixes": ["https://host/i/<id>"], "tags": ["pixvault-asset-<id>"]}``: every URL starting
with a prefix, every response tagged with a tag, is to be dropped.

With Redis it runs in `pixvault worker` (woken by each recall, and swept every few seconds for
retries); without, in the app process.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import httpx

from pixvault.assets.models import CachePurge
from pixvault.assets.recall import PURGE_JOB
from pixvault.assets.signing import cache_tag
from pixvault.core.clock import now
from pixvault.core.settings import Settings
from pixvault.jobs.queue import handler
from pixvault.runtime import Runtime

log = logging.getLogger("pixvault.assets")
BATCH = 50
FIRST_RETRY = timedelta(seconds=1)
MAX_RETRY = timedelta(minutes=5)
#: The longest the running sender sleeps before looking for due purges again.
MAX_NAP_SECONDS = 5.0
TIMEOUT_SECONDS = 10.0
#: How often the worker looks for purges due again (a sender woken by a recall may have
#: ended just before that recall's row was written).
SWEEP_SECONDS = 5


def retry_delay(attempts: int) -> timedelta:
    """1 s, 2 s, 4 s ... doubling up to 5 minutes, for as long as it takes."""
    delay: timedelta = FIRST_RETRY * 2 ** min(attempts - 1, 20)
    return min(delay, MAX_RETRY)


def request_of(settings: Settings, row: CachePurge) -> tuple[dict[str, object], dict[str, str]]:
    """The body and headers of one purge request."""
    tag = cache_tag(str(row.asset_id))
    headers = {"Surrogate-Key": tag}
    if settings.cache_purge_header and ":" in settings.cache_purge_header:
        name, value = settings.cache_purge_header.split(":", 1)
        headers[name.strip()] = value.strip()
    return {"prefixes": list(row.prefixes), "tags": [tag]}, headers


async def send_due(settings: Settings) -> int:
    """Send every due purge once; returns how many were acknowledged."""
    rows = await CachePurge.filter(next_attempt_at__lte=now()).order_by("id").limit(BATCH)
    if not rows:
        return 0
    url = settings.cache_purge_url
    if not url:  # the hook was turned off: nobody to tell
        await CachePurge.filter(id__in=[r.id for r in rows]).delete()
        return 0
    acknowledged = 0
    async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as client:
        for row in rows:
            body, headers = request_of(settings, row)
            try:
                response = await client.post(url, json=body, headers=headers)
                error = None if response.is_success else f"HTTP {response.status_code}"
            except httpx.HTTPError as failure:
                error = f"{type(failure).__name__}: {failure}"
            if error is None:
                await CachePurge.filter(id=row.id).delete()
                acknowledged += 1
                continue
            row.attempts += 1
            row.last_error = error[:500]
            row.next_attempt_at = now() + retry_delay(row.attempts)
            await row.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            log.warning("cache purge %s failed, attempt %d: %s", row.id, row.attempts, error)
    return acknowledged


async def send_until_done(settings: Settings) -> None:
    """Send due purges, nap until the next retry is due, and stop once none is left."""
    while True:
        await send_due(settings)
        following = await CachePurge.all().order_by("next_attempt_at").first()
        if following is None:
            return
        wait = (following.next_attempt_at - now()).total_seconds()
        await asyncio.sleep(min(max(wait, 0.05), MAX_NAP_SECONDS))


@handler(PURGE_JOB)
async def run(runtime: Runtime, key: str) -> None:
    await send_until_done(runtime.settings)
