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
    assert result.returncode == 2
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
        deadline = time.monotonic() + 90
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
        deadline = time.monotonic() + 90  # the server's sender polls every few seconds
        while not smtp.to("yes@example.com") and time.monotonic() < deadline:
            time.sleep(0.1)
        [message] = smtp.to("yes@example.com")
    assert message["Subject"] == "New: albums"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert smtp.to("no@example.com") == []


def run_with_input(
    data_dir: Path, stdin: str, *args: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIXVAULT_DATA_DIR": str(data_dir)}
    env.pop("PIXVAULT_DATABASE_URL", None)
    env.pop("PIXVAULT_REDIS_URL", None)
    return subprocess.run(
        [*PIXVAULT, *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=check,
        timeout=120,
    )


def run_in_terminal(data_dir: Path, typed: list[str], *args: str) -> tuple[int, str]:
    """Run the command with a pseudo-terminal as its controlling terminal (where getpass
    prompts), typing each of ``typed`` after a prompt; returns the exit code and the output."""
    import fcntl
    import pty
    import termios

    master, slave = pty.openpty()
    env = {**os.environ, "PIXVAULT_DATA_DIR": str(data_dir)}
    env.pop("PIXVAULT_DATABASE_URL", None)
    env.pop("PIXVAULT_REDIS_URL", None)

    def take_terminal() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(
        [*PIXVAULT, *args],
        env=env,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        preexec_fn=take_terminal,
    )
    os.close(slave)
    output = b""
    pending = list(typed)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            chunk = os.read(master, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
        answered = len(typed) - len(pending)
        # A prompt is waiting when the output ends with one not answered yet (getpass flushes
        # what is typed before its prompt, so typing early would be lost).
        if pending and output.endswith(b": ") and output.count(b"Password") > answered:
            os.write(master, pending.pop(0).encode() + b"\n")
    os.close(master)
    return proc.wait(timeout=30), output.decode(errors="replace")


def test_create_user_reads_the_password_from_stdin_or_a_prompt(data_dir: Path) -> None:
    run(data_dir, "migrate")
    made = run_with_input(
        data_dir,
        PASSWORD + "\n",
        "create-user",
        "--email",
        "piped@example.com",
        "--name",
        "Piped",
        "--password-stdin",
    )
    assert len(made.stdout.strip()) == 36 and made.stderr == ""
    empty = run_with_input(
        data_dir, "", "create-user", "--email", "e@example.com", "--name", "E",
        "--password-stdin", check=False,
    )  # fmt: skip
    assert empty.returncode == 2 and "no password" in empty.stderr
    # No terminal and no --password-stdin: told how, never hanging on a prompt.
    blind = run_with_input(
        data_dir, PASSWORD + "\n", "create-user", "--email", "b@example.com", "--name", "B",
        check=False,
    )  # fmt: skip
    assert blind.returncode == 2 and "--password-stdin" in blind.stderr

    code, output = run_in_terminal(
        data_dir,
        [PASSWORD, PASSWORD],
        "create-user", "--email", "typed@example.com", "--name", "Typed", "--role", "ADMIN",
    )  # fmt: skip
    assert code == 0, output
    assert "Password:" in output and "Password again:" in output
    assert PASSWORD not in output  # not echoed
    code, output = run_in_terminal(
        data_dir,
        [PASSWORD, PASSWORD + "x"],
        "create-user", "--email", "typo@example.com", "--name", "Typo",
    )  # fmt: skip
    assert code == 2 and "differ" in output


def test_the_old_password_flag_still_works_with_a_warning(data_dir: Path) -> None:
    run(data_dir, "migrate")
    made = run(
        data_dir, "create-user", "--email", "old@example.com", "--name", "Old",
        "--password", PASSWORD,
    )  # fmt: skip
    assert len(made.stdout.strip()) == 36
    assert "deprecated" in made.stderr


def test_set_password_ends_sessions_and_the_new_password_works(data_dir: Path) -> None:
    new_password = "another long and unusual passphrase"
    log_in = "mutation($i: LogInInput!) { logIn(input: $i) { errors { code } } }"
    with serving(data_dir) as (base, _):
        run_with_input(
            data_dir, PASSWORD + "\n",
            "create-user", "--email", "care@example.com", "--name", "Care", "--password-stdin",
        )  # fmt: skip
        with httpx.Client(base_url=base) as c:

            def log_in_errors(password: str) -> object:
                variables = {"i": {"email": "care@example.com", "password": password}}
                answer = c.post("/graphql", json={"query": log_in, "variables": variables})
                return answer.json()["data"]["logIn"]["errors"]

            def me() -> object:
                return c.post("/graphql", json={"query": "{ me { email } }"}).json()["data"]["me"]

            assert log_in_errors(PASSWORD) == []
            assert me() is not None
            weak = run_with_input(
                data_dir, "short\n", "set-password", "--email", "care@example.com",
                "--password-stdin", check=False,
            )  # fmt: skip
            assert weak.returncode == 2 and "password" in weak.stderr
            unknown = run_with_input(
                data_dir, new_password + "\n", "set-password", "--email", "no@example.com",
                "--password-stdin", check=False,
            )  # fmt: skip
            assert unknown.returncode == 2 and "No account" in unknown.stderr
            done = run_with_input(
                data_dir, new_password + "\n", "set-password", "--email", "CARE@example.com",
                "--password-stdin",
            )  # fmt: skip
            assert done.stdout.strip() == "password set; 1 session(s) ended"
            assert me() is None
            assert log_in_errors(PASSWORD) == [{"code": "INVALID_CREDENTIALS"}]
            assert log_in_errors(new_password) == []
    assert run(data_dir, "audit-verify").stdout.strip() == "audit trail intact"
    with pytest.raises(subprocess.CalledProcessError):
        run(data_dir, "set-password", "--email", "care@example.com", "--password", "x")
