"""Settings from PIXVAULT_* environment variables (see the README).

With no settings at all the embedded default works: SQLite and files under ./var, in-process
stores for sessions, rate limits and jobs, and emails written to DATA_DIR/outbox.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from enum import StrEnum
from functools import cached_property
from ipaddress import IPv4Network, IPv6Network
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from pixvault.core import settings_checks as checks
from pixvault.core.settings_checks import SettingsError


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class PersistedQueryMode(StrEnum):
    """Which documents /graphql runs (graph/persisted.py)."""

    #: Any document; automatic persisted queries (a sha256 hash instead of the text) too.
    AUTO = "auto"
    #: Only the web app's documents (the shipped manifest), by text or by hash.
    ONLY = "only"
    #: Any document sent as text; hashes are answered PersistedQueryNotSupported.
    OFF = "off"


class UnsafeSettingsError(RuntimeError):
    """Raised when PIXVAULT_ENV=production is combined with settings unsafe for production."""


def _unless_none(check: Callable[[str], str]) -> Callable[[str | None], str | None]:
    """An optional setting's check: unset is fine."""

    def run(value: str | None) -> str | None:
        return None if value is None else check(value)

    return run


class CorsOriginError(UnsafeSettingsError):
    """PIXVAULT_CORS_ORIGINS holds a wildcard or something that is not an origin."""


SECRET_FILE_NAME = "secret_key"
#: The shortest PIXVAULT_SECRET_KEY production accepts, in bytes.
MIN_SECRET_BYTES = 32


