"""The deployment files: docker-compose.yml and the Dockerfile agree with the real settings and
commands. No Docker engine is needed: the files are parsed, not run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from pixvault.core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"

SETTING_NAMES = frozenset(f"PIXVAULT_{name.upper()}" for name in Settings.model_fields)
# ${NAME}, ${NAME:-default}, ${NAME:?message} and friends; `$$` escapes a literal dollar.
INTERPOLATION = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    document = yaml.safe_load(COMPOSE_FILE.read_text())
    assert isinstance(document, dict), "docker-compose.yml is not a mapping"
    return document


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = compose.get("services")
    assert isinstance(found, dict) and found, "docker-compose.yml has no services"
    return found


def environment(service: dict[str, Any]) -> dict[str, str]:
    """A service's environment as a mapping, from either of compose's two spellings."""
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        pairs = (item.split("=", 1) if "=" in item else (item, "") for item in raw)
        return {name: value for name, value in pairs}
    return {str(name): "" if value is None else str(value) for name, value in raw.items()}


def command(service: dict[str, Any]) -> list[str]:
    """A service's command as argv; empty when it keeps its image's default."""
    raw = service.get("command") or []
    return raw.split() if isinstance(raw, str) else [str(part) for part in raw]


def image_of(service: dict[str, Any]) -> str:
    return str(service.get("image", "")).lower()


def test_services_of_a_multi_node_deployment(services: dict[str, dict[str, Any]]) -> None:
    assert {"postgres", "redis", "app", "worker"} <= services.keys()
    assert image_of(services["postgres"]).startswith("postgres")
    assert image_of(services["redis"]).startswith("redis")
    s3_stores = [name for name, s in services.items() if re.search(r"minio|s3|garage", image_of(s))]
    assert s3_stores, "no S3-compatible object store among the services"
    assert "build" in services["app"], "the app is built from the Dockerfile"


def test_every_pixvault_variable_is_a_real_setting(
    compose: dict[str, Any], services: dict[str, dict[str, Any]]
) -> None:
    named = {
        (service_name, variable)
        for service_name, service in services.items()
        for variable in environment(service)
        if variable.startswith("PIXVAULT_")
    }
    assert named, "no service sets any PIXVAULT_* variable"
    unknown = sorted(f"{svc}: {var}" for svc, var in named if var not in SETTING_NAMES)
    assert not unknown, f"not settings of pixvault.core.settings.Settings: {unknown}"
    # Variables taken from the host (${PIXVAULT_...}) must be real settings too.
    interpolated = set(INTERPOLATION.findall(COMPOSE_FILE.read_text()))
    bogus = sorted(v for v in interpolated if v.startswith("PIXVAULT_") and v not in SETTING_NAMES)
    assert not bogus, f"interpolated PIXVAULT_* names that are not settings: {bogus}"


def test_app_serves_with_several_workers(services: dict[str, dict[str, Any]]) -> None:
    argv = command(services["app"])
    assert argv[:2] == ["pixvault", "serve"], argv
    assert "--workers" in argv, argv
    assert int(argv[argv.index("--workers") + 1]) > 1, argv
    assert argv[argv.index("--host") + 1] == "0.0.0.0", "the app must listen beyond loopback"


def test_worker_runs_the_job_runner(services: dict[str, dict[str, Any]]) -> None:
    assert command(services["worker"])[:2] == ["pixvault", "worker"]


def test_migrations_run_before_app_and_worker(services: dict[str, dict[str, Any]]) -> None:
    migrate = [n for n, s in services.items() if command(s)[:2] == ["pixvault", "migrate"]]
    assert len(migrate) == 1, "exactly one one-shot `pixvault migrate` service"
    for name in ("app", "worker"):
        depends = services[name].get("depends_on") or {}
        assert isinstance(depends, dict), f"{name}: depends_on should carry conditions"
        assert (depends.get(migrate[0]) or {}).get("condition") == (
            "service_completed_successfully"
        ), f"{name} must wait for the migrations to finish"


@pytest.mark.parametrize("name", ["app", "worker", "migrate"])
def test_production_settings(services: dict[str, dict[str, Any]], name: str) -> None:
    env = environment(services[name])
    assert env.get("PIXVAULT_ENV") == "production"
    assert re.match(r"postgres(ql)?://", env.get("PIXVAULT_DATABASE_URL", "")), env
    assert env.get("PIXVAULT_REDIS_URL", "").startswith("redis://"), env
    assert env.get("PIXVAULT_STORAGE_URL", "").startswith("s3://"), env
    # The secret comes from the operator, never from the file itself.
    assert re.fullmatch(r"\$\{PIXVAULT_SECRET_KEY:\?[^}]*\}", env.get("PIXVAULT_SECRET_KEY", ""))
    public_url = env.get("PIXVAULT_PUBLIC_URL", "")
    assert public_url.startswith("https://") or public_url.startswith("${PIXVAULT_PUBLIC_URL:?")


def test_dockerfile_serves_pixvault() -> None:
    assert DOCKERFILE.is_file(), "Dockerfile is missing"
    text = DOCKERFILE.read_text()
    lines = [line.strip() for line in text.splitlines()]
    cmds = [line for line in lines if line.startswith("CMD ")]
    assert cmds, "the Dockerfile has no CMD"
    argv = yaml.safe_load(cmds[-1][len("CMD ") :])  # the exec form is a JSON (so YAML) list
    assert isinstance(argv, list) and argv[:2] == ["pixvault", "serve"], cmds[-1]
    assert argv[argv.index("--host") + 1] == "0.0.0.0"
    froms = [line.split()[1] for line in lines if line.upper().startswith("FROM ")]
    assert froms[-1].startswith("python:3.11"), "the final stage runs on python:3.11"
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and not users[-1].startswith(("root", "0")), "the service must not run as root"
    assert "/healthz" in text, "the HEALTHCHECK polls /healthz"


def named_mounts(compose: dict[str, Any], service: dict[str, Any]) -> dict[str, str]:
    """A service's mounts of named volumes (declared at the top level): target to volume."""
    declared = compose.get("volumes") or {}
    mounts: dict[str, str] = {}
    for entry in service.get("volumes") or []:
        if isinstance(entry, str):
            source, _, rest = entry.partition(":")
            target = rest.split(":")[0]
        else:
            source, target = str(entry.get("source", "")), str(entry.get("target", ""))
        if source in declared:
            mounts[target] = source
    return mounts


