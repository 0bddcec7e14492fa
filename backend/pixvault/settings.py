"""Settings from PIXVAULT_* environment variables (see README and runtime.md).

With no settings at all the embedded default works: SQLite and files under ./var, in-process
stores for sessions, rate limits and jobs, and emails written to DATA_DIR/outbox.
"""

from __future__ import annotations

import secrets
from enum import StrEnum
from functools import cached_property
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class UnsafeSettingsError(RuntimeError):
    """Raised when PIXVAULT_ENV=production is combined with settings unsafe for production."""


SECRET_FILE_NAME = "secret_key"


class Settings(BaseSettings):
    #: An empty variable (as compose's ``${X:-}`` gives) counts as unset.
    model_config = SettingsConfigDict(env_prefix="PIXVAULT_", extra="ignore", env_ignore_empty=True)

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
    max_body_bytes: int = 1_000_000
    max_upload_bytes: int = 50_000_000
    max_query_depth: int = 15
    max_aliases: int = 30
    max_tokens: int = 5_000
    #: GraphiQL, introspection and field suggestions; default on outside production.
    graphql_introspection: bool | None = None
    #: Comma-separated addresses or networks (CIDR) of reverse proxies whose X-Forwarded-For
    #: is believed.
    trusted_proxies: str = ""
    log_level: str = "INFO"

    # Assets (see assets/). Uploads are also bounded by max_upload_bytes.
    max_upload_pixels: int = 100_000_000
    import_timeout_seconds: float = 30.0
    signed_url_seconds: int = 3600
    #: New renditions one client address may have made per minute through unsigned (PUBLIC)
    #: URLs; cached ones are not counted.
    public_renditions_per_minute: int = 300
    #: How long browsers (and, without a purge hook, shared caches) may keep a public image:
    #: the longest a recalled image can still be seen from a cache Pixvault cannot purge.
    public_max_age_seconds: int = Field(default=300, ge=0)
    #: Where recalls of public images are announced to caches (assets/purge.py); unset: none.
    cache_purge_url: str | None = None
    #: One extra header of each purge request, "Name: value" (a CDN's API token).
    cache_purge_header: str | None = None
    #: Test-only: comma-separated loopback ports importAssetFromUrl may reach, so tests can
    #: serve images locally. Refused in production.
    test_loopback_import_ports: str = ""

    # Sessions.
    session_idle_minutes: int = 120
    remember_me_days: int = 30
    password_hash_concurrency: int = 2

    # Background jobs.
    #: How often a running data subject request job records that it is alive; one silent for
    #: four beats is presumed dead (a killed worker) and run again.
    job_heartbeat_seconds: float = Field(default=15.0, gt=0)

    # Records.
    #: The processors register (TOML); unset: records/processors.toml shipped with the code.
    processors_file: Path | None = None
    #: Activity events older than this many months are deleted.
    activity_retention_months: int = Field(default=13, ge=1)

    # Set by tests only; never read from outside in production.
    generated_secret: bool = Field(default=False, exclude=True)

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
        return tuple(
            ip_network(p.strip(), strict=False)
            for p in self.trusted_proxies.split(",")
            if p.strip()
        )

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def loopback_import_ports(self) -> frozenset[int]:
        return frozenset(int(p) for p in self.test_loopback_import_ports.split(",") if p.strip())

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
        if self.is_sqlite:
            problems.append("PIXVAULT_DATABASE_URL must point at PostgreSQL, not SQLite")
        if not self.https:
            problems.append("PIXVAULT_PUBLIC_URL must be an https:// URL")
        if self.test_loopback_import_ports:
            problems.append("PIXVAULT_TEST_LOOPBACK_IMPORT_PORTS is for tests only")
        if problems:
            raise UnsafeSettingsError(
                "refusing to start with PIXVAULT_ENV=production: " + "; ".join(problems)
            )

    def prepare(self) -> Settings:
        """Validate for the environment and make the data directory and secret ready."""
        self.check_production()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.ensure_secret()
        return self