#: The default ladder of public rendition sizes (common thumbnail, layout and screen sizes).
DEFAULT_PUBLIC_SIZES = (
    "16,24,32,48,64,96,128,160,192,240,256,320,384,400,480,512,600,640,720,768,800,960,1024,"
    "1080,1200,1280,1440,1600,1920,2048,2400,2560,3200,3840,4096"
)


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
    #: What an erased customer gets back of the period they paid for: nothing (``none``), or
    #: the unused part of their last payment, refunded through a Stripe credit note (``prorate``).
    stripe_erasure_refund: Literal["none", "prorate"] = "none"

    # Guard rails of the graph.
    max_body_bytes: int = Field(default=1_000_000, gt=0)
    max_upload_bytes: int = Field(default=50_000_000, gt=0)
    max_query_depth: int = Field(default=15, gt=0)
    max_aliases: int = Field(default=30, gt=0)
    max_tokens: int = Field(default=5_000, gt=0)
    #: The most fields one operation may ask to resolve, each list multiplying what is below it
    #: by its first/last (graph/query_cost.py).
    max_query_cost: int = Field(default=50_000, ge=1)
    #: Query cost one client (a signed-in person, else an address) may spend per minute;
    #: 0 sets no budget.
    query_cost_per_minute: int = Field(default=0, ge=0)
    #: GraphiQL, introspection and field suggestions; default on outside production.
    graphql_introspection: bool | None = None
    persisted_queries: PersistedQueryMode = PersistedQueryMode.AUTO
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
    #: Comma-separated exact origins (scheme://host[:port]) of other-origin web clients that
    #: may call the API with credentials (http/cors.py). Never a wildcard.
    cors_origins: str = ""

    # Assets (see assets/). Uploads are also bounded by max_upload_bytes.
    max_upload_pixels: int = Field(default=100_000_000, gt=0)
    import_timeout_seconds: float = Field(default=30.0, gt=0)
    #: Comma-separated ports importAssetFromUrl may connect to (and be redirected to).
    import_ports: str = "80,443"
    #: URL imports one account may start per hour.
    imports_per_hour: int = Field(default=30, ge=1)
    signed_url_seconds: int = Field(default=3600, gt=0)
    #: New renditions one client address may have made per minute through unsigned (PUBLIC)
    #: URLs; cached ones are not counted.
    public_renditions_per_minute: int = Field(default=300, gt=0)
    #: New renditions of one PUBLIC asset that people other than its owner may have made per
    #: hour, from every address together.
    public_renditions_per_asset_per_hour: int = Field(default=60, ge=0)
    #: The percentage of the owner's monthly transformations that others' requests may spend;
    #: the rest is kept for the owner's own use.
    public_transformation_share_percent: int = Field(default=80, ge=0, le=100)
    #: Comma-separated widths and heights an unsigned URL may ask for (the graph signs URLs of
    #: other sizes), so strangers cannot ask for an unbounded variety of renditions.
    public_rendition_sizes: str = DEFAULT_PUBLIC_SIZES
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

    # Sign-up.
    #: The minimum age to create an account; sign-up asks people to confirm it.
    minimum_age: int = Field(default=16, ge=1, le=120)

    # Sessions.
    session_idle_minutes: int = Field(default=120, gt=0)
    remember_me_days: int = Field(default=30, gt=0)
    #: A remember-me session ends this long after its log-in, however often it is used.
    remember_me_max_days: int = Field(default=90, ge=1)
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

    # The controller: who is responsible for the personal data, named in every export, email
    # and the policy pages (core/controller.py).
    operator_name: str = "The operator of this Pixvault installation"
    #: The operator's postal address, shown beside its name when set.
    operator_address: str | None = None
    #: Where people write about their personal data (an email address or a URL).
    privacy_contact: str = "privacy@pixvault.local"
    #: The supervisory authority people may complain to (GDPR Art. 77), and where: named in
    #: exports, emails, the policy pages, the privacy centre and breach notices.
    supervisory_authority_name: str = "the data protection authority of your country"
    supervisory_authority_url: str = "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en"

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

    @field_validator(
        "trusted_proxies", "test_loopback_import_ports", "import_ports", "public_rendition_sizes"
    )
    @classmethod
    def valid_lists(cls, value: str, info: ValidationInfo) -> str:
        if info.field_name == "trusted_proxies":
            checks.proxy_networks(value)
        elif info.field_name == "public_rendition_sizes":
            checks.rendition_sizes(value)
        elif not checks.port_list(value) and info.field_name == "import_ports":
            raise ValueError("is empty: list the port numbers URL imports may reach")
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

    @cached_property
    def cors_origin_set(self) -> frozenset[str]:
        """The listed origins, normalised; CorsOriginError for a wildcard or a malformed one."""
        origins = set()
        for raw in self.cors_origins.split(","):
            origin = raw.strip().lower().rstrip("/")
            if not origin:
                continue
            if "*" in origin:
                raise CorsOriginError(
                    "PIXVAULT_CORS_ORIGINS must list exact origins: a wildcard cannot be "
                    "combined with credentials"
                )
            parts = urlsplit(origin)
            if (
                parts.scheme not in ("http", "https")
                or not parts.hostname
                or parts.path
                or parts.query
                or parts.fragment
                or parts.username
            ):
                raise CorsOriginError(
                    f"PIXVAULT_CORS_ORIGINS: {raw.strip()!r} is not an origin "
                    "(scheme://host[:port], nothing after it)"
                )
            origins.add(origin)
        return frozenset(origins)

    @property
    def public_sizes(self) -> frozenset[int]:
        """The sizes of public_rendition_sizes (read per request, so tests may change it)."""
        return checks.rendition_sizes(self.public_rendition_sizes)

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
    def import_port_set(self) -> frozenset[int]:
        return checks.port_list(self.import_ports)

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
            self.make_data_dir()
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
        if any(network.prefixlen == 0 for network in self.trusted_proxy_networks):
            problems.append(
                "PIXVAULT_TRUSTED_PROXIES must not trust every address (0.0.0.0/0 or ::/0): "
                "any client could then choose the address rate limits see"
            )
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

    def make_data_dir(self) -> None:
        """DATA_DIR, for its owner alone (0700): it holds the database, the secret, stored
        images and outgoing mail with live links. An existing one is narrowed too."""
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.data_dir, 0o700)

    def prepare(self) -> Settings:
        """Validate for the environment and make the data directory and secret ready."""
        self.check_production()
        _ = self.cors_origin_set  # refuses a wildcard or a malformed origin at start-up
        try:
            self.make_data_dir()
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
