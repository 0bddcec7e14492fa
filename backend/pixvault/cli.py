"""The ``pixvault`` command (README's "The `pixvault` command" lists its commands).

Every command reads and checks the settings first: a bad one ends the command with one line on
stderr and exit status 2, before anything else happens (README, "Configuration errors").
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from collections.abc import Awaitable, Callable, Sequence
from importlib.metadata import version
from pathlib import Path

from asyncpg.exceptions import (  # type: ignore[import-untyped]
    InvalidAuthorizationSpecificationError,
    InvalidCatalogNameError,
)

from pixvault import db
from pixvault.core.settings import Settings, UnsafeSettingsError, load_settings
from pixvault.core.settings_checks import SettingsError

#: Exit status of a command refused for a bad setting.
BAD_SETTING = 2
#: Exit status of a command that cannot run yet: unmigrated or unreachable database.
NOT_READY = 1
#: What PostgreSQL answers for a database that does not exist or a refused log-in: the URL's
#: fault, reported like an unreachable database rather than as a traceback.
_DATABASE_REFUSALS = (InvalidCatalogNameError, InvalidAuthorizationSpecificationError)


async def _with_db(
    settings: Settings, work: Callable[[], Awaitable[int]], *, wired: bool = True
) -> int:
    """Run a command's work connected to the database, with the parts lower domains ask of
    higher ones installed (wiring.py), as a Runtime would (send-marketing asks privacy whether
    each person restricted processing). ``wired=False`` connects only: `serve`'s supervisor
    must not import the domains (and with them prometheus_client's metrics, which would then
    count it as a worker)."""
    if wired:
        from pixvault.wiring import install_parts

        install_parts()
    await db.connect(settings)
    try:
        return await work()
    finally:
        await db.disconnect()


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:

    async def work() -> int:
        applied = await db.migrate(settings)
        print(
            f"applied {len(applied)} migration(s)" + (f": {', '.join(applied)}" if applied else "")
        )
        return 0

    return asyncio.run(_with_db(settings, work))


def cmd_makemigrations(args: argparse.Namespace, settings: Settings) -> int:

    async def work() -> int:
        changes = await db.unmigrated_model_changes(settings, write=True)
        print("\n".join(f"created {name}" for name in changes.names) or "no model changes")
        return 0

    return asyncio.run(_with_db(settings, work))


class PasswordInputError(Exception):
    pass


def read_password(args: argparse.Namespace) -> str:
    """The password from --password-stdin (its first line), else a prompt asked twice.

    The deprecated ``--password P`` still works, with a warning: a command line is visible to
    every user of the machine (ps, /proc) and kept in shell history.
    """
    if getattr(args, "password", None) is not None:
        print(
            "warning: --password is deprecated (other users of this machine can see it); "
            "use --password-stdin or the prompt",
            file=sys.stderr,
        )
        password: str = args.password
        return password
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise PasswordInputError("no password on standard input")
        return line
    if not sys.stdin.isatty():
        raise PasswordInputError("standard input is not a terminal: use --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise PasswordInputError("the two passwords differ")
    return first


def cmd_create_user(args: argparse.Namespace, settings: Settings) -> int:
    from pixvault.accounts.passwords import PasswordHasher
    from pixvault.accounts.registration import create_user
    from pixvault.core.errors import UserFacingError
    from pixvault.core.roles import Role

    try:
        password = read_password(args)
    except PasswordInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    async def work() -> int:
        await db.require_migrated(settings)
        try:
            user = await create_user(
                PasswordHasher(),
                email=args.email,
                name=args.name,
                password=password,
                company_name=args.company,
                roles=[Role(r) for r in args.role],
            )
        except UserFacingError as error:
            print(f"error: {error.field or 'input'}: {error.message}", file=sys.stderr)
            return 2
        print(user.id)
        return 0

    return asyncio.run(_with_db(settings, work))


def cmd_set_password(args: argparse.Namespace, settings: Settings) -> int:
    from pixvault.accounts.care import set_password
    from pixvault.accounts.passwords import PasswordHasher
    from pixvault.core.errors import UserFacingError
    from pixvault.core.store import make_store

    try:
        password = read_password(args)
    except PasswordInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    async def work() -> int:
        await db.require_migrated(settings)
        store = make_store(settings.redis_url)
        try:
            ended = await set_password(settings, store, PasswordHasher(), args.email, password)
        except UserFacingError as error:
            print(f"error: {error.field or 'input'}: {error.message}", file=sys.stderr)
            return 2
        finally:
            await store.close()
        print(f"password set; {ended} session(s) ended")
        return 0

    return asyncio.run(_with_db(settings, work))


def _require_migrated(settings: Settings) -> None:
    async def check() -> int:
        await db.require_migrated(settings)
        return 0

    asyncio.run(_with_db(settings, check, wired=False))


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from pixvault.core.logs import configure_logging
    from pixvault.observability import multiprocess

    multiprocess.prepare(settings)  # before the app (and prometheus_client) is imported
    _require_migrated(settings)
    configure_logging(settings.log_level)
    uvicorn.run(
        "pixvault.asgi:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=None,
        proxy_headers=False,
        server_header=False,
    )
    return 0


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    from pixvault.observability import multiprocess

    multiprocess.prepare(settings)  # before the jobs (and prometheus_client) are imported

    from pixvault.core.logs import configure_logging
    from pixvault.worker import run_worker

    if settings.redis_url:
        _require_migrated(settings)
    configure_logging(settings.log_level)
    return run_worker(settings)


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """Run /readyz's checks from the command line (a container healthcheck, say)."""
    from pixvault.readiness import readiness, report
    from pixvault.runtime import Runtime

    async def work() -> int:
        runtime = Runtime.from_settings(settings)
        try:
            body = report(await readiness(runtime))
        finally:
            await runtime.close()
        print(json.dumps(body))
        return 0 if body["status"] == "ready" else 1

    return asyncio.run(_with_db(settings, work))


