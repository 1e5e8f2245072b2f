from argparse import ArgumentParser
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.table import Table

from curbside.core.management import user_or_error
from curbside.core.management.imports import (
    mapping_option,
    progress_bar,
    progress_reporter,
    rendered,
)
from curbside.portability import services
from curbside.portability.models import ImportBatch
from curbside.portability.records import FORMATS

# Every problem is listed (each must be fixed or skipped); possible duplicates are only offers.
MAX_LISTED_DUPLICATES = 50


def _read(paths: list[Path]) -> list[tuple[str, bytes]]:
    files = []
    for path in paths:
        try:
            size = path.stat().st_size
            services.import_size_check(name=path.name, size=size)
            files.append((path.name, path.read_bytes()))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}.") from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
    return files


class Command(BaseCommand):
    help = (
        "Import contacts from vCard files, LinkedIn's Connections.csv, Google or Outlook CSV "
        "exports, a CSV of your own (with --map) or a Curbside JSON archive; the format is "
        "recognised from each file's content. Prints the preview (what will be created, "
        "updated or skipped, and every problem with its file and line), then imports it all "
        "in one transaction. When rows have problems nothing is imported and the exit status "
        "is 1, unless --skip-bad-rows leaves those rows out. People already in the network "
        "are matched (email, then name and organization) and never added twice."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--user", required=True, metavar="EMAIL", help="Whose network.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the preview and import nothing."
        )
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="Import the rows without problems and leave the others out.",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help="For a CSV of your own layout: which column holds a field (emails=E-mail).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = user_or_error(options["user"])
        files = _read(options["files"])
        with progress_bar() as progress:
            try:
                batch = services.import_preview(
                    owner=user,
                    files=files,
                    mapping=mapping_option(options["map"], example="emails=E-mail"),
                    progress=progress_reporter(progress),
                )
            except ValidationError as error:
                raise CommandError("\n".join(error.messages)) from None
        self._show(batch)
        if options["dry_run"]:
            services.import_discard(owner=user, batch=batch)
            self.stdout.write("Dry run: nothing was imported.")
            return
        if batch.n_error and not options["skip_bad_rows"]:
            services.import_discard(owner=user, batch=batch)
            raise CommandError(
                f"{batch.n_error} row{'s' if batch.n_error != 1 else ''} with problems: nothing "
                "was imported. Fix the file, or use --skip-bad-rows to import the other rows."
            )
        with progress_bar() as progress:
            try:
                batch = services.import_commit(
                    owner=user,
                    batch=batch,
                    skip_bad_rows=options["skip_bad_rows"],
                    progress=progress_reporter(progress),
                )
            except ValidationError as error:
                raise CommandError("\n".join(error.messages)) from None
        self._done(batch)

    def _show(self, batch: ImportBatch) -> None:
        per_file = Counter(row["file"] for row in batch.rows)
        files = Table("File", "Format", "Contacts", title="Files")
        for name, format_ in zip(batch.file_names, batch.formats, strict=True):
            count = "" if format_ == "archive" else str(per_file[name])
            files.add_row(name, FORMATS.get(format_, format_), count)
        if batch.is_archive:
            counts = Table("Kind", "Count", title="The archive holds")
            for kind, n in batch.archive_counts.items():
                counts.add_row(kind, str(n))
            self.stdout.write(rendered(files, counts), ending="")
            return
        summary = Table(
            "New",
            "Updated",
            "Already there",
            "With problems",
            "Possible duplicates",
            title="Preview",
        )
        summary.add_row(
            *(
                str(n)
                for n in (
                    batch.n_create,
                    batch.n_update,
                    batch.n_skip,
                    batch.n_error,
                    batch.n_possible_duplicates,
                )
            )
        )
        problems: list[str] = [f"Warning: {warning}" for warning in batch.warnings]
        duplicates: list[str] = []
        for row in batch.rows:
            where = f"{row['file']}:{row['line']}"
            problems += [f"{where}: {problem}" for problem in row.get("problems", ())]
            name = row["values"].get("full_name", "")
            duplicates += [
                f"{where}: {name} may be the same person as {duplicate['name']} "
                "(added; merge them afterwards if so)"
                for duplicate in row.get("duplicates", ())
            ]
        if len(duplicates) > MAX_LISTED_DUPLICATES:
            rest = len(duplicates) - MAX_LISTED_DUPLICATES
            duplicates = [
                *duplicates[:MAX_LISTED_DUPLICATES],
                f"… and {rest} more possible duplicates: the import report lists them all.",
            ]
        self.stdout.write(rendered(files, summary), ending="")
        if problems or duplicates:
            self.stdout.write("\n".join([*problems, *duplicates]))

    def _done(self, batch: ImportBatch) -> None:
        if batch.is_archive:
            restored = batch.report.get("restored", {})
            what = ", ".join(f"{n} {kind}" for kind, n in restored.items())
            self.stdout.write(f"Restored the archive: {what or 'nothing'}.")
            return
        report = batch.report
        left_out = f", {batch.n_error} left out (problems)" if batch.n_error else ""
        self.stdout.write(
            f"Imported: {len(report.get('created', []))} new, "
            f"{len(report.get('updated', []))} updated, {batch.n_skip} already there{left_out}."
        )
