"""Settings: embedded defaults, the generated secret, and production's refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from pixvault.core.settings import Settings, UnsafeSettingsError


def test_embedded_default_uses_sqlite_under_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.is_sqlite
    assert settings.resolved_database_url == f"sqlite://{(tmp_path / 'pixvault.sqlite3').resolve()}"
    assert settings.outbox_dir == tmp_path / "outbox"
    assert settings.redis_url is None


def test_settings_come_from_pixvault_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIXVAULT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PIXVAULT_DATABASE_URL", "postgresql://u@db:5432/pv")
    monkeypatch.setenv("PIXVAULT_PUBLIC_URL", "https://pix.example.com")
    settings = Settings()
    assert settings.data_dir == tmp_path
    assert settings.resolved_database_url == "postgres://u@db:5432/pv"
    assert settings.https


def test_secret_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path).prepare().secret_key
    second = Settings(data_dir=tmp_path).prepare().secret_key
    assert first and first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        (
            {"database_url": "postgres://u@db/pv", "public_url": "https://x.example"},
            "PIXVAULT_SECRET_KEY",
        ),
        ({"secret_key": "s" * 40, "public_url": "https://x.example"}, "PIXVAULT_DATABASE_URL"),
        ({"secret_key": "s" * 40, "database_url": "postgres://u@db/pv"}, "PIXVAULT_PUBLIC_URL"),
    ],
)
def test_production_refuses_unsafe_settings(
    tmp_path: Path, overrides: dict[str, str], named: str
) -> None:
    settings = Settings(env="production", data_dir=tmp_path, **overrides)
    with pytest.raises(UnsafeSettingsError, match=named):
        settings.prepare()


def test_production_accepts_safe_settings(tmp_path: Path) -> None:
    Settings(
        env="production",
        data_dir=tmp_path,
        secret_key="s" * 40,
        database_url="postgres://u@db/pv",
        public_url="https://pix.example.com",
        smtp_url="smtp://mail.example.com:587",
    ).prepare()


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    internal = {"generated_secret"}
    missing = [
        name
        for name in Settings.model_fields
        if name not in internal and f"PIXVAULT_{name.upper()}" not in readme
    ]
    assert missing == [], f"document these settings in the README: {missing}"


@pytest.mark.parametrize("ports", ["", "80,http", "0", "70000", "443;80"])
def test_import_ports_must_be_port_numbers(tmp_path: Path, ports: str) -> None:
    with pytest.raises(ValueError, match="port number"):
        Settings(data_dir=tmp_path, import_ports=ports)
