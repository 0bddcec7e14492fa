"""The `pixvault` command, run as a new operator would: as a subprocess, on a fresh data dir."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import PASSWORD, TEST_DATABASE_URL
from tests.smtp_sink import free_port, smtp_sink

PIXVAULT = [sys.executable, "-m", "pixvault"]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    if TEST_DATABASE_URL:
        pytest.skip("the CLI is exercised on the embedded SQLite default")
    return tmp_path


def run(data_dir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIXVAULT_DATA_DIR": str(data_dir)}
    env.pop("PIXVAULT_DATABASE_URL", None)
    env.pop("PIXVAULT_REDIS_URL", None)
    return subprocess.run(
        [*PIXVAULT, *args], env=env, capture_output=True, text=True, check=check, timeout=120
    )


def test_migrate_is_safe_to_run_twice(data_dir: Path) -> None:
    first = run(data_dir, "migrate")
    assert "applied 2 migration(s)" in first.stdout or "applied" in first.stdout
    second = run(data_dir, "migrate")
    assert second.stdout.strip() == "applied 0 migration(s)"


def test_create_user_makes_staff_and_prints_the_id(data_dir: Path) -> None:
    run(data_dir, "migrate")
    made = run(
        data_dir,
        "create-user",
        "--email",
        "Boss@Example.com",
        "--name",
        "Boss",
        "--password",
        PASSWORD,
        "--role",
        "ADMIN",
        "--role",
        "SUPPORT",
    )
    user_id = made.stdout.strip()
    assert len(user_id) == 36
    weak = run(
        data_dir,
        "create-user",
        "--email",
        "x@example.com",
        "--name",
        "X",
        "--password",
        "short",
        check=False,
    )
    assert weak.returncode == 2 and "password" in weak.stderr
    dup = run(
        data_dir,
        "create-user",
        "--email",
        "boss@example.com",
        "--name",
        "B",
        "--password",
        PASSWORD,
        check=False,
    )
    assert dup.returncode == 2 and "exists" in dup.stderr


def test_audit_verify_reports_an_intact_trail(data_dir: Path) -> None:
    run(data_dir, "migrate")
    assert run(data_dir, "audit-verify").stdout.strip() == "audit trail intact"


def test_production_refuses_to_start_naming_the_setting(data_dir: Path) -> None:
    result = subprocess.run(
        [*PIXVAULT, "migrate"],
        env={**os.environ, "PIXVAULT_DATA_DIR": str(data_dir), "PIXVAULT_ENV": "production"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "PIXVAULT_SECRET_KEY" in result.stderr and "PIXVAULT_DATABASE_URL" in result.stderr


@contextmanager
def serving(data_dir: Path, **settings: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`pixvault serve` on a free port of a migrated data dir, with extra PIXVAULT_* settings."""
    run(data_dir, "migrate")
    port = free_port()
    env = {**os.environ, "PIXVAULT_DATA_DIR": str(data_dir), **settings}
    env.pop("PIXVAULT_REDIS_URL", None)
    proc = subprocess.Popen(
        [*PIXVAULT, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            proc.kill()
            pytest.fail(f"server did not start: {proc.communicate()[1]}")
        yield base, proc
    finally:
        proc.terminate()
        proc.wait(timeout=15)


@pytest.fixture
def server(data_dir: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    with serving(data_dir) as started:
        yield started


def test_serve_answers_graphql_and_the_web_app(
    server: tuple[str, subprocess.Popen[str]],
) -> None:
    base, proc = server
    with httpx.Client(base_url=base) as c:
        assert c.get("/readyz").json()["status"] == "ready"
        signed = c.post(
            "/graphql",
            json={
                "query": "mutation($i: SignUpInput!) { signUp(input: $i) { user { email } } }",
                "variables": {
                    "i": {
                        "name": "Live",
                        "email": "live@example.com",
                        "password": PASSWORD,
                        "acceptPolicies": True,
                        "minimumAgeConfirmed": True,
                    }
                },
            },
        )
        assert signed.json()["data"]["signUp"]["user"]["email"] == "live@example.com"
        assert c.post("/graphql", json={"query": "{ me { email } }"}).json() == {
            "data": {"me": {"email": "live@example.com"}}
        }
        assert "<html" in c.get("/library/anything").text.lower()
        request_id = c.get("/healthz").headers["x-request-id"]
    proc.terminate()
    _, stderr = proc.communicate(timeout=15)
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    mine = [line for line in lines if line.get("request_id") == request_id]
    assert mine and mine[0]["message"] == "GET /healthz 200"
    assert all("time" in line and "level" in line for line in lines)


def test_serve_refuses_an_unmigrated_database(data_dir: Path) -> None:
    result = run(data_dir, "serve", "--port", str(free_port()), check=False)
    assert result.returncode == 1
    assert "pixvault migrate" in result.stderr


def test_send_marketing_reaches_only_consenting_people_through_the_served_app(
    data_dir: Path,
) -> None:
    """The command queues; the running server's in-process sender delivers over SMTP."""
    with smtp_sink() as smtp, serving(data_dir, PIXVAULT_SMTP_URL=smtp.url) as (base, _):
        for email, agreed in (("yes@example.com", True), ("no@example.com", False)):
            with httpx.Client(base_url=base) as c:
                signed = c.post(
                    "/graphql",
                    json={
                        "query": "mutation($i: SignUpInput!) { "
                        "signUp(input: $i) { errors { code } } }",
                        "variables": {
                            "i": {
                                "name": "Reader",
                                "email": email,
                                "password": PASSWORD,
                                "acceptPolicies": True,
                                "minimumAgeConfirmed": True,
                                "marketingEmails": agreed,
                            }
                        },
                    },
                )
                assert signed.json()["data"]["signUp"]["errors"] == []
        body = data_dir / "news.txt"
        body.write_text("Albums are here.\n")
        sent = run(data_dir, "send-marketing", "--subject", "New: albums", "--body-file", str(body))
        assert sent.stdout.strip() == "queued 1 message(s) to people who agreed to marketing email"
        deadline = time.monotonic() + 30  # the server's sender polls every few seconds
        while not smtp.to("yes@example.com") and time.monotonic() < deadline:
            time.sleep(0.1)
        [message] = smtp.to("yes@example.com")
    assert message["Subject"] == "New: albums"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert smtp.to("no@example.com") == []
