import urllib.parse
from argparse import ArgumentParser
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.table import Table

from curbside.core.imports import import_size_check
from curbside.core.management.imports import (
    mapping_option,
    progress_bar,
    progress_reporter,
    rendered,
)
from curbside.opportunities.listings import FORMATS
from curbside.opportunities.models import ListingImport
from curbside.opportunities.services import listings as services

MAX_LISTED_PROBLEMS = 200


def _is_url(argument: str) -> bool:
    return urllib.parse.urlsplit(argument).scheme in ("http", "https")


def _read(arguments: list[str]) -> list[tuple[str, bytes]]:
    files = []
    for argument in arguments:
        try:
            if _is_url(argument):
                files.append(services.listing_fetch(argument))
                continue
            path = Path(argument)
            import_size_check(name=path.name, size=path.stat().st_size)
            files.append((path.name, path.read_bytes()))
        except OSError as error:
            raise CommandError(f"Cannot read {argument}: {error.strerror or error}.") from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
    return files


class Command(BaseCommand):
    help = (
        "Import job listings, shared by everyone on the instance, from files or web addresses: "
        "saved job pages and JSON-LD files with schema.org JobPosting, RSS or Atom feeds, and "
        "CSV files (with --map when the title column is not recognised). Prints the preview "
        "(new, updated, unchanged, and every problem with its file and line), then imports it "
        "all in one transaction and indexes it for search. A listing already imported from the "
        "same source (same board id, else same address) is updated in place, never doubled. "
        "When listings have problems nothing is imported and the exit status is 1, unless "
        "--skip-bad-rows leaves them out."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE_OR_URL")
        parser.add_argument(
            "--source",
            default="",
            metavar="NAME",
            help="The board or employer the listings come from (default: a feed's own title, "
            "else the file's name or the address's host).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the preview and import nothing."
        )
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="Import the listings without problems and leave the others out.",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help="For a CSV file: which column holds a field (title=Job Title).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files = _read(options["files"])
        arguments: dict[str, Any] = {
            "files": files,
            "source": options["source"],
            "created_by": None,
            "column_mapping": mapping_option(options["map"], example="title=Job Title"),
        }
        with progress_bar() as progress:
            try:
                if options["dry_run"]:
                    batch = services.listing_import(
                        **arguments, dry_run=True, progress=progress_reporter(progress)
                    )
                else:
                    batch = services.listing_import_preview(
                        **arguments, progress=progress_reporter(progress)
                    )
            except ValidationError as error:
                raise CommandError("\n".join(error.messages)) from None
        self._show(batch)
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was imported.")
            return
        if batch.n_error and not options["skip_bad_rows"]:
            services.listing_import_discard(batch=batch)
            n = batch.n_error
            raise CommandError(
                f"{n} listing{'s' if n != 1 else ''} with problems: nothing was imported. Fix "
                "the file, or use --skip-bad-rows to import the other listings."
            )
        with progress_bar() as progress:
            try:
                batch = services.listing_import_commit(
                    batch=batch,
                    skip_bad_rows=options["skip_bad_rows"],
                    progress=progress_reporter(progress),
                )
            except ValidationError as error:
                services.listing_import_discard(batch=batch)
                raise CommandError("\n".join(error.messages)) from None
        left_out = f", {batch.n_error} left out (problems)" if batch.n_error else ""
        self.stdout.write(
            f"Imported: {batch.n_create} new, {batch.n_update} updated, "
            f"{batch.n_skip} unchanged{left_out}."
        )

    def _show(self, batch: ListingImport) -> None:
        per_file = Counter(row["file"] for row in batch.rows)
        files = Table("File", "Format", "Listings", title="Files")
        for name, format_ in zip(batch.file_names, batch.formats, strict=True):
            files.add_row(name, FORMATS.get(format_, format_), str(per_file[name]))
        summary = Table("New", "Updated", "Unchanged", "With problems", title="Preview")
        summary.add_row(
            *(str(n) for n in (batch.n_create, batch.n_update, batch.n_skip, batch.n_error))
        )
        lines = [f"Warning: {warning}" for warning in batch.warnings]
        problems = [
            f"{row['file']}: {problem}" for row in batch.rows for problem in row["problems"]
        ]
        if len(problems) > MAX_LISTED_PROBLEMS:
            rest = len(problems) - MAX_LISTED_PROBLEMS
            problems = [*problems[:MAX_LISTED_PROBLEMS], f"… and {rest} more problems."]
        self.stdout.write(rendered(files, summary), ending="")
        if lines or problems:
            self.stdout.write("\n".join([*lines, *problems]))