def cmd_export_schema(args: argparse.Namespace, settings: Settings) -> int:
    from pixvault.graph.schema import export_sdl

    sys.stdout.write(export_sdl())
    return 0


def cmd_audit_verify(args: argparse.Namespace, settings: Settings) -> int:
    from pixvault.audit.service import first_broken_link

    async def work() -> int:
        await db.require_migrated(settings)
        broken = await first_broken_link()
        if broken is None:
            print("audit trail intact")
            return 0
        print(f"audit trail broken at entry {broken.id} ({broken.at.isoformat()})")
        return 1

    return asyncio.run(_with_db(settings, work))


def cmd_send_marketing(args: argparse.Namespace, settings: Settings) -> int:
    from pixvault.consents.marketing import send_marketing
    from pixvault.mail.notify import make_notifier
    from pixvault.mail.outbox import Mailer

    try:
        body = Path(args.body_file).read_text().strip()
    except OSError as error:
        print(f"error: --body-file {args.body_file}: {error.strerror}", file=sys.stderr)
        return BAD_SETTING

    async def work() -> int:
        await db.require_migrated(settings)
        mailer = Mailer(settings, make_notifier(settings.redis_url))
        try:
            queued = await send_marketing(mailer, args.subject, body)
        finally:
            await mailer.close()
        print(f"queued {queued} message(s) to people who agreed to marketing email")
        return 0

    return asyncio.run(_with_db(settings, work))


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from pixvault.ops.backup import backup
    from pixvault.ops.manifest import BackupError

    try:
        result = asyncio.run(backup(settings, Path(args.dest), include_secret=args.include_secret))
    except (BackupError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"backed up {result.files} file(s), {result.bytes} bytes, to {result.destination}")
    return 0


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    """Given unprepared settings (see main): the data dir must stay empty until the backup is
    checked, and the secret may come from the backup."""
    from pixvault.ops.manifest import BackupError
    from pixvault.ops.restore import restore
    from pixvault.privacy.journal import JournalError

    journals = [Path(p) for p in args.journal]
    try:
        result = asyncio.run(restore(settings, Path(args.src), journals))
    except (BackupError, JournalError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    print(
        f"restored {result.files} stored file(s); erasure journal: {result.journal_entries} "
        f"entr{'y' if result.journal_entries == 1 else 'ies'}, {result.replayed} erasure(s) "
        "applied again"
    )
    return 0


def _password_arguments(parser: argparse.ArgumentParser, *, deprecated_flag: bool) -> None:
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (else a prompt asks)",
    )
    if deprecated_flag:
        source.add_argument("--password", help="deprecated: visible to other users; use the above")


