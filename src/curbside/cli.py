"""The `curbside` command: a thin front for Curbside's management commands.

Every command works on a fresh data directory: pending migrations are applied first,
quietly. The work itself is done by management commands in curbside/core/management.
"""

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from rich.console import Console
from rich.text import Text

# Management commands that must run before (or instead of) migrations, or never need them.
MANAGE_WITHOUT_MIGRATING = frozenset(
    {
        "help",
        "--help",
        "-h",
        "version",
        "--version",
        "migrate",
        "makemigrations",
        "showmigrations",
        "sqlmigrate",
        "squashmigrations",
        "check",
    }
)


def _import_options(parser: argparse.ArgumentParser, *, rows: str, csv: str, example: str) -> None:
    """--dry-run, --skip-bad-rows and --map, as every import command takes them."""
    parser.add_argument("--dry-run", action="store_true", help="show the preview only")
    parser.add_argument(
        "--skip-bad-rows", action="store_true", help=f"import the {rows} without problems"
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=f"for {csv}: which column holds a field ({example})",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="curbside",
        description="Curbside: find your next physician position through the people you know.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the web app with gunicorn")
    serve.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    serve.add_argument("--port", type=int, default=None, help="default: $PORT, or 8000")

    commands.add_parser(
        "manage",
        help="run any Django management command (curbside manage check)",
        add_help=False,
    )

    createuser = commands.add_parser("createuser", help="create an account")
    createuser.add_argument("email")
    createuser.add_argument("--name", default="", help='full name, e.g. "Maya Lindqvist"')
    createuser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from one line of standard input instead of a prompt",
    )
    createuser.add_argument("--admin", action="store_true", help="make it an instance admin")

    token = commands.add_parser("token", help="personal access tokens for the REST API")
    token_commands = token.add_subparsers(dest="token_command", required=True, metavar="ACTION")
    create = token_commands.add_parser("create", help="create a token (printed on the last line)")
    create.add_argument("email")
    create.add_argument("--name", default="Command line", help="what the token is for")
    listing = token_commands.add_parser("list", help="list an account's tokens")
    listing.add_argument("email")
    revoke = token_commands.add_parser("revoke", help="revoke a token by id or first characters")
    revoke.add_argument("email")
    revoke.add_argument("token", metavar="PREFIX_OR_ID")
    revoke.add_argument("--dry-run", action="store_true", help="say what would be revoked")

    demo = commands.add_parser("demo", help="create a demo account with a believable network")
    demo.add_argument("--user", default=None, metavar="EMAIL", help="default: the demo address")
    demo.add_argument("--password", default=None, help="default: a generated one, printed")
    demo.add_argument("--reset", action="store_true", help="replace an earlier demo account")

    importing = commands.add_parser(
        "import",
        help="import contacts: vCard, LinkedIn/Google/Outlook CSV, or a Curbside archive",
    )
    importing.add_argument("files", nargs="+", metavar="FILE")
    importing.add_argument("--user", required=True, metavar="EMAIL", help="whose network")
    _import_options(importing, rows="rows", csv="a CSV of your own", example="emails=E-mail")

    export = commands.add_parser(
        "export", help="export a network: JSON archive, vCard or CSV (to stdout or a file)"
    )
    export.add_argument("--user", required=True, metavar="EMAIL", help="whose network")
    export.add_argument(
        "--format",
        required=True,
        choices=["json", "vcf", "csv"],
        help="json: the complete archive; vcf: vCard 4.0; csv: a spreadsheet",
    )
    export.add_argument("-o", "--output", metavar="FILE", default=None, help="default: stdout")
    export.add_argument(
        "--include-self", action="store_true", help="vcf and csv: add your own card"
    )

    listings = commands.add_parser(
        "import-listings",
        help="import job listings for everyone: schema.org JobPosting pages, feeds, CSV",
    )
    listings.add_argument("files", nargs="+", metavar="FILE_OR_URL")
    listings.add_argument("--source", default="", metavar="NAME", help="the board they came from")
    _import_options(listings, rows="listings", csv="a CSV", example="title=Job Title")

    digest = commands.add_parser(
        "digest", help="email each user their new listing matches and due follow-ups (for cron)"
    )
    digest.add_argument("--user", default=None, metavar="EMAIL", help="only this account")
    digest.add_argument("--dry-run", action="store_true", help="print the emails, send nothing")
    digest.add_argument(
        "--base-url",
        default="",
        metavar="URL",
        help="this instance's address, for links in the email (https://curbside.example.org)",
    )
    return parser


def _error(message: str) -> None:
    Console(stderr=True, soft_wrap=True, highlight=False).print(
        Text.assemble(("Error: ", "bold red"), message)
    )


def _setup(*, migrate: bool = True) -> None:
    import django

    django.setup()
    if migrate:
        _migrate_quietly()


def _migrate_quietly() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)


def _manage(arguments: list[str]) -> int:
    from django.core.management import execute_from_command_line

    _setup(migrate=bool(arguments) and arguments[0] not in MANAGE_WITHOUT_MIGRATING)
    execute_from_command_line(["curbside manage", *arguments])
    return 0


def _dispatch(args: argparse.Namespace) -> None:
    from django.core.management import call_command

    commands: dict[str, Callable[[], object]] = {
        "serve": lambda: call_command("serve", host=args.host, port=args.port),
        "createuser": lambda: call_command(
            "createuser",
            args.email,
            name=args.name,
            password_stdin=args.password_stdin,
            admin=args.admin,
        ),
        "demo": lambda: call_command(
            "create_demo",
            reset=args.reset,
            password=args.password,
            **({"user": args.user} if args.user else {}),
        ),
        "import": lambda: call_command(
            "import_contacts",
            *args.files,
            user=args.user,
            dry_run=args.dry_run,
            skip_bad_rows=args.skip_bad_rows,
            map=args.map,
        ),
        "export": lambda: call_command(
            "export_contacts",
            user=args.user,
            format=args.format,
            output=args.output,
            include_self=args.include_self,
        ),
        "import-listings": lambda: call_command(
            "import_listings",
            *args.files,
            source=args.source,
            dry_run=args.dry_run,
            skip_bad_rows=args.skip_bad_rows,
            map=args.map,
        ),
        "digest": lambda: call_command(
            "digest",
            dry_run=args.dry_run,
            base_url=args.base_url,
            **({"user": args.user} if args.user else {}),
        ),
    }
    if args.command == "token":
        token_commands: dict[str, Callable[[], object]] = {
            "create": lambda: call_command("create_token", args.email, name=args.name),
            "list": lambda: call_command("list_tokens", args.email),
            "revoke": lambda: call_command(
                "revoke_token", args.email, args.token, dry_run=args.dry_run
            ),
        }
        token_commands[args.token_command]()
    else:
        commands[args.command]()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `curbside` command; return the exit status (0 on success, 1 on failure)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "curbside.settings")
    args = None if arguments[:1] == ["manage"] else build_parser().parse_args(arguments)

    from django.core.exceptions import ImproperlyConfigured
    from django.core.management.base import CommandError
    from django.db import Error as DatabaseError

    try:
        if args is None:
            return _manage(arguments[1:])
        _setup()
        _dispatch(args)
    except CommandError as error:
        _error(str(error))
        return error.returncode
    except ImproperlyConfigured as error:
        _error(f"Curbside is not configured correctly: {error}")
        return 1
    except DatabaseError as error:
        _error(f"The database failed: {error}")
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
