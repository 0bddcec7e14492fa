"""Bad settings, run through the real `pixvault` command as subprocesses: each ends the command
at once with one line naming the variable, what is wrong and an example, exit status 2, and no
traceback; commands that need a migrated database say so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pixvault.cli import BAD_SETTING, NOT_READY

PIXVAULT = [sys.executable, "-m", "pixvault"]

#: Every PIXVAULT_* variable of the host is dropped, so only the case's own settings count.
BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith("PIXVAULT_")}

#: A production configuration that passes every check; cases spoil one part of it.
PRODUCTION = {
    "PIXVAULT_ENV": "production",
    "PIXVAULT_SECRET_KEY": "s" * 40,
    "PIXVAULT_DATABASE_URL": "postgres://pixvault@127.0.0.1:1/pixvault",
    "PIXVAULT_PUBLIC_URL": "https://pix.example.com",
    "PIXVAULT_SMTP_URL": "smtp://127.0.0.1:1",
}


#: The arguments a command cannot run without.
REQUIRED_ARGS = {
    "create-user": ["--email", "a@example.com", "--name", "A", "--password-stdin"],
    "send-marketing": ["--subject", "News", "--body-file", "/nonexistent/body.txt"],
}


def pixvault(data_dir: Path, command: str, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {**BASE_ENV, "PIXVAULT_DATA_DIR": str(data_dir), **settings}
    return subprocess.run(
        [*PIXVAULT, command, *REQUIRED_ARGS.get(command, [])],
        env=env,
        input="x" * 20 + "\n",  # the password of create-user --password-stdin
        capture_output=True,
        text=True,
        timeout=120,
    )


# (variable, bad value, command, a word the problem must contain)
BAD_VALUES = [
    ("PIXVAULT_DATABASE_URL", "mysql://db/pixvault", "migrate", "PostgreSQL"),
    ("PIXVAULT_DATABASE_URL", "postgres://pixvault:hunter2@db:5432", "serve", "database name"),
    ("PIXVAULT_DATABASE_URL", "postgres://db:99999/pixvault", "create-user", "port"),
    ("PIXVAULT_REDIS_URL", "localhost:6379", "worker", "Redis URL"),
    ("PIXVAULT_REDIS_URL", "redis://127.0.0.1:6379/cache", "serve", "numbers"),
    ("PIXVAULT_STORAGE_URL", "ftp://files.example.com/x", "serve", "s3://"),
    ("PIXVAULT_STORAGE_URL", "s3://", "worker", "bucket"),
    ("PIXVAULT_S3_ENDPOINT_URL", "minio:9000", "serve", "http"),
    ("PIXVAULT_SMTP_URL", "mail.example.com:25", "serve", "SMTP URL"),
    ("PIXVAULT_SMTP_URL", "smtp://:587", "send-marketing", "host"),
    ("PIXVAULT_PUBLIC_URL", "pix.example.com", "serve", "https"),
    ("PIXVAULT_MAIL_FROM", "Pixvault", "serve", "email address"),
    ("PIXVAULT_STRIPE_API_BASE", "stripe", "serve", "http"),
    ("PIXVAULT_MAX_UPLOAD_BYTES", "lots", "serve", "whole number"),
    ("PIXVAULT_MAX_BODY_BYTES", "-1", "create-user", "greater than 0"),
    ("PIXVAULT_SIGNED_URL_SECONDS", "1.5", "serve", "whole number"),
    ("PIXVAULT_IMPORT_TIMEOUT_SECONDS", "soon", "serve", "not a number"),
    ("PIXVAULT_JOB_HEARTBEAT_SECONDS", "0", "worker", "greater than 0"),
    ("PIXVAULT_ACTIVITY_RETENTION_MONTHS", "0", "worker", "greater than or equal to 1"),
    ("PIXVAULT_LOG_LEVEL", "loud", "serve", "INFO"),
    ("PIXVAULT_TRUSTED_PROXIES", "notanip", "serve", "IP address"),
    ("PIXVAULT_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.300", "worker", "IP address"),
    ("PIXVAULT_TEST_LOOPBACK_IMPORT_PORTS", "80,http", "serve", "port"),
    ("PIXVAULT_PUBLIC_RENDITION_SIZES", "64,128,9000", "serve", "'9000'"),
    ("PIXVAULT_PUBLIC_TRANSFORMATION_SHARE_PERCENT", "120", "serve", "less than or equal"),
    ("PIXVAULT_GRAPHQL_INTROSPECTION", "maybe", "serve", "true or false"),
    ("PIXVAULT_ENV", "prod", "export-schema", "production"),
    ("PIXVAULT_PROCESSORS_FILE", "/nonexistent/processors.toml", "audit-verify", "cannot be read"),
]


@pytest.mark.parametrize(("variable", "value", "command", "problem"), BAD_VALUES)
def test_a_bad_value_ends_the_command_with_one_line(
    tmp_path: Path, variable: str, value: str, command: str, problem: str
) -> None:
    result = pixvault(tmp_path, command, **{variable: value})
    assert result.returncode == BAD_SETTING, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    [line] = lines
    assert line.startswith(f"error: {variable} "), line
    assert problem in line, line
    assert f"for example {variable}=" in line, line
    assert "hunter2" not in line, "a password in a URL is never repeated"
    assert result.stdout == ""


def test_an_invalid_processors_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "processors.toml"
    bad.write_text("[[processors]\nname = 1\n")
    result = pixvault(tmp_path, "serve", PIXVAULT_PROCESSORS_FILE=str(bad))
    assert result.returncode == BAD_SETTING
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: PIXVAULT_PROCESSORS_FILE is wrong: ") and "TOML" in line


def test_a_data_dir_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("not a directory")
    result = pixvault(taken, "migrate")
    assert result.returncode == BAD_SETTING
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: PIXVAULT_DATA_DIR ") and "cannot be written" in line


@pytest.mark.parametrize(
    ("command", "spoiled", "named"),
    [
        ("serve", {"PIXVAULT_SECRET_KEY": "short-secret-31-bytes-long-xxxx"}, "32 bytes or"),
        ("worker", {"PIXVAULT_SECRET_KEY": "short-secret-31-bytes-long-xxxx"}, "32 bytes or"),
        ("serve", {"PIXVAULT_SMTP_URL": ""}, "PIXVAULT_SMTP_URL must be set"),
        ("worker", {"PIXVAULT_SMTP_URL": ""}, "PIXVAULT_SMTP_URL must be set"),
        ("migrate", {"PIXVAULT_DATABASE_URL": ""}, "PIXVAULT_DATABASE_URL must point at"),
        ("serve", {"PIXVAULT_PUBLIC_URL": "http://pix.example.com"}, "PIXVAULT_PUBLIC_URL must"),
    ],
)
def test_production_refuses_unsafe_settings_in_one_line(
    tmp_path: Path, command: str, spoiled: dict[str, str], named: str
) -> None:
    result = pixvault(tmp_path, command, **{**PRODUCTION, **spoiled})
    assert result.returncode == BAD_SETTING, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: refusing to start with PIXVAULT_ENV=production: ")
    assert named in line and "for example" in line
    assert "short-secret" not in line, "the secret is never repeated"


@pytest.mark.parametrize("command", ["serve", "worker", "create-user", "audit-verify"])
def test_commands_needing_the_database_say_to_migrate_first(tmp_path: Path, command: str) -> None:
    # The worker needs Redis; it is never reached, as the missing migrations stop it first.
    result = pixvault(tmp_path, command, PIXVAULT_REDIS_URL="redis://127.0.0.1:1/0")
    assert result.returncode == NOT_READY, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "run `pixvault migrate`" in line


def test_an_unreachable_database_is_one_line(tmp_path: Path) -> None:
    result = pixvault(tmp_path, "migrate", PIXVAULT_DATABASE_URL="postgres://u@127.0.0.1:1/pv")
    assert result.returncode == NOT_READY
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: the database of PIXVAULT_DATABASE_URL cannot be used")


def test_version_comes_from_the_package_metadata(tmp_path: Path) -> None:
    from importlib.metadata import version

    result = pixvault(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pixvault {version('pixvault')}"
    assert version("pixvault").count(".") == 2