def build_parser() -> argparse.ArgumentParser:
    from pixvault.core.roles import Role

    parser = argparse.ArgumentParser(prog="pixvault", description="Pixvault's command line.")
    parser.add_argument("--version", action="version", version=f"pixvault {version('pixvault')}")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the app over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(func=cmd_serve)

    commands.add_parser("migrate", help="apply every pending migration").set_defaults(
        func=cmd_migrate
    )
    commands.add_parser(
        "makemigrations", help="write a migration for model changes (developers)"
    ).set_defaults(func=cmd_makemigrations)

    create = commands.add_parser("create-user", help="create a user, e.g. the first admin")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    _password_arguments(create, deprecated_flag=True)
    create.add_argument("--company")
    create.add_argument("--role", action="append", default=[], choices=[r.value for r in Role])
    create.set_defaults(func=cmd_create_user)

    set_password = commands.add_parser(
        "set-password", help="set a user's password (ends their sessions); audited"
    )
    set_password.add_argument("--email", required=True)
    _password_arguments(set_password, deprecated_flag=False)
    set_password.set_defaults(func=cmd_set_password)

    commands.add_parser("worker", help="run background jobs").set_defaults(func=cmd_worker)
    commands.add_parser(
        "check", help="check every configured dependency, as /readyz does; exit 1 on a failure"
    ).set_defaults(func=cmd_check)
    commands.add_parser("export-schema", help="print the GraphQL SDL").set_defaults(
        func=cmd_export_schema
    )
    commands.add_parser("audit-verify", help="check the audit trail's hash chain").set_defaults(
        func=cmd_audit_verify
    )
    marketing = commands.add_parser(
        "send-marketing", help="queue a marketing email to everyone who agreed to receive one"
    )
    marketing.add_argument("--subject", required=True)
    marketing.add_argument("--body-file", required=True, help="the plain-text body")
    marketing.set_defaults(func=cmd_send_marketing)

    backup = commands.add_parser(
        "backup", help="write a consistent snapshot with a checksum manifest into DEST"
    )
    backup.add_argument("dest", metavar="DEST", help="a new or empty directory")
    backup.add_argument(
        "--include-secret",
        action="store_true",
        help="also copy the secret key (keep such a backup as safe as the key itself)",
    )
    backup.set_defaults(func=cmd_backup)
    restore = commands.add_parser(
        "restore", help="restore a backup into an empty data dir and database"
    )
    restore.add_argument("src", metavar="SRC", help="a directory `pixvault backup` wrote")
    restore.add_argument(
        "--journal",
        action="append",
        default=[],
        metavar="FILE",
        help="an erasure journal to replay too (the old service's); repeat for several nodes",
    )
    restore.set_defaults(func=cmd_restore)
    return parser


def checked_settings(*, prepare: bool = True) -> Settings:
    """The settings, checked as every command needs them: each value (settings_checks.py),
    production's refusals, the processors file and (with ``prepare``) the data directory and
    its secret."""
    from pixvault.records.processors import ProcessorConfigError, processor_register

    settings = load_settings()
    if prepare:
        settings.prepare()
    else:
        settings.check_production()
    try:
        processor_register(settings)
    except ProcessorConfigError as error:
        raise SettingsError("processors_file", f"is wrong: {error}") from None
    return settings


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        # Printing the schema is a developer's step that needs no data directory; restore
        # needs it empty until the backup is checked.
        settings = checked_settings(prepare=args.command not in ("export-schema", "restore"))
    except (SettingsError, UnsafeSettingsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return BAD_SETTING
    try:
        result: int = args.func(args, settings)
    except db.UnmigratedDatabaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return NOT_READY
    except Exception as error:
        if not (db.database_unavailable(error) or isinstance(error, _DATABASE_REFUSALS)):
            raise
        print(
            f"error: the database of PIXVAULT_DATABASE_URL cannot be used: "
            f"{type(error).__name__}: {error}",
            file=sys.stderr,
        )
        return NOT_READY
    return result


if __name__ == "__main__":
    sys.exit(main())
