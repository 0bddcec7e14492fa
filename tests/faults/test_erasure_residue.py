"""An erasure on PostgreSQL leaves no byte of the person in the database's data files: what the
tables no longer hold is not left behind as dead tuples either, because the worker VACUUMs the
tables an erasure touched (db.scrub). The WAL segments (pg_wal) still hold it until they are
recycled; README's Privacy section says so, and this test reads the data files only.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, SIGN_UP
from tests.faults.client import data, gql, upload
from tests.faults.services import Stack
from tests.faults.waiting import PATIENCE, eventually, wait_until
from tests.media import encode

pytestmark = pytest.mark.faults

CLOSE = "mutation($p: String!) { closeAccount(password: $p) { request { id } errors { code } } }"


def file_of(stack: Stack, table: str) -> str:
    """The table's data file: VACUUM FULL writes a new one."""
    return stack.postgres.query(f"SELECT pg_relation_filenode('{table}')")[0]


def data_files_holding(stack: Stack, needles: list[str]) -> dict[str, list[str]]:
    """The app database's files (tables, indexes, TOAST) holding any needle, after a CHECKPOINT
    has written every page in memory to them (what the disk holds sooner or later anyway)."""
    stack.postgres.query("CHECKPOINT")
    oid = stack.postgres.query("SELECT oid FROM pg_database WHERE datname = 'pixvault'")[0]
    found: dict[str, list[str]] = {}
    for path in (stack.postgres.data / "base" / oid).iterdir():
        if not path.is_file():
            continue
        content = path.read_bytes()
        hits = [n for n in needles if n.encode() in content]
        if hits:
            table = stack.postgres.query(
                f"SELECT relname FROM pg_class WHERE relfilenode = {path.name.split('.')[0]}"
            )
            found[f"{path.name} ({' '.join(table) or '?'})"] = hits
    return found


def completed(stack: Stack, request_id: str) -> bool:
    status = stack.postgres.query(
        f"SELECT status FROM data_subject_requests WHERE id = '{request_id}'"
    )
    return status == ["COMPLETED"]


@contextmanager
def undeliverable_mail(stack: Stack) -> Iterator[None]:
    """While inside, no mail can be delivered: a file stands where the outbox directory should
    be, as a full disk would refuse it, and each attempt fails and is retried. On leaving, the
    directory is back and the failed mail due at once (the backoff after several failures can
    be minutes), for the worker's next round."""
    outbox = stack.data_dir / "outbox"
    aside = stack.data_dir / "outbox-aside"
    if outbox.exists():
        outbox.rename(aside)
    outbox.write_text("not a directory")
    try:
        yield
    finally:
        outbox.unlink()
        if aside.exists():
            aside.rename(outbox)
        stack.postgres.query(
            "UPDATE outbox_messages SET next_attempt_at = now() WHERE status = 'PENDING' "
            "RETURNING 1"
        )


def test_erasure_and_mail_purge_leave_no_bytes_in_the_data_files(services: Stack) -> None:
    tag = uuid.uuid4().hex[:8]
    email = f"residue-{tag}@example.com"
    name = f"Rhea Residue{tag}"
    company = f"Leftover{tag} GmbH"
    with services.client() as c:
        signed = data(
            gql(
                c,
                SIGN_UP,
                {
                    "input": {
                        "name": name,
                        "email": email,
                        "password": PASSWORD,
                        "companyName": company,
                        "acceptPolicies": True,
                        "minimumAgeConfirmed": True,
                    }
                },
            )
        )["signUp"]
        assert signed["errors"] == [], signed
        upload(c, encode(".png", width=31, height=17), filename=f"{tag}.png")
        assert data_files_holding(services, [email]), "the test would find the email"
        users_file = file_of(services, "users")
        # No mail can be delivered until the erasure is done: their confirmation is then
        # surely still waiting when the erasure runs, which keeps it, rather than sent and
        # erased with the rest of their mail, as when the worker is quicker than the erasure.
        with undeliverable_mail(services):
            closed = data(gql(c, CLOSE, {"p": PASSWORD}))["closeAccount"]
            assert closed["errors"] == [], closed
            request_id = closed["request"]["id"]
            wait_until(lambda: completed(services, request_id), PATIENCE, "the erasure completes")
            wait_until(
                lambda: file_of(services, "users") != users_file, PATIENCE, "the worker VACUUMs"
            )
            # Only the mail still waiting to reach them holds their address (only the address).
            assert data_files_holding(services, [name, company]) == {}
            outbox = services.postgres.query(
                f"SELECT count(*) FROM outbox_messages WHERE to_address = '{email}'"
            )
            assert outbox != ["0"], "their confirmation is kept until the mail purge"

    # Thirty days on (moved in the database: the live processes' clock cannot be), the worker's
    # housekeeping (run when it starts) purges that mail and scrubs its table.
    # Sent, not merely claimed: the purge leaves a SENDING row alone (the sender may still
    # deliver it).
    wait_until(
        lambda: (
            services.postgres.query(
                f"SELECT count(*) FROM outbox_messages WHERE to_address = '{email}' "
                "AND status IN ('PENDING', 'SENDING')"
            )
            == ["0"]
        ),
        PATIENCE,
        "the confirmation is sent",
    )
    services.postgres.query(
        "UPDATE outbox_messages SET created_at = created_at - interval '31 days' "
        f"WHERE to_address = '{email}' RETURNING 1"
    )
    services.worker.stop()
    services.start_worker()
    # Wait for the purge's result, not for one rewrite of the table's file: on a busy machine
    # an earlier VACUUM can land late and change the file before the purge has run.
    lingering: dict[str, list[str]] = {}

    def purged() -> bool:
        lingering.clear()
        lingering.update(data_files_holding(services, [email, name, company]))
        return not lingering

    if not eventually(purged, PATIENCE, interval=1.0):
        left = services.postgres.query(
            "SELECT replace(subject || '|' || status || '|' || created_at::text, ' ', '_') "
            f"FROM outbox_messages WHERE to_address = '{email}'"
        )
        raise AssertionError(f"erased data lingers in {lingering}; their mail left: {left}")
    assert not list(Path(services.data_dir).rglob(f"*{tag}*"))
