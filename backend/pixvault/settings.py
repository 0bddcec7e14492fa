"""Settings from PIXVAULT_* environment variables (see README and runtime.md).

With no settings at all the embedded default works: SQLite and files under ./var, in-process
stores for sessions, rate limits and jobs, and emails written to DATA_DIR/outbox.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from enum import StrEnum
from functools import cached_property
from ipaddress import IPv4Network, IPv6Network
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from pixvault import settings_checks as checks
from pixvault.settings_checks import SettingsError


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class UnsafeSettingsError(RuntimeError):
    """Raised when PIXVAULT_ENV=production is combined with settings unsafe for production."""


def _unless_none(check: Callable[[str], str]) -> Callable[[str | None], str | None]:
    """An optional setting's check: unset is fine."""

    def run(value: str | None) -> str | None:
        return None if value is None else check(value)

    return run


SECRET_FILE_NAME = "secret_key"
#: The shortest PIXVAULT_SECRET_KEY production accepts, in bytes.
MIN_SECRET_BYTES = 32


class Settings(BaseSettings):
    #: An empty variable (as compose's ``${X:-}`` gives) counts as unset.
    model_config = SettingsConfigDict(
        env_prefix="PIXVAULT_", extra="ignore", env_ignore_empty=True, populate_by_name=True
    )

    env: Environment = Environment.DEVELOPMENT
    data_dir: Path = Path("./var")
    database_url: str | None = None
    redis_url: str | None = None
    secret_key: str | None = None
    public_url: str = "http://127.0.0.1:8000"
    storage_url: str | None = None
    s3_endpoint_url: str | None = None
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
    s3_region: str = "us-east-1"
    smtp_url: str | None = None
    mail_from: str = "Pixvault <no-reply@pixvault.local>"
    stripe_api_key: str | None = None
    stripe_webhook_secret: str | None = None
    stripe_api_base: str | None = None

    # Guard rails of the graph.
    max_body_bytes: int = Field(default=1_000_000, gt=0)
    max_upload_bytes: int = Field(default=50_000_000, gt=0)
    max_query_depth: int = Field(default=15, gt=0)
    max_aliases: int = Field(default=30, gt=0)
    max_tokens: int = Field(default=5_000, gt=0)
    #: GraphiQL, introspection and field suggestions; default on outside production.
    graphql_introspection: bool | None = None
    #: Comma-separated addresses or networks (CIDR) of reverse proxies whose X-Forwarded-For
    #: is believed.
    trusted_proxies: str = ""
    log_level: str = "INFO"
    #: Turns on GET /metrics (Prometheus), answered only to ``Authorization: Bearer <token>``.
    metrics_token: str | None = Field(default=None, min_length=16)
    #: An OTLP/HTTP collector (e.g. http://otel-collector:4318): turns on tracing. The standard
    #: OTEL_EXPORTER_OTLP_ENDPOINT is read too.
    otel_endpoint: str | None = Field(
        default=None,
        validation_alias=AliasChoices("PIXVAULT_OTEL_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"),
    )

    # Assets (see assets/). Uploads are also bounded by max_upload_bytes.
    max_upload_pixels: int = Field(default=100_000_000, gt=0)
    import_timeout_seconds: float = Field(default=30.0, gt=0)
    signed_url_seconds: int = Field(default=3600, gt=0)
    #: New renditions one client address may have made per minute through unsigned (PUBLIC)
    #: URLs; cached ones are not counted.
    public_renditions_per_minute: int = Field(default=300, gt=0)
    #: Test-only: comma-separated loopback ports importAssetFromUrl may reach, so tests can
    #: serve images locally. Refused in production.
    test_loopback_import_ports: str = ""

    # Sessions.
    session_idle_minutes: int = Field(default=120, gt=0)
    remember_me_days: int = Field(default=30, gt=0)
    password_hash_concurrency: int = Field(default=2, gt=0)

    # Background jobs.
    #: How often a running data subject request job records that it is alive; one silent for
    #: four beats is presumed dead (a killed worker) and run again.
    job_heartbeat_seconds: float = Field(default=15.0, gt=0)

    # Records.
    #: The processors register (TOML); unset: records/processors.toml shipped with the code.
    processors_file: Path | None = None
    #: Activity events older than this many months are deleted.
    activity_retention_months: int = Field(default=13, ge=1)
    #: The append-only list of erasures (ids only) that `pixvault restore` replays; unset:
    #: DATA_DIR/erasure-journal.jsonl. Keep it on storage that outlives the database.
    erasure_journal: Path | None = None
    #: Where `pixvault backup`/`restore` find pg_dump and pg_restore of the server's major
    #: version; unset: /usr/lib/postgresql/<major>/bin, then PATH.
    pg_bin_dir: Path | None = None
    #: The supervisory authority people may complain to (GDPR Art. 77), named in the privacy
    #: centre, the export's README and the emails about declined or extended requests.
    supervisory_authority_name: str | None = None
    supervisory_authority_url: str | None = None

    # Set by tests only; never read from outside in production.
    generated_secret: bool = Field(default=False, exclude=True)

    # Each check raises ValueError saying what is wrong (settings_checks.py).
    valid_database_url = field_validator("database_url")(_unless_none(checks.check_database_url))
    valid_redis_url = field_validator("redis_url")(_unless_none(checks.check_redis_url))
    valid_storage_url = field_validator("storage_url")(_unless_none(checks.check_storage_url))
    valid_http_urls = field_validator(
        "s3_endpoint_url", "stripe_api_base", "supervisory_authority_url"
    )(_unless_none(checks.check_http_url))
    valid_public_url = field_validator("public_url")(checks.check_public_url)
    valid_smtp_url = field_validator("smtp_url")(_unless_none(checks.check_smtp_url))
    valid_mail_from = field_validator("mail_from")(checks.check_mail_from)
    valid_log_level = field_validator("log_level")(checks.check_log_level)

    @field_validator("trusted_proxies", "test_loopback_import_ports")
    @classmethod
    def valid_lists(cls, value: str, info: ValidationInfo) -> str:
        if info.field_name == "trusted_proxies":
            checks.proxy_networks(value)
        else:
            checks.port_list(value)
        return value

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            url = self.database_url
            return "postgres" + url[len("postgresql") :] if url.startswith("postgresql") else url
        return f"sqlite://{(self.data_dir / 'pixvault.sqlite3').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    @property
    def is_production(self) -> bool:
        return self.env is Environment.PRODUCTION

    @property
    def https(self) -> bool:
        return urlsplit(self.public_url).scheme == "https"

    @property
    def introspection_enabled(self) -> bool:
        if self.graphql_introspection is not None:
            return self.graphql_introspection
        return not self.is_production

    @cached_property
    def trusted_proxy_networks(self) -> tuple[IPv4Network | IPv6Network, ...]:
        return checks.proxy_networks(self.trusted_proxies)

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def erasure_journal_path(self) -> Path:
        return self.erasure_journal or self.data_dir / "erasure-journal.jsonl"

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite database file, or None on PostgreSQL."""
        if not self.is_sqlite:
            return None
        return Path(self.resolved_database_url.removeprefix("sqlite://").split("?", 1)[0])

    @property
    def loopback_import_ports(self) -> frozenset[int]:
        return checks.port_list(self.test_loopback_import_ports)

    def ensure_secret(self) -> str:
        """Return the secret key, generating it once into DATA_DIR when unset.

        Keeping the generated key on disk means restarts keep sessions and signed URLs valid.
        """
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / SECRET_FILE_NAME
        if path.exists():
            self.secret_key = path.read_text().strip()
        else:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            key = secrets.token_urlsafe(48)
            path.touch(mode=0o600)
            path.write_text(key)
            self.secret_key = key
        self.generated_secret = True
        return self.secret_key

    def check_production(self) -> None:
        """Refuse to start in production with settings only fit for development."""
        if not self.is_production:
            return
        problems = []
        if not self.secret_key or self.generated_secret:
            problems.append(
                "PIXVAULT_SECRET_KEY must be set (a generated secret is for development)"
            )
        elif len(self.secret_key.encode()) < MIN_SECRET_BYTES:
            problems.append(f"PIXVAULT_SECRET_KEY must be {MIN_SECRET_BYTES} bytes or longer")
        if self.is_sqlite:
            problems.append("PIXVAULT_DATABASE_URL must point at PostgreSQL, not SQLite")
        if not self.https:
            problems.append("PIXVAULT_PUBLIC_URL must be an https:// URL")
        if not self.smtp_url:
            problems.append(
                "PIXVAULT_SMTP_URL must be set (emails written to DATA_DIR/outbox reach nobody)"
            )
        if self.test_loopback_import_ports:
            problems.append("PIXVAULT_TEST_LOOPBACK_IMPORT_PORTS is for tests only")
        if problems:
            raise UnsafeSettingsError(
                "refusing to start with PIXVAULT_ENV=production: "
                + "; ".join(problems)
                + "; for example PIXVAULT_SECRET_KEY="
                + checks.EXAMPLES["secret_key"]
                + " PIXVAULT_DATABASE_URL="
                + checks.EXAMPLES["database_url"]
                + " PIXVAULT_PUBLIC_URL="
                + checks.EXAMPLES["public_url"]
                + " PIXVAULT_SMTP_URL="
                + checks.EXAMPLES["smtp_url"]
            )

    def prepare(self) -> Settings:
        """Validate for the environment and make the data directory and secret ready."""
        self.check_production()
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self.ensure_secret()
        except OSError as error:
            raise SettingsError(
                "data_dir", f"{str(self.data_dir)!r} cannot be written: {error.strerror}"
            ) from None
        return self


def load_settings() -> Settings:
    """The settings from the environment; a bad value raises SettingsError (one line)."""
    try:
        return Settings()
    except ValidationError as error:
        defaults = {name: field.default for name, field in Settings.model_fields.items()}
        raise checks.settings_error(error, defaults) from None
