"""PostgreSQL restarted under a stream of writes: every write the app acknowledged is in the
database afterwards, the app answers without a hang while the database is away, and it works
again on its own (same processes, no restart) once the database is back."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest

from tests.faults.client import gql, sign_up
from tests.faults.services import Stack
from tests.faults.waiting import PATIENCE, wait_until

pytestmark = pytest.mark.faults

RECOVERY_TIMEOUT = PATIENCE
CREATE_TOKEN = """mutation($n: String!) {
  createApiToken(name: $n) { token { id } errors { code } } }"""
WRITERS = 2


@dataclass
class Writer:
    """Creates API tokens one after another (a row each), noting which were acknowledged."""

    stack: Stack
    phase: str = "before"
    acknowledged: list[str] = field(default_factory=list)
    answers: list[tuple[str, int, str | None]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    raw_errors: list[str] = field(default_factory=list)

    def run(self) -> None:
        client = self.stack.client(timeout=15)
        sign_up(client)
        made = 0
        while not self.stop.is_set():
            if made >= 45:  # a person may hold 50 live tokens
                client.close()
                client = self.stack.client(timeout=15)
                sign_up(client)
                made = 0
            phase = self.phase
            try:
                response = gql(client, CREATE_TOKEN, {"n": f"t{len(self.answers)}"})
            except Exception as error:
                self.answers.append((phase, 0, type(error).__name__))
                continue
            code = None
            if response.headers.get("content-type", "").startswith("application/json"):
                body = response.json()
                errors = body.get("errors") or []
                code = (
                    (errors[0].get("extensions") or {}).get("code", "NO_CODE") if errors else None
                )
                if code == "NO_CODE":
                    self.raw_errors.append(errors[0].get("message", ""))
                payload = (body.get("data") or {}).get("createApiToken")
                if response.status_code == 200 and not errors and payload["token"]:
                    self.acknowledged.append(payload["token"]["id"])
                    made += 1
            self.answers.append((phase, response.status_code, code))
            time.sleep(0.02)
        client.close()


def test_postgres_restart_loses_no_acknowledged_write(services: Stack) -> None:
    app_pid = services.app.pid
    writers = [Writer(services) for _ in range(WRITERS)]
    threads = [threading.Thread(target=w.run, daemon=True) for w in writers]
    for thread in threads:
        thread.start()

    def acknowledged() -> int:
        return sum(len(w.acknowledged) for w in writers)

    def refused_while_down() -> int:
        return sum(1 for w in writers for a in w.answers if a[:2] == ("down", 503))

    def set_phase(phase: str) -> None:
        for writer in writers:
            writer.phase = phase

    try:
        wait_until(lambda: acknowledged() >= 10, PATIENCE, "writes before the restart")
        set_phase("down")
        # Immediate: no checkpoint, the restart replays the WAL (a crash, as far as PG knows).
        services.postgres.stop("immediate")
        # Down until requests have met it (refused while it is away), however slow the machine.
        wait_until(lambda: refused_while_down() >= WRITERS, PATIENCE, "503s while it is down")
        services.postgres.start()
        set_phase("back")
        restarted = time.monotonic()
        before = acknowledged()
        wait_until(lambda: acknowledged() >= before + 6, RECOVERY_TIMEOUT, "writes after restart")
        recovery = time.monotonic() - restarted
    finally:
        for writer in writers:
            writer.stop.set()
        for thread in threads:
            thread.join(timeout=30)

    acked = {token for w in writers for token in w.acknowledged}
    found = set(services.postgres.query("SELECT id FROM api_tokens"))
    answers = Counter(a for w in writers for a in w.answers)
    print(
        f"acknowledged {len(acked)} writes, found {len(acked & found)} of them "
        f"({len(found)} rows); first success {recovery:.2f} s after PostgreSQL restarted; "
        f"answers: {dict(answers)}"
    )
    assert acked <= found, f"acknowledged but lost: {sorted(acked - found)}"
    assert services.app.alive() and services.app.pid == app_pid, "the app was not restarted"
    # While the database is away, requests fail fast and plainly: a 503 the client can retry,
    # not a 500, a raw error in a 200, or a hang.
    assert {(status, code) for _, status, code in answers} <= {
        (200, None),
        (503, "SERVICE_UNAVAILABLE"),
    }, (answers, [e for w in writers for e in w.raw_errors])
    assert answers[("down", 503, "SERVICE_UNAVAILABLE")] > 0, answers
