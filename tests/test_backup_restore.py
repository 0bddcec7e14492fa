"""`pixvault backup` and `pixvault restore`, run as an operator would (subprocesses), on the
test run's database (SQLite, or PostgreSQL with pg_dump/pg_restore when
PIXVAULT_TEST_DATABASE_URL is set); the restored copy is then served by a live `pixvault serve`
and inspected over HTTP."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

import pixvault as pixvault_package
from tests.conftest import (
    PASSWORD,
    TEST_DATABASE_URL,
    Env,
    PostgresDatabase,
    drain_jobs,
    environment,
    gql,
    log_in,
    make_staff,
    sign_up,
    unique_email,
)
from tests.live import free_port, live_server
from tests.media import encode, uploaded
from tests.servers import moto_s3

PIXVAULT = [sys.executable, "-m", "pixvault"]
SECRET = "test-secret-key-not-for-production"

ME = """{ me { id consents { decisions { purpose granted } }
  assets { edges { node { id url } } } } }"""
CLOSE = "mutation($p: String!) { closeAccount(password: $p) { request { id } } }"
DSARS = "{ dataSubjectRequests { edges { node { id status requesterEmail kind } } } }"


def pixvault(*args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **settings}
    for name in ("PIXVAULT_DATABASE_URL", "PIXVAULT_REDIS_URL", "PIXVAULT_SECRET_KEY"):
        if name not in settings:
            env.pop(name, None)
    return subprocess.run(
        [*PIXVAULT, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def service_settings(env: Env) -> dict[str, str]:
    settings = {"PIXVAULT_DATA_DIR": str(env.settings.data_dir), "PIXVAULT_SECRET_KEY": SECRET}
    if env.settings.database_url:
        settings["PIXVAULT_DATABASE_URL"] = env.settings.database_url
    return settings


async def erase(env: Env, client: httpx.AsyncClient) -> None:
    closed = await gql(client, CLOSE, {"p": PASSWORD})
    assert closed.data["closeAccount"]["request"] is not None, closed.body
    await drain_jobs(env)


async def test_round_trip_keeps_everything_and_keeps_erasures_erased(tmp_path: Path) -> None:
    keeper_image = encode(".png", width=64, height=48)
    async with environment(tmp_path / "old", secret_key=SECRET) as env:
        officer_id, officer_email = await make_staff(env, "PRIVACY_OFFICER")
        async with env.client() as keeper, env.client() as early, env.client() as late:
            keeper_email, early_email, late_email = (unique_email(n) for n in "kel")
            keeper_id = (await sign_up(keeper, keeper_email))["id"]
            kept = await uploaded(keeper, keeper_image)
            granted = await gql(
                keeper,
                "mutation($d: [ConsentInput!]!) { setConsents(decisions: $d) { errors { code } } }",
                {"d": [{"purpose": "MARKETING_EMAIL", "granted": True}]},
            )
            assert granted.data["setConsents"]["errors"] == []
            early_id = (await sign_up(early, early_email))["id"]
            await uploaded(early, encode(".png", width=30, height=30))
            await erase(env, early)
            late_id = (await sign_up(late, late_email))["id"]
            await uploaded(late, encode(".png", width=31, height=31))
            pending_email = unique_email("pending")
            async with env.client() as anonymous:
                submitted = await gql(
                    anonymous,
                    "mutation($i: DataSubjectRequestInput!) { submitDataSubjectRequest("
                    "input: $i) { request { id status } errors { code } } }",
                    {"i": {"kind": "ACCESS", "email": pending_email}},
                )
            assert submitted.data["submitDataSubjectRequest"]["errors"] == []

            backup_dir = tmp_path / "backup"
            made = pixvault("backup", str(backup_dir), **service_settings(env))
            assert made.returncode == 0, made.stderr
            assert "was not copied" in made.stderr and made.stderr.count("\r") == 0

            # Erased after the backup: only the journal remembers it.
            await erase(env, late)
        old_journal = env.settings.erasure_journal_path

    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["secret_key"]["file"] is None and not (backup_dir / "secret_key").exists()
    assert SECRET not in "".join(
        p.read_text(errors="ignore") for p in backup_dir.rglob("*") if p.is_file()
    )
    sums = (backup_dir / "SHA256SUMS").read_text()
    assert f"storage/users/{late_id}/originals/" in sums and "manifest.json" in sums
    assert early_id not in sums, "an erasure before the backup left nothing to back up"
    journal_text = old_journal.read_text()
    assert early_email not in journal_text and late_email not in journal_text
    assert len(journal_text.splitlines()) == 2, "one entry per erasure, ids only"

    new_dir = tmp_path / "new"
    target: dict[str, str] = {"PIXVAULT_DATA_DIR": str(new_dir), "PIXVAULT_SECRET_KEY": SECRET}
    pg = PostgresDatabase(TEST_DATABASE_URL) if TEST_DATABASE_URL else None
    if pg is not None:
        await pg.create()
        target["PIXVAULT_DATABASE_URL"] = pg.url
    try:
        restored = pixvault("restore", str(backup_dir), "--journal", str(old_journal), **target)
        assert restored.returncode == 0, restored.stderr
        assert "2 entries, 1 erasure(s) applied again" in restored.stdout, restored.stdout
        again = pixvault("restore", str(backup_dir), **target)
        assert again.returncode == 2 and "not empty" in again.stderr
        assert "Traceback" not in again.stderr
        if pg is not None:
            used_database = {**target, "PIXVAULT_DATA_DIR": str(tmp_path / "other")}
            refused = pixvault("restore", str(backup_dir), **used_database)
            assert refused.returncode == 2
            assert "the PostgreSQL database is not empty" in refused.stderr

        stored = "\n".join(str(p) for p in (new_dir / "storage").rglob("*") if p.is_file())
        assert f"users/{keeper_id}/originals/" in stored
        assert early_id not in stored, "erased before the backup, and still erased"
        assert late_id not in stored, "erased after the backup: the journal erased it again"

        with live_server(new_dir, **target) as server:
            async with httpx.AsyncClient(base_url=server.base_url) as client:
                await _check_restored(client, keeper_email, kept, officer_email, pending_email)
                for email in (early_email, late_email):
                    refused = await log_in(client, email)
                    assert refused.data["logIn"]["user"] is None
        assert officer_id
    finally:
        if pg is not None:
            await pg.drop()


async def _check_restored(
    client: httpx.AsyncClient,
    keeper_email: str,
    kept: dict[str, Any],
    officer_email: str,
    pending_email: str,
) -> None:
    assert (await log_in(client, keeper_email)).data["logIn"]["errors"] == []
    me = (await gql(client, ME)).data["me"]
    decisions = {d["purpose"]: d["granted"] for d in me["consents"]["decisions"]}
    assert decisions["MARKETING_EMAIL"] is True
    (asset,) = [e["node"] for e in me["assets"]["edges"]]
    assert asset["id"] == kept["id"]
    delivered = await client.get(asset["url"].removeprefix("http://127.0.0.1:8000"))
    assert delivered.status_code == 200 and delivered.content, "the stored original came back"
    async with httpx.AsyncClient(base_url=str(client.base_url)) as officer:
        assert (await log_in(officer, officer_email)).data["logIn"]["errors"] == []
        listed = (await gql(officer, DSARS)).data["dataSubjectRequests"]["edges"]
    requests = [e["node"] for e in listed]
    waiting = [r for r in requests if r["requesterEmail"] == pending_email]
    assert [r["status"] for r in waiting] == ["AWAITING_VERIFICATION"], requests


def test_restore_refuses_a_damaged_backup(tmp_path: Path) -> None:
    if TEST_DATABASE_URL:
        pytest.skip("checked on the embedded SQLite default")
    processors = tmp_path / "processors.toml"
    shutil.copyfile(
        Path(pixvault_package.__file__).parent / "records" / "processors.toml", processors
    )
    old = {"PIXVAULT_DATA_DIR": str(tmp_path / "old"), "PIXVAULT_PROCESSORS_FILE": str(processors)}
    assert pixvault("migrate", **old).returncode == 0
    backup_dir = tmp_path / "backup"
    made = pixvault("backup", str(backup_dir), "--include-secret", **old)
    assert made.returncode == 0, made.stderr
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["processors_file"]["source"] == str(processors)
    assert (backup_dir / "processors.toml").read_bytes() == processors.read_bytes()
    assert manifest["secret_key"]["file"] == "secret_key"
    secret = (tmp_path / "old" / "secret_key").read_text()
    assert (backup_dir / "secret_key").read_text() == secret
    assert pixvault("backup", str(backup_dir), **old).returncode == 2, "refuses a used DEST"
    intact = {"PIXVAULT_DATA_DIR": str(tmp_path / "intact")}
    assert pixvault("restore", str(backup_dir), **intact).returncode == 0
    assert (tmp_path / "intact" / "secret_key").read_text() == secret

    with (backup_dir / "database.sqlite3").open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\x00garbage")
    new = {"PIXVAULT_DATA_DIR": str(tmp_path / "new")}
    damaged = pixvault("restore", str(backup_dir), **new)
    assert damaged.returncode == 2
    assert "database.sqlite3 does not match its checksum" in damaged.stderr
    assert not (tmp_path / "new").exists() or not any((tmp_path / "new").iterdir())


def test_on_s3_the_backup_lists_the_objects_and_restore_checks_them(tmp_path: Path) -> None:
    if TEST_DATABASE_URL:
        pytest.skip("checked on the embedded SQLite default")
    with moto_s3() as server:
        bucket = server.new_bucket()
        storage = server.storage(bucket, "pv")
        storage.client.put_object(Bucket=bucket, Key="pv/users/a/originals/1", Body=b"one")
        storage.client.put_object(Bucket=bucket, Key="pv/users/b/originals/2", Body=b"two!")
        s3 = {
            f"PIXVAULT_{name.upper()}": value
            for name, value in server.settings_overrides(bucket).items()
        }
        old = {"PIXVAULT_DATA_DIR": str(tmp_path / "old"), **s3}
        assert pixvault("migrate", **old).returncode == 0
        made = pixvault("backup", str(tmp_path / "backup"), **old)
        assert made.returncode == 0, made.stderr
        listing = json.loads((tmp_path / "backup" / "storage-listing.json").read_text())
        assert {(o["key"], o["size"]) for o in listing} == {
            ("users/a/originals/1", 3),
            ("users/b/originals/2", 4),
        }
        assert not (tmp_path / "backup" / "storage").exists(), "listed, not copied"

        local = pixvault(
            "restore", str(tmp_path / "backup"), PIXVAULT_DATA_DIR=str(tmp_path / "local")
        )
        assert local.returncode == 2 and "PIXVAULT_STORAGE_URL" in local.stderr

        storage.client.delete_object(Bucket=bucket, Key="pv/users/b/originals/2")
        new = {**old, "PIXVAULT_DATA_DIR": str(tmp_path / "new")}
        restored = pixvault("restore", str(tmp_path / "backup"), **new)
        assert restored.returncode == 0, restored.stderr
        assert "1 object(s) the backup lists are not in the bucket" in restored.stderr


def test_progress_shows_on_a_terminal_only(tmp_path: Path) -> None:
    if TEST_DATABASE_URL:
        pytest.skip("checked on the embedded SQLite default")
    old = {"PIXVAULT_DATA_DIR": str(tmp_path / "old")}
    assert pixvault("migrate", **old).returncode == 0
    (tmp_path / "old" / "storage" / "users").mkdir(parents=True)
    (tmp_path / "old" / "storage" / "users" / "blob").write_bytes(os.urandom(300_000))
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [*PIXVAULT, "backup", str(tmp_path / "backup")],
            env={**os.environ, **old},
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=120,
            check=False,
        )
        os.close(follower)
        shown = b""
        with contextlib.suppress(OSError):  # EIO once the terminal's writer is gone
            while chunk := os.read(leader, 65536):
                shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    assert b"files    [##############################] 100%" in shown, shown
    assert b"database [" in shown


def test_an_unreachable_database_is_one_line_and_leaves_no_half_backup(tmp_path: Path) -> None:
    unreachable = f"postgres://pixvault:hunter2-secret@127.0.0.1:{free_port()}/pixvault"
    settings = {"PIXVAULT_DATA_DIR": str(tmp_path / "d"), "PIXVAULT_DATABASE_URL": unreachable}
    dest = tmp_path / "backup"
    for args in (("backup", str(dest)), ("restore", str(tmp_path))):
        done = pixvault(*args, **settings)
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
        assert "hunter2" not in done.stderr
    assert "cannot reach PostgreSQL" in pixvault("backup", str(dest), **settings).stderr
    assert not any(dest.iterdir()), "a failed backup leaves DEST empty"
