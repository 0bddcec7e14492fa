"""Redis stopped and started again under traffic: what needs it (sign-in, sessions, rate limits,
the job queue) answers 503 SERVICE_UNAVAILABLE with Retry-After while it is away, never a 500 or a
leaked connection error, and everything works again on its own once it is back."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import cycle, product

import httpx
import pytest

from tests.faults.client import (
    data,
    gql,
    log_in,
    sign_up,
    submit_access_request,
    upload,
    wait_for_status,
)
from tests.faults.services import Stack
from tests.faults.waiting import PATIENCE, wait_until
from tests.media import encode

pytestmark = pytest.mark.faults

RECOVERY_TIMEOUT = PATIENCE
ME = "{ me { id } }"


@dataclass
class Outcome:
    phase: str
    kind: str
    status: int
    code: str | None
    retry_after: str | None
    text: str


@dataclass
class Traffic:
    """Keeps a mix of requests going from another thread and records every answer."""

    stack: Stack
    email: str
    public_url: str
    phase: str = "before"
    outcomes: list[Outcome] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    #: New (width, height) pairs from the public size ladder (PIXVAULT_PUBLIC_RENDITION_SIZES):
    #: unsigned URLs may ask for no other sizes.
    sizes: Iterator[tuple[int, int]] = field(
        default_factory=lambda: cycle(product((16, 24, 32, 48, 64, 96, 128), (16, 24, 32, 48, 64)))
    )

    def record(self, kind: str, response: httpx.Response) -> None:
        code = None
        if response.headers.get("content-type", "").startswith("application/json"):
            errors = response.json().get("errors") or []
            if errors:
                code = (errors[0].get("extensions") or {}).get("code") or "NO_CODE"
        self.outcomes.append(
            Outcome(
                self.phase,
                kind,
                response.status_code,
                code,
                response.headers.get("retry-after"),
                response.text[:300],
            )
        )

    def once(self) -> None:
        with self.stack.client(timeout=10) as client:
            signed_in = log_in(client, self.email)
            self.record("logIn", signed_in)
            if signed_in.status_code == 200:
                # The session lives in Redis: reading it needs Redis too.
                self.record("me", gql(client, ME))
            # A new rendition through a public URL counts against a per-address limit.
            width, height = next(self.sizes)
            self.record("rendition", client.get(f"{self.public_url}?w={width}&h={height}"))

    def run(self) -> None:
        while not self.stop.is_set():
            self.once()
            time.sleep(0.05)


def test_redis_outage_answers_503_and_recovers_on_its_own(services: Stack) -> None:
    worker_pid = services.worker.pid
    with services.client() as owner:
        _, email = sign_up(owner)
        asset = upload(owner, encode(".png", width=64, height=48), visibility="PUBLIC")
        # A job waiting in Redis when it goes: the worker is frozen, so it stays queued.
        services.worker.pause()
        try:
            waiting = submit_access_request(owner)
        except BaseException:
            services.worker.resume()
            raise
    public_url = str(asset["url"]).removeprefix(services.base_url)
    traffic = Traffic(services, email, public_url)
    thread = threading.Thread(target=traffic.run, daemon=True)
    thread.start()
    try:
        wait_until(lambda: len(traffic.outcomes) >= 6, PATIENCE, "traffic before the outage")
        traffic.phase = "down"
        services.redis.stop()
        outage_started = len(traffic.outcomes)
        wait_until(
            lambda: len(traffic.outcomes) >= outage_started + 9, PATIENCE, "traffic in the outage"
        )
        traffic.phase = "back"
        services.redis.start()  # empty: the sessions, limits and queued job are gone
        services.worker.resume()
        restarted = time.monotonic()

        def recovered() -> bool:
            recent = [o for o in traffic.outcomes if o.phase == "back"][-3:]
            return len(recent) == 3 and all(o.status == 200 and o.code is None for o in recent)

        wait_until(recovered, RECOVERY_TIMEOUT, "recovery after Redis came back")
        recovery = time.monotonic() - restarted
    finally:
        traffic.stop.set()
        thread.join(timeout=30)

    summary = Counter((o.phase, o.kind, o.status, o.code) for o in traffic.outcomes)
    print(f"recovered {recovery:.2f} s after Redis restarted; answers: {dict(summary)}")
    assert all(
        o.status == 200 and o.code is None for o in traffic.outcomes if o.phase == "before"
    ), summary
    down = [o for o in traffic.outcomes if o.phase == "down"]
    unavailable = [o for o in down if o.status == 503]
    assert {o.kind for o in unavailable} >= {"logIn", "rendition"}, summary
    for outcome in unavailable:
        assert outcome.retry_after is not None, outcome
        assert outcome.code in ("SERVICE_UNAVAILABLE", None), outcome
        assert "127.0.0.1" not in outcome.text and "Error 111" not in outcome.text, outcome
    # Nothing else while it is away: no 500, and no 200 carrying a raw error.
    assert all(o.status in (200, 503) for o in traffic.outcomes), summary
    assert all(o.code in (None, "SERVICE_UNAVAILABLE") for o in traffic.outcomes), summary

    # The same worker (not restarted) goes on: the job Redis lost is queued again by its
    # resume sweep, and a job queued after the restart runs.
    with services.client() as owner:
        data(log_in(owner, email))
        request_id = submit_access_request(owner)
        wait_for_status(owner, request_id, "COMPLETED", RECOVERY_TIMEOUT)
        wait_for_status(owner, waiting, "COMPLETED", RECOVERY_TIMEOUT)
    assert services.worker.alive() and services.worker.pid == worker_pid
