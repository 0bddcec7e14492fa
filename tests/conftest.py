"""Test harness: a real database per test module (SQLite file, or a fresh PostgreSQL database
when PIXVAULT_TEST_DATABASE_URL is set), Redis when PIXVAULT_TEST_REDIS_URL is set, and the
real ASGI app driven over HTTP by httpx.

Locally, tests that need PostgreSQL or Redis skip when the matching variable is unset; with
CI=true they fail instead.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis.asyncio as aioredis
from starlette.types import ASGIApp

from pixvault import db
from pixvault.accounts.passwords import PasswordHasher
from pixvault.app import create_app
from pixvault.core.clock import clock
from pixvault.core.settings import Settings
from pixvault.runtime import Runtime
from tests.databases import Migrated, PostgresDatabase
from tests.parallel import ModuleScheduling, longest_first, worker_index, worker_redis_url
from tests.smtp_sink import SmtpSink, smtp_sink

TEST_DATABASE_URL = os.environ.get("PIXVAULT_TEST_DATABASE_URL")
#: Under pytest-xdist, this worker's own Redis database (tests/parallel.py).
TEST_REDIS_URL = worker_redis_url(os.environ.get("PIXVAULT_TEST_REDIS_URL"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PASSWORD = "a long and unusual passphrase"

#: argon2id at 1 MiB and one pass for the tests' Envs, about a hundredth of OWASP's cost: the
#: suite hashes a password at every sign-up and log-in. tests/test_passwords.py checks the real
#: parameters, and test_sessions.py that a log-in rehashes to them.
CHEAP_HASHING: dict[str, int] = {"time_cost": 1, "memory_cost": 1024}


#: .ci/run's first pass tests the embedded default (no PostgreSQL, no Redis) and says so; its
#: second pass runs everything on PostgreSQL and Redis.
EMBEDDED_PASS = os.environ.get("PIXVAULT_TEST_EMBEDDED_PASS") == "1"


def need(variable: str, value: str | None) -> None:
    """Skip locally, fail in CI, when a test's service is not configured (except in CI's pass
    over the embedded default, after which the same tests run with every service)."""
    if value:
        return
    if IN_CI and not EMBEDDED_PASS:
        pytest.fail(f"{variable} must be set in CI")
    pytest.skip(f"{variable} is not set")


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "env": "test",
        "data_dir": data_dir,
        "secret_key": "test-secret-key-not-for-production",
        "redis_url": TEST_REDIS_URL,
    }
    values.update(overrides)
    return Settings(**values)


MIGRATED = Migrated()


@pytest.fixture(scope="session", autouse=True)
async def migrated(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[None]:
    """The run's migrated template database (``MIGRATED``), dropped at the end."""
    pg = PostgresDatabase(TEST_DATABASE_URL) if TEST_DATABASE_URL else None
    directory = tmp_path_factory.mktemp("migrated")
    await MIGRATED.make(make_settings(directory, database_url=pg.url if pg else None), pg)
    yield
    MIGRATED.sqlite = MIGRATED.postgres = None
    if pg is not None:
        await pg.drop()


@dataclass
class Env:
    """One app over one migrated database."""

    settings: Settings
    app: ASGIApp
    runtime: Runtime

    def client(self, ip: str | None = None, **headers: str) -> httpx.AsyncClient:
        """An HTTP client; each gets its own address unless one is given, so per-IP rate limits
        in one test do not spill into another (GENERATED_ADDRESSES)."""
        ip = ip or next(_addresses)
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app, client=(ip, 50000)),
            base_url="http://testserver",
            headers={"User-Agent": BROWSER_UA, **headers},
        )


#: Where the clients that pin no address get theirs: 198.18.0.0/15 (set aside for benchmarks,
#: RFC 2544), a range no test pins, so a test that spends a pinned address's rate limit (the
#: documentation ranges, e.g. 198.51.100.32) never meets a generated client there, whatever
#: order the tests run in.
GENERATED_ADDRESSES = "198.18."
_addresses = (f"{GENERATED_ADDRESSES}{n // 250 % 256}.{n % 250 + 1}" for n in itertools.count())

BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)


async def open_env(data_dir: Path, **overrides: Any) -> tuple[Env, PostgresDatabase | None]:
    pg = None
    if TEST_DATABASE_URL and "database_url" not in overrides:
        pg = PostgresDatabase(TEST_DATABASE_URL, MIGRATED.postgres)
        await pg.create()
        overrides["database_url"] = pg.url
    elif MIGRATED.sqlite is not None and "database_url" not in overrides:
        MIGRATED.copy_sqlite(make_settings(data_dir, **overrides))
    if TEST_REDIS_URL:
        r = aioredis.from_url(TEST_REDIS_URL)
        await r.flushdb()
        await r.aclose()
    settings = make_settings(data_dir, **overrides)
    await db.connect(settings)
    await db.migrate(settings)
    app = create_app(settings, manage_database=False)
    runtime: Runtime = app.state.runtime  # type: ignore[attr-defined]
    runtime.passwords = PasswordHasher(settings.password_hash_concurrency, **CHEAP_HASHING)
    return Env(settings=settings, app=app, runtime=runtime), pg


