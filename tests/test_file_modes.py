"""Files under DATA_DIR are the owner's alone, checked through the `pixvault` command and a
served app: DATA_DIR 0700, the SQLite database (and its -wal/-shm files) and each outbox .eml
0600, even under a permissive umask and for a DATA_DIR that already existed wider."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import PASSWORD, TEST_DATABASE_URL
from tests.test_cli import run, serving


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    if TEST_DATABASE_URL:
        pytest.skip("file modes concern the embedded default: SQLite and the file outbox")
    return tmp_path / "var"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_dir_database_and_outbox_are_owner_only(data_dir: Path) -> None:
    previous = os.umask(0o022)  # the usual umask, inherited by the commands below
    try:
        data_dir.mkdir(mode=0o755)  # an operator's existing, wider directory
        data_dir.chmod(0o755)
        run(data_dir, "migrate")
        assert mode(data_dir) == 0o700
        database = data_dir / "pixvault.sqlite3"
        assert mode(database) == 0o600
        with serving(data_dir) as (base, _), httpx.Client(base_url=base) as c:
            signed = c.post(
                "/graphql",
                json={
                    "query": "mutation($i: SignUpInput!) { signUp(input: $i) { errors { code } } }",
                    "variables": {
                        "i": {
                            "name": "Modes",
                            "email": "modes@example.com",
                            "password": PASSWORD,
                            "acceptPolicies": True,
                            "minimumAgeConfirmed": True,
                        }
                    },
                },
            )
            assert signed.json()["data"]["signUp"]["errors"] == []
            changed = c.post(
                "/graphql",
                json={
                    "query": 'mutation { updateProfile(input: {email: "new-modes@example.com"}) '
                    "{ errors { code } } }"
                },
            )
            assert changed.json()["data"]["updateProfile"]["errors"] == []
            outbox = data_dir / "outbox"
            deadline = time.monotonic() + 90  # the served app's sender delivers in the background
            while not list(outbox.glob("*.eml")) and time.monotonic() < deadline:
                time.sleep(0.1)
            messages = list(outbox.glob("*.eml"))
            assert messages, "the confirmation email reached the outbox"
            assert {mode(m) for m in messages} == {0o600}
            assert mode(outbox) == 0o700
            sidecars = list(data_dir.glob("pixvault.sqlite3-*"))
            assert {mode(p) for p in sidecars} <= {0o600}
        assert mode(data_dir) == 0o700 and mode(database) == 0o600
    finally:
        os.umask(previous)
