"""The Prometheus instruments the service records into.

With several uvicorn workers, `pixvault serve` points PROMETHEUS_MULTIPROC_DIR at a fresh
directory before any worker starts: each process then writes its samples to files there and
a scrape of any worker adds them all up (prometheus_client's multiprocess mode). Only counters
and histograms live here; the gauges (queue depth, open requests, outbox backlog) are counted
from the database and the queue at scrape time (http/metrics.py), so no process's
stale value can linger.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import Counter, Histogram

#: Seconds; from a cached thumbnail to a large rendition or export.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
JOB_BUCKETS = (0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600)

GRAPHQL_SECONDS = Histogram(
    "pixvault_graphql_request_seconds",
    "Time to answer a /graphql request, by operation name",
    ["operation"],
    buckets=LATENCY_BUCKETS,
)
DELIVERY_SECONDS = Histogram(
    "pixvault_delivery_seconds",
    "Time to answer a delivery request (original, rendition, export), by kind",
    ["kind"],
    buckets=LATENCY_BUCKETS,
)
RENDITION_SECONDS = Histogram(
    "pixvault_rendition_seconds",
    "Time to make a new rendition (decode, transform, encode, store)",
    buckets=LATENCY_BUCKETS,
)
RENDITION_CACHE = Counter(
    "pixvault_rendition_cache_lookups",
    "Rendition requests answered from the rendition cache (hit) or made anew (miss)",
    ["result"],
)
JOB_SECONDS = Histogram(
    "pixvault_job_seconds",
    "Background job run time, by job and outcome (ok, failed)",
    ["job", "outcome"],
    buckets=JOB_BUCKETS,
)
LOGIN_FAILURES = Counter(
    "pixvault_login_failures",
    "Failed log-ins, by reason (invalid_credentials, rate_limited)",
    ["reason"],
)

#: Operation names come from clients: only well-formed ones become labels, and at most this
#: many distinct ones per process (the rest count as "other"), so a client sending a new name
#: with every request cannot grow the metrics without bound.
MAX_OPERATION_NAMES = 200
_OPERATION = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_operations: set[str] = set()


def operation_label(name: str | None) -> str:
    if not name:
        return "anonymous"
    if not _OPERATION.fullmatch(name):
        return "other"
    if name not in _operations:
        if len(_operations) >= MAX_OPERATION_NAMES:
            return "other"
        _operations.add(name)
    return name


@contextmanager
def timed_job(name: str) -> Iterator[None]:
    started = time.perf_counter()
    outcome = "failed"
    try:
        yield
        outcome = "ok"
    finally:
        JOB_SECONDS.labels(job=name, outcome=outcome).observe(time.perf_counter() - started)
