"""The worker SIGKILLed while it emails the people a breach touched: once a worker runs again,
each of them gets exactly one email.

The kill lands inside the first person's transaction (mark and email together): the test holds
a SHARE lock on the outbox, so the email's INSERT waits, kills the worker there, and lets go."""

from __future__ import annotations

import email
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import unique_email
from tests.faults.client import data, gql, log_in, sign_up, turn_on_second_factor
from tests.faults.services import Stack
from tests.faults.waiting import PATIENCE, wait_until

pytestmark = pytest.mark.faults

SUBJECT = "A personal data breach affected your data"
RECORD = """mutation($i: BreachInput!) { recordBreach(input: $i) {
  breach { id affectedCount } errors { code } } }"""
NOTIFY = """mutation($id: ID!) { notifyBreachSubjects(id: $id, notice: "Rotate your tokens.") {
  breach { id } errors { code } } }"""


def told(stack: Stack, breach_id: str) -> int:
    rows = stack.postgres.query(
        f"SELECT count(*) FROM breach_subjects WHERE incident_id = '{breach_id}' "
        "AND notified_at IS NOT NULL"
    )
    return int(rows[0])


def delivered_to(stack: Stack, address: str) -> int:
    count = 0
    for path in (stack.data_dir / "outbox").glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes())
        count += message["Subject"] == SUBJECT and message["To"] == address
    return count


def test_breach_notices_cut_off_by_a_killed_worker_reach_each_person_once(
    services: Stack,
) -> None:
    start = datetime.now(UTC) - timedelta(seconds=1)
    people = []
    for _ in range(3):
        with services.client() as client:
            people.append(sign_up(client)[1])
    end = datetime.now(UTC) + timedelta(seconds=1)
    officer_email = unique_email("officer")
    services.pixvault(
        "create-user", "--email", officer_email, "--name", "Officer", "--password",
        "a long and unusual passphrase", "--role", "PRIVACY_OFFICER",
    )  # fmt: skip
    with services.client() as officer:
        assert data(log_in(officer, officer_email))["logIn"]["user"]
        turn_on_second_factor(officer)
        window = {"signedInFrom": start.isoformat(), "signedInTo": end.isoformat()}
        recorded = data(
            gql(
                officer,
                RECORD,
                {"i": {"description": "Leaked logs", "dataCategories": ["email address"],
                       "discoveredAt": start.isoformat(), **window}},
            )
        )["recordBreach"]  # fmt: skip
        assert recorded["errors"] == [] and recorded["breach"]["affectedCount"] == 3, recorded
        breach_id = recorded["breach"]["id"]
        with services.postgres.lock("outbox_messages", "SHARE"):
            asked = data(gql(officer, NOTIFY, {"id": breach_id}))["notifyBreachSubjects"]
            assert asked["errors"] == [], asked
            wait_until(
                lambda: (
                    services.postgres.lock_holders(
                        "outbox_messages", granted=False, statement="INSERT"
                    )
                    >= 1
                ),
                PATIENCE,
                "the run waits to queue the first email",
            )
            services.worker.kill()
            services.postgres.end_waiting_sessions("outbox_messages")
    assert told(services, breach_id) == 0, "the cut-off transaction left no mark"
    services.start_worker()
    wait_until(lambda: told(services, breach_id) == 3, PATIENCE, "everyone told after the restart")
    wait_until(
        lambda: all(delivered_to(services, a) >= 1 for a in people), PATIENCE, "the emails are sent"
    )
    assert [delivered_to(services, a) for a in people] == [1, 1, 1]