def long_running(services: dict[str, dict[str, Any]]) -> list[str]:
    """Services that stay up (not the one-shots, which run once with restart "no")."""
    return [name for name, s in services.items() if str(s.get("restart", "")) != "no"]


def dockerfile_data_dir() -> str:
    found = re.search(r"PIXVAULT_DATA_DIR=(\S+)", DOCKERFILE.read_text())
    assert found, "the Dockerfile sets PIXVAULT_DATA_DIR"
    return found.group(1)


def test_every_service_that_writes_keeps_its_data_in_a_named_volume(
    compose: dict[str, Any], services: dict[str, dict[str, Any]]
) -> None:
    minio = next(n for n, s in services.items() if "minio/minio" in image_of(s))
    minio_dir = command(services[minio])[command(services[minio]).index("server") + 1]
    wanted = {
        "postgres": "/var/lib/postgresql/data",
        "redis": "/data",
        minio: minio_dir,
        "app": dockerfile_data_dir(),
        "worker": dockerfile_data_dir(),
    }
    for name, path in wanted.items():
        assert path in named_mounts(compose, services[name]), f"{name}: no named volume at {path}"
    # The app's replicas and the worker share the data directory (exports in progress).
    assert (
        named_mounts(compose, services["app"])[wanted["app"]]
        == named_mounts(compose, services["worker"])[wanted["worker"]]
    )


def test_redis_keeps_its_data_in_an_append_only_file(services: dict[str, dict[str, Any]]) -> None:
    argv = command(services["redis"])
    assert argv[:1] == ["redis-server"] and "--appendonly" in argv
    assert argv[argv.index("--appendonly") + 1] == "yes"


def test_smtp_is_required_in_production(services: dict[str, dict[str, Any]]) -> None:
    for name in ("app", "worker"):
        smtp = environment(services[name]).get("PIXVAULT_SMTP_URL", "")
        assert re.fullmatch(r"\$\{PIXVAULT_SMTP_URL:\?[^}]+\}", smtp), f"{name}: {smtp!r}"


def test_every_long_running_service_has_a_healthcheck(
    services: dict[str, dict[str, Any]],
) -> None:
    running = long_running(services)
    assert {"postgres", "redis", "app", "worker"} <= set(running)
    for name in running:
        check = services[name].get("healthcheck") or {}
        assert not check.get("disable"), f"{name}: healthcheck disabled"
        test = check.get("test")
        assert isinstance(test, list) and test[0] in ("CMD", "CMD-SHELL"), f"{name}: {check}"
    assert command({"command": services["worker"]["healthcheck"]["test"][1:]})[:2] == [
        "pixvault",
        "check",
    ]


def test_the_image_runs_as_an_unprivileged_user_owning_the_data_dir() -> None:
    text = DOCKERFILE.read_text()
    final_stage = text[text.rindex("\nFROM ") :]
    users = re.findall(r"^USER\s+(\S+)", final_stage, re.MULTILINE)
    assert users, "the final stage sets no USER"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0")
    created = re.search(r"useradd\b[^\n]*(?:\\\n[^\n]*)*", final_stage)
    assert created and re.search(rf"\b{re.escape(user)}\b", created.group(0)), (
        "the USER is created in the final stage"
    )
    assert re.search(rf"chown\s+{re.escape(user)}\S*\s+{re.escape(dockerfile_data_dir())}", text)