async def close_env(env: Env, pg: PostgresDatabase | None) -> None:
    await env.runtime.close()
    await db.disconnect()
    if pg is not None:
        await pg.drop()


@contextmanager
def setting(env: Env, name: str, value: Any) -> Iterator[None]:
    """``env``'s setting ``name`` changed to ``value`` for the block, then put back."""
    old = getattr(env.settings, name)
    setattr(env.settings, name, value)
    try:
        yield
    finally:
        setattr(env.settings, name, old)


@asynccontextmanager
async def environment(data_dir: Path, **overrides: Any) -> AsyncIterator[Env]:
    """An Env over a fresh migrated database, closed (and dropped) afterwards."""
    opened, pg = await open_env(data_dir, **overrides)
    try:
        yield opened
    finally:
        await close_env(opened, pg)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> ModuleScheduling | None:
    """``--dist loadscope`` (as `make pytest` runs): by module, and whole packages of shared
    servers, in collection order (tests/parallel.py)."""
    if config.getoption("dist") != "loadscope":
        return None
    config.option.loadscopereorder = False
    return ModuleScheduling(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under xdist, collect the longest scopes first, so they are handed out first."""
    if worker_index() is not None:
        items.sort(key=lambda item: longest_first(item.nodeid))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Modules marked every_backend (tests/servers.py ON_EVERY_BACKEND) get one ``env`` per
    asset storage backend."""
    if "env" in metafunc.fixturenames and metafunc.definition.get_closest_marker("every_backend"):
        from tests.servers import BACKENDS

        metafunc.parametrize("env", BACKENDS, indirect=True, scope="module")


@pytest.fixture(scope="module")
async def env(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Env]:
    """A fresh Env for the test module; in a module marked ``pytestmark = ON_EVERY_BACKEND``
    (tests/servers.py), one per asset storage backend (filesystem, and S3 in moto)."""
    data_dir = tmp_path_factory.mktemp("pixvault")
    backend: str | None = getattr(request, "param", None)
    if backend is None:
        async with environment(data_dir) as opened:
            yield opened
        return
    from tests.servers import backend_env

    async with backend_env(backend, data_dir) as opened:
        yield opened


@pytest.fixture(scope="module")
async def owner(env: Env) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    """A customer logged in for the whole module, and their user id."""
    from tests.media import signed_in

    async with signed_in(env) as pair:
        yield pair


@pytest.fixture(scope="module")
async def other(env: Env) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    """A second customer, for what one person may not see or change of another's."""
    from tests.media import signed_in

    async with signed_in(env) as pair:
        yield pair


@pytest.fixture(scope="module")
async def support(env: Env) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    """A SUPPORT staff member (second factor on) logged in for the whole module."""
    from tests.media import signed_in

    async with signed_in(env, "SUPPORT") as pair:
        yield pair


@pytest.fixture(scope="module")
def smtp() -> Iterator[SmtpSink]:
    """A real SMTP server for a test module; pass ``smtp_url=smtp.url`` to environment()."""
    with smtp_sink() as sink:
        yield sink


@pytest.fixture
async def client(env: Env) -> AsyncIterator[httpx.AsyncClient]:
    async with env.client() as c:
        yield c


@pytest.fixture(autouse=True)
def reset_clock() -> Iterator[None]:
    yield
    clock.reset()


class GraphQLResponse:
    def __init__(self, response: httpx.Response) -> None:
        self.http = response
        self.body: dict[str, Any] = response.json()

    @property
    def data(self) -> dict[str, Any]:
        data = self.body.get("data")
        assert isinstance(data, dict), self.body
        return data

    @property
    def errors(self) -> list[dict[str, Any]]:
        return list(self.body.get("errors") or [])

    def error_codes(self) -> dict[str, str]:
        """Path (dotted) to extensions.code of each error."""
        return {
            ".".join(str(p) for p in e.get("path") or []): (e.get("extensions") or {}).get("code")
            for e in self.errors
        }


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> GraphQLResponse:
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers or {}
    )
    return GraphQLResponse(response)


SIGN_UP = """
mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) { user { id email name } errors { field code message } }
}
"""

LOG_IN = """
mutation LogIn($input: LogInInput!) {
  logIn(input: $input) { user { id } errors { field code message } }
}
"""


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"


