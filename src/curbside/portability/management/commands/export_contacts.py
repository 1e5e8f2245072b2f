from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from curbside.core.management import user_or_error
from curbside.portability import export_selectors
from curbside.portability.export_selectors import EXPORT_FORMATS


class Command(BaseCommand):
    help = (
        "Export an account's network: json (the complete archive, which restores into an "
        "empty account), vcf (vCard 4.0, one card per contact) or csv (one row per contact). "
        "Writes to standard output unless -o names a file."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--user", required=True, metavar="EMAIL", help="Whose network.")
        parser.add_argument("--format", required=True, choices=sorted(EXPORT_FORMATS))
        parser.add_argument(
            "-o", "--output", metavar="FILE", default=None, help="Default: standard output."
        )
        parser.add_argument(
            "--include-self", action="store_true", help="vcf and csv: add your own card."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_or_error(options["user"])
        exported = export_selectors.export_file(
            owner=user, format=options["format"], include_self=options["include_self"]
        )
        if options["output"] is None:
            self.stdout.write(exported.content.decode(), ending="")
            return
        path = Path(options["output"])
        try:
            path.write_bytes(exported.content)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror or error}.") from None
        n = exported.n_contacts
        self.stderr.write(
            f"Exported {n} contact{'s' if n != 1 else ''} of {user.email} to {path} "
            f"({EXPORT_FORMATS[options['format']]})."
        )
