"""The ``pixvault`` command (runtime.md lists its commands)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from pixvault import db
from pixvault.settings import Settings, UnsafeSettingsError


def _settings() -> Settings:
    return Settings().prepare()


async def _with_db(settings: Settings, work: Callable[[], Awaitable[int]]) -> int:
    await db.connect(settings)
    try:
        return await work()
    finally:
        await db.disconnect()


def cmd_migrate(args: argparse.Namespace) -> int:
    settings = _settings()

    async def work() -> int:
        applied = await db.migrate(settings)
        print(
            f"applied {len(applied)} migration(s)" + (f": {', '.join(applied)}" if applied else "")
        )
        return 0

    return asyncio.run(_with_db(settings, work))


def cmd_makemigrations(args: argparse.Namespace) -> int:
    settings = _settings()

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


def cmd_create_user(args: argparse.Namespace) -> int:
    from pixvault.accounts.passwords import PasswordHasher
    from pixvault.accounts.registration import create_user
    from pixvault.accounts.roles import Role
    from pixvault.graph.errors import UserFacingError

    settings = _settings()
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


def cmd_set_password(args: argparse.Namespace) -> int:
    from pixvault.accounts.care import set_password
    from pixvault.accounts.passwords import PasswordHasher
    from pixvault.graph.errors import UserFacingError
    from pixvault.store import make_store

    settings = _settings()
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


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from pixvault.http.logging import configure_logging

    settings = _settings()
    configure_logging(settings.log_level)

    async def check() -> int:
        await db.require_migrated(settings)
        return 0

    try:
        asyncio.run(_with_db(settings, check))
    except db.UnmigratedDatabaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
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


def cmd_worker(args: argparse.Namespace) -> int:
    from pixvault.http.logging import configure_logging
    from pixvault.jobs.worker import run_worker

    settings = _settings()
    configure_logging(settings.log_level)
    return run_worker(settings)


def cmd_export_schema(args: argparse.Namespace) -> int:
    from pixvault.graph.schema import export_sdl

    sys.stdout.write(export_sdl())
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from pixvault.audit.service import first_broken_link

    settings = _settings()

    async def work() -> int:
        broken = await first_broken_link()
        if broken is None:
            print("audit trail intact")
            return 0
        print(f"audit trail broken at entry {broken.id} ({broken.at.isoformat()})")
        return 1

    return asyncio.run(_with_db(settings, work))


def cmd_send_marketing(args: argparse.Namespace) -> int:
    from pixvault.consents.marketing import send_marketing
    from pixvault.mail.notify import make_notifier
    from pixvault.mail.outbox import Mailer

    settings = _settings()
    body = Path(args.body_file).read_text().strip()

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
    from pixvault.accounts.roles import Role

    parser = argparse.ArgumentParser(prog="pixvault", description=__doc__)
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.func(args)
    except UnsafeSettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return result


if __name__ == "__main__":
    sys.exit(main())
