"""The worker SIGKILLed in the middle of a data subject request: once a worker runs again, the
request completes exactly once (one export file, one completion email, one erasure).

The kill lands at a chosen point: the test holds a lock on a table the run reads at that point,
waits until the run is stuck there, kills the worker, and lets go of the lock."""

from __future__ import annotations

import email
import time
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.faults.client import data, gql, sign_up, submit_access_request, upload
from tests.faults.services import Stack
from tests.faults.waiting import PATIENCE, wait_until
from tests.media import encode

pytestmark = pytest.mark.faults

COMPLETE = "Your data request is complete"
CLOSE = "mutation($p: String!) { closeAccount(password: $p) { request { id } errors { code } } }"


def status(stack: Stack, request_id: str) -> str:
    return stack.postgres.query(
        f"SELECT status FROM data_subject_requests WHERE id = '{request_id}'"
    )[0]


def completion_emails_queued(stack: Stack, request_id: str, only_pending: bool = False) -> int:
    """Completion emails about the request in the outbox (sent ones are erased with the
    rest of an erased person's data)."""
    rows = stack.postgres.query(
        f"SELECT count(*) FROM outbox_messages WHERE subject = '{COMPLETE}' "
        f"AND text_body LIKE '%{request_id}%'" + (" AND status = 'PENDING'" if only_pending else "")
    )
    return int(rows[0])


def completion_emails(stack: Stack, request_id: str) -> list[str]:
    """Delivered completion emails about the request (the outbox directory's .eml files)."""
    found = []
    for path in sorted((stack.data_dir / "outbox").glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes())
        body = str(message.get_payload(decode=False))
        if message["Subject"] == COMPLETE and request_id in body:
            found.append(path.name)
    return found


def kill_worker_while_stuck(
    stack: Stack, request_id: str, table: str, statement: str = "SELECT"
) -> None:
    """With ``table`` locked, wait for the run to be claimed and stuck on ``statement`` there,
    then SIGKILL the worker."""
    wait_until(lambda: status(stack, request_id) != "VERIFIED", PATIENCE, "the run starts")
    wait_until(
        lambda: stack.postgres.lock_holders(table, granted=False, statement=statement) >= 1,
        PATIENCE,
        f"the run waits on {table}",
    )
    stack.worker.kill()
    # Its statement waiting on the lock dies with it (rather than going on once we let go).
    stack.postgres.end_waiting_sessions(table)


def restart_worker_and_finish(stack: Stack, request_id: str) -> float:
    stack.start_worker()
    started = time.monotonic()
    wait_until(
        lambda: status(stack, request_id) == "COMPLETED", PATIENCE, "completion after restart"
    )
    wait_until(
        lambda: completion_emails_queued(stack, request_id, only_pending=True) == 0,
        PATIENCE,
        "the completion email is sent",
    )
    return time.monotonic() - started


@pytest.mark.parametrize("after_export", [False, True], ids=["during-export", "before-email"])
def test_export_cut_off_by_a_killed_worker_completes_once(
    services: Stack, after_export: bool
) -> None:
    with services.client() as client:
        sign_up(client)
        upload(client, encode(".png", width=40, height=30))
        with services.postgres.lock("assets") as assets:
            request_id = submit_access_request(client)
            if after_export:
                # The export reads the outbox (its emails are personal data); SHARE lets it,
                # and stops the run at the completion email's INSERT.
                wait_until(lambda: status(services, request_id) == "IN_PROGRESS", PATIENCE, "a run")
                with services.postgres.lock("outbox_messages", "SHARE"):
                    assets.release()
                    kill_worker_while_stuck(services, request_id, "outbox_messages", "INSERT")
            else:
                kill_worker_while_stuck(services, request_id, "assets")
        took = restart_worker_and_finish(services, request_id)
        url = data(gql(client, "query($id: ID!) { dataSubjectRequest(id: $id) { exportUrl } }",
                       {"id": request_id}))["dataSubjectRequest"]["exportUrl"]  # fmt: skip
        download = client.get(url.removeprefix(services.base_url))
    exports = sorted(p.name for p in (services.data_dir / "storage").rglob(f"*{request_id}*"))
    emails = completion_emails(services, request_id)
    print(f"export: completed {took:.1f} s after the worker restarted; {exports}, {emails}")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert exports == [f"{request_id}.zip"]
    assert completion_emails_queued(services, request_id) == 1 and len(emails) == 1, emails
    assert not list((services.data_dir / "tmp" / "exports").glob(f"{request_id}*"))


def test_erasure_cut_off_by_a_killed_worker_completes_once(services: Stack) -> None:
    with services.client() as client:
        user_id, address = sign_up(client)
        asset = upload(client, encode(".png", width=40, height=30))
        stored = services.data_dir / "storage" / "users" / user_id
        originals = [p for p in stored.rglob("*") if p.is_file()]
        # Stuck after the completion email is queued, before anything is erased.
        with services.postgres.lock("erasure_certificates"):
            closed = data(gql(client, CLOSE, {"p": PASSWORD}))["closeAccount"]
            assert closed["errors"] == [], closed
            request_id = closed["request"]["id"]
            kill_worker_while_stuck(services, request_id, "erasure_certificates")
        took = restart_worker_and_finish(services, request_id)
    certificates = services.postgres.query(
        f"SELECT count(*) FROM erasure_certificates WHERE request_id = '{request_id}'"
    )
    users = services.postgres.query(f"SELECT count(*) FROM users WHERE email = '{address}'")
    assets = services.postgres.query(f"SELECT count(*) FROM assets WHERE id = '{asset['id']}'")
    emails = completion_emails(services, request_id)
    print(f"erasure: completed {took:.1f} s after the worker restarted; emails {emails}")
    assert len(emails) == 1, emails
    assert certificates == ["1"] and users == ["0"] and assets == ["0"]
    assert originals and not any(Path(p).exists() for p in originals)
