"""GET /metrics: Prometheus' text format, only with PIXVAULT_METRICS_TOKEN set and presented
as ``Authorization: Bearer <token>`` (401 otherwise; without the setting there is no route,
so 404). Counters and histograms come from every worker process (multiprocess mode when
PROMETHEUS_MULTIPROC_DIR is set); gauges are counted when scraped.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterable

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from pixvault.core.clock import now
from pixvault.runtime import Runtime

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
#: Requests that still need an answer.
OPEN_DSAR_STATUSES = ("AWAITING_VERIFICATION", "VERIFIED", "IN_PROGRESS")
#: Mail not yet handed to the SMTP server.
WAITING_MAIL_STATUSES = ("PENDING", "SENDING")


class Snapshot(Collector):
    """Gauges counted once per scrape, before the text is written."""

    def __init__(self, values: dict[str, tuple[str, float]]) -> None:
        self.values = values

    def collect(self) -> Iterable[Metric]:
        for name, (help_text, value) in self.values.items():
            yield GaugeMetricFamily(name, help_text, value=value)


async def _gauges(runtime: Runtime) -> dict[str, tuple[str, float]]:
    from pixvault.mail.models import OutboxMessage
    from pixvault.privacy.models import DataSubjectRequest

    open_requests = DataSubjectRequest.filter(status__in=OPEN_DSAR_STATUSES)
    return {
        "pixvault_job_queue_depth": (
            "Background jobs waiting to run",
            float(await runtime.jobs.depth()),
        ),
        "pixvault_dsar_open": (
            "Data subject requests not yet completed or rejected",
            float(await open_requests.count()),
        ),
        "pixvault_dsar_overdue": (
            "Open data subject requests past their due date",
            float(await open_requests.filter(due_at__lt=now()).count()),
        ),
        "pixvault_outbox_backlog": (
            "Emails waiting in the outbox to be sent",
            float(await OutboxMessage.filter(status__in=WAITING_MAIL_STATUSES).count()),
        ),
    }


def authorised(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )


async def metrics_endpoint(request: Request) -> Response:
    runtime: Runtime = request.app.state.runtime
    token = runtime.settings.metrics_token
    if not token or not authorised(request, token):
        return PlainTextResponse(
            "A valid metrics token is needed.",
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store"},
        )
    snapshot = CollectorRegistry()
    snapshot.register(Snapshot(await _gauges(runtime)))
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        merged = CollectorRegistry()
        MultiProcessCollector(merged)  # type: ignore[no-untyped-call]
        body = generate_latest(merged)
    else:
        body = generate_latest(REGISTRY)
    return Response(
        body + generate_latest(snapshot),
        media_type=CONTENT_TYPE,
        headers={"Cache-Control": "no-store"},
    )