async def sign_up(
    client: httpx.AsyncClient, email: str | None = None, **extra: Any
) -> dict[str, Any]:
    email = email or unique_email()
    payload = {
        "name": extra.pop("name", "Test Person"),
        "email": email,
        "password": extra.pop("password", PASSWORD),
        "acceptPolicies": True,
        "minimumAgeConfirmed": True,
        **extra,
    }
    result = await gql(client, SIGN_UP, {"input": payload})
    assert result.data["signUp"]["errors"] == [], result.body
    user: dict[str, Any] = result.data["signUp"]["user"]
    return user


COMPLETE_LOG_IN_AS_LOG_IN = """
mutation CompleteLogIn($challenge: String!, $code: String!) {
  logIn: completeLogIn(challenge: $challenge, code: $code) {
    user { id } errors { field code message }
  }
}
"""


@dataclass
class SecondFactor:
    """The authenticator app of an account make_staff set up, as the test's phone."""

    seed: str
    recovery_codes: list[str]
    last_step: int = 0

    def next_code(self) -> str:
        """A code the server has not seen: the current step's, else the next one's (within the
        tolerance), else a recovery code (several log-ins of one account within 30 seconds)."""
        from pixvault.accounts import totp

        step = max(totp.current_step(), self.last_step + 1)
        if step > totp.current_step() + totp.TOLERANCE:
            return self.recovery_codes.pop()
        self.last_step = step
        return totp.code_at(self.seed, step)


#: Second factors of the accounts made by make_staff, by email.
SECOND_FACTORS: dict[str, SecondFactor] = {}


async def log_in(
    client: httpx.AsyncClient, email: str, password: str = PASSWORD, remember_me: bool = False
) -> GraphQLResponse:
    """Log in; for an account whose second factor the tests hold, answer its challenge too
    (the answer then reads as the logIn's)."""
    result = await gql(
        client,
        LOG_IN_WITH_CHALLENGE,
        {"input": {"email": email, "password": password, "rememberMe": remember_me}},
    )
    challenge = (result.body.get("data") or {}).get("logIn", {}).get("twoFactorChallenge")
    if challenge is None or email not in SECOND_FACTORS:
        return result
    code = SECOND_FACTORS[email].next_code()
    return await gql(client, COMPLETE_LOG_IN_AS_LOG_IN, {"challenge": challenge, "code": code})


LOG_IN_WITH_CHALLENGE = """
mutation LogIn($input: LogInInput!) {
  logIn(input: $input) { user { id } errors { field code message } twoFactorChallenge }
}
"""


async def set_up_second_factor(env: Env, user_id: str, email: str) -> SecondFactor:
    """Turn on two-factor log-in for an account through the service, keeping its seed."""
    from pixvault.accounts import totp, two_factor
    from pixvault.accounts.models import User
    from pixvault.core.viewer import Viewer

    setup = await two_factor.begin_setup(await User.get(id=user_id))
    step = totp.current_step()
    codes = await two_factor.enable(
        env.runtime, Viewer(user_id=user_id), totp.code_at(setup.seed, step)
    )
    SECOND_FACTORS[email] = SecondFactor(setup.seed, codes, step)
    return SECOND_FACTORS[email]


async def make_staff(
    env: Env, role: str, email: str | None = None, *, second_factor: bool = True
) -> tuple[str, str]:
    """Create a user holding ``role`` directly (as `pixvault create-user --role` does), with
    two-factor log-in on (staff roles need it) unless ``second_factor`` is false."""
    from pixvault.accounts.registration import create_user
    from pixvault.core.roles import Role

    email = email or unique_email(role.lower())
    user = await create_user(
        env.runtime.passwords,
        email=email,
        name=f"{role} Staff",
        password=PASSWORD,
        roles=[Role(role)],
    )
    if second_factor:
        await set_up_second_factor(env, str(user.id), email)
    return str(user.id), email


async def drain_jobs(env: Env) -> None:
    """Run every queued background job to the end: in-process tasks, or an arq worker in
    burst mode when Redis is configured (as `pixvault worker` runs them)."""
    from arq.worker import Worker

    from pixvault.jobs.queue import InProcessQueue
    from pixvault.worker import worker_settings

    queue = env.runtime.jobs
    if isinstance(queue, InProcessQueue):
        await queue.drain()
        return
    config = worker_settings(env.settings)
    worker = Worker(
        functions=config["functions"],
        redis_settings=config["redis_settings"],
        ctx={"runtime": env.runtime},
        burst=True,
        poll_delay=0.05,
        handle_signals=False,
    )
    try:
        await worker.main()
    finally:
        await worker.close()


async def deliver_mail(env: Env) -> int:
    """Run the outbox sender once, as the app's in-process sender or the worker would."""
    from pixvault.mail.sender import OutboxSender

    return await OutboxSender(env.settings).deliver_due()


@asynccontextmanager
async def staff_client(env: Env, role: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client signed in as a new staff member holding ``role``."""
    _, email = await make_staff(env, role)
    async with env.client() as client:
        assert (await log_in(client, email)).data["logIn"]["errors"] == []
        yield client
