"""Importing job listings: parse → preview (checked, matched, stored) → commit (one transaction).

An upload becomes a ListingImport holding the preview: one row per posting with the file and
line it came from, its values, what committing would do (create, update, skip) and its
problems. A listing is the same one again when its source and the board's id match, else its
source and URL, else (a posting with neither) its source, title, employer and place.
Committing plans the rows again against the listings as they are then, writes them with
bulk statements and indexes them for search, in one transaction: all of them or none.
A posting that says nothing new is skipped: re-importing a file changes nothing.
"""

import csv
import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone

from curbside.core.imports import (
    MappingNeededError,
    Progress,
    bulk_work,
    import_max_bytes,
    import_size_check,
    size_text,
)
from curbside.core.imports import quiet as _quiet
from curbside.opportunities.listings import (
    ListingFileError,
    ParsedListing,
    detect_format,
    parse_listings,
)
from curbside.opportunities.listings.common import decode
from curbside.opportunities.models import Listing, ListingImport
from curbside.opportunities.search.index import listing_index
from curbside.portability.services.bulk import insert_rows

from .listing_rows import (
    DATE_FIELDS,
    FIELDS,
    LIMITS,
    MONEY_FIELDS,
    batch_count,
    chunks,
    listing_row,
    rows_outcome,
    rows_plan,
)

if TYPE_CHECKING:
    from curbside.accounts.models import User

MAX_LISTED_PROBLEMS = 100
FETCH_TIMEOUT_SECONDS = 20
# How the CSV parser says that no column could be read as the title.
_NO_TITLE_COLUMN = "No column holds the job title"


def _csv_headers(data: bytes) -> list[str]:
    text = decode(data[: 64 * 1024])
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count)
    try:
        row = next(csv.reader(io.StringIO(first), delimiter=delimiter), [])
    except csv.Error:
        return []
    return [cell.strip() for cell in row if cell.strip()]


def listing_fetch(url: str) -> tuple[str, bytes]:
    """Download a file of listings (a feed, a job page); (its name, its bytes).

    Only http and https; at most CURBSIDE_IMPORT_MAX_BYTES, within FETCH_TIMEOUT_SECONDS.
    """
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError(f"{url} is not a web address (http:// or https://).", code="url")
    limit = import_max_bytes()
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        parts.geturl(), headers={"User-Agent": "Curbside listing import"}
    )
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310 (checked)
            data = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise ValidationError(
            f"Could not download {url}: the server answered {error.code} {error.reason}.",
            code="fetch",
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        if isinstance(reason, TimeoutError):
            reason = f"no answer within {FETCH_TIMEOUT_SECONDS} seconds"
        elif isinstance(reason, OSError) and reason.strerror:
            reason = reason.strerror
        raise ValidationError(f"Could not download {url}: {reason}.", code="fetch") from None
    if len(data) > limit:
        raise ValidationError(
            f"{url} is too large to import (over {size_text(limit)}, the limit set by "
            "CURBSIDE_IMPORT_MAX_BYTES).",
            code="too_large",
        )
    # The address is the file's name: its suffix tells the format, its host the source.
    return parts.geturl(), data


def _default_source(name: str) -> str:
    """The source of listings whose file does not say: the host they were downloaded
    from, else the file's name."""
    parts = urllib.parse.urlsplit(name)
    if parts.scheme in ("http", "https") and parts.netloc:
        return parts.netloc.removeprefix("www.")
    return PurePosixPath(name).name[: LIMITS["source"]]


def _parse(
    files: Sequence[tuple[str, bytes]], source: str, mapping: dict[str, str] | None
) -> list[tuple[str, str, tuple[ParsedListing, ...], tuple[str, ...]]]:
    """(name, format, records, warnings) per file; every unreadable file is named at once."""
    parsed = []
    errors: list[ValidationError] = []
    for name, data in files:
        kind = detect_format(name, data)
        try:
            result = parse_listings(
                name, data, source=source, mapping=mapping if kind == "csv" else None
            )
        except ListingFileError as error:
            message = f"{name}: {error}"
            headers = _csv_headers(data) if _NO_TITLE_COLUMN in str(error) else []
            if headers:
                errors.append(MappingNeededError(message, file_name=name, headers=headers))
            else:
                errors.append(ValidationError(message, code="invalid_file"))
            continue
        parsed.append((name, result.format, result.records, result.warnings))
    if errors:
        raise ValidationError(errors)
    return parsed


# Preview, commit, discard ----------------------------------------------------------------


@bulk_work()
def _preview(
    *,
    files: Sequence[tuple[str, bytes]],
    source: str,
    created_by: "User | None",
    column_mapping: dict[str, str] | None,
    progress: Progress,
) -> ListingImport:
    if not files:
        raise ValidationError("Choose at least one file to import.", code="required")
    for name, data in files:
        import_size_check(name=name, size=len(data))
    source = " ".join(source.split())
    progress("Reading", 0, len(files))
    parsed = _parse(files, source, column_mapping)
    progress("Reading", len(files), len(files))
    batch = ListingImport(
        created_by=created_by,
        file_names=[name for name, _, _, _ in parsed],
        formats=[kind for _, kind, _, _ in parsed],
        warnings=[f"{name}: {text}" for name, _, _, found in parsed for text in found],
    )
    rows: list[dict[str, Any]] = []
    total = sum(len(records) for _, _, records, _ in parsed)
    while parsed:
        # Each file's records go as soon as they are rows: a large import holds one copy.
        name, _, records, _ = parsed.pop(0)
        for record in records:
            rows.append(listing_row(name, record, source or record.source or _default_source(name)))
            if len(rows) % 10_000 == 0:
                progress("Checking", len(rows), total)
        del records
    progress("Checking", total, total)
    rows_plan(rows)
    sources = {row["source"] for row in rows}
    batch.source = source or (next(iter(sources)) if len(sources) == 1 else "")
    batch.rows = rows
    batch_count(batch)
    return batch


# No transaction around the preview: it writes one row, at the end, and on SQLite a
# transaction would hold the write lock for the whole parse (other writers would wait).
def listing_import_preview(
    *,
    files: Sequence[tuple[str, bytes]],
    source: str,
    created_by: "User | None",
    column_mapping: dict[str, str] | None = None,
    progress: Progress = _quiet,
) -> ListingImport:
    """Parse, check and match the files' postings and keep the preview; no listing is written.

    `source` names the board on every listing; when empty, the file's own (a feed's title),
    else the file name. A file that cannot be read at all (over the size limit, not a listing
    file, a CSV whose title column must be named in `column_mapping`) refuses the whole
    upload with a message naming it.
    """
    batch = _preview(
        files=files,
        source=source,
        created_by=created_by,
        column_mapping=column_mapping,
        progress=progress,
    )
    batch.save()
    return batch


def _problem_messages(rows: list[dict[str, Any]]) -> list[str]:
    messages = [f"{row['file']}: {problem}" for row in rows for problem in row["problems"]]
    if len(messages) > MAX_LISTED_PROBLEMS:
        rest = len(messages) - MAX_LISTED_PROBLEMS
        messages = [*messages[:MAX_LISTED_PROBLEMS], f"… and {rest} more problems."]
    return messages


def _db_values(values: dict[str, Any]) -> list[Any]:
    ordered = [values[field] for field in FIELDS]
    for field in DATE_FIELDS:
        index = FIELDS.index(field)
        ordered[index] = date.fromisoformat(ordered[index]) if ordered[index] else None
    for field in MONEY_FIELDS:
        index = FIELDS.index(field)
        ordered[index] = Decimal(ordered[index]) if ordered[index] is not None else None
    return ordered


def _update(rows: list[dict[str, Any]]) -> None:
    """Rewrite the changed listings in place: one executemany, every field set."""
    if not rows:
        return
    ops, quote = connection.ops, connection.ops.quote_name
    now = ops.adapt_datetimefield_value(timezone.now())
    dates = [FIELDS.index(field) for field in DATE_FIELDS]
    parameters = []
    for row in rows:
        values = _db_values(row["values"])
        for index in dates:
            values[index] = ops.adapt_datefield_value(values[index])
        parameters.append((*values, now, row["listing"]))
    assignments = ", ".join(f"{quote(field)} = %s" for field in (*FIELDS, "updated_at"))
    table = quote(Listing._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE id = %s", parameters)  # noqa: S608 (names from the model, values as parameters)


def _insert(rows: list[dict[str, Any]], progress: Progress) -> list[int]:
    """Insert new listings; their ids.

    On SQLite, plain executemany is twice as fast as INSERT … RETURNING in the statements of
    37 rows that its parameter limit allows; the new ids are then those above the largest
    before, since the import's transaction (IMMEDIATE) holds the only write lock."""
    columns = ("source", *FIELDS)
    sqlite = connection.vendor == "sqlite"
    before = 0
    if sqlite:
        before = Listing.objects.aggregate(last=Max("pk"))["last"] or 0
    created: list[int] = []
    done = 0
    for chunk in chunks(rows, 2000):
        values = [(row["source"], *_db_values(row["values"])) for row in chunk]
        created += insert_rows(Listing, columns, values, returning=not sqlite)
        done += len(chunk)
        progress("Adding listings", done, len(rows))
    if sqlite and rows:
        created = list(
            Listing.objects.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True)
        )
    return created


def _write(rows: list[dict[str, Any]], progress: Progress) -> tuple[list[int], list[int]]:
    """Insert the new listings and rewrite the changed ones; (created ids, updated ids)."""
    new = [row for row in rows if row["action"] == "create"]
    changed = [row for row in rows if row["action"] == "update"]
    created = _insert(new, progress)
    for done, chunk in enumerate(chunks(changed, 2000), start=1):
        _update(list(chunk))
        progress("Updating listings", min(done * 2000, len(changed)), len(changed))
    updated = [row["listing"] for row in changed]
    written = created + updated
    for done, ids in enumerate(chunks(written, 10_000), start=1):
        listing_index(ids)
        progress("Indexing for search", min(done * 10_000, len(written)), len(written))
    return created, updated


@bulk_work()
def listing_import_commit(
    *, batch: ListingImport, skip_bad_rows: bool = False, progress: Progress = _quiet
) -> ListingImport:
    """Write a previewed import, all of it or nothing, and index it for search.

    Rows with problems refuse the commit unless `skip_bad_rows` leaves them out. The rows
    are matched again first: listings imported since the preview are updated, not doubled.
    """
    try:
        with transaction.atomic():
            # Only the status is read again: the rows of a preview never change, and
            # reading a large preview twice would cost seconds.
            locked = (
                ListingImport.objects.select_for_update()
                .only("pk", "status")
                .filter(pk=batch.pk)
                .first()
            )
            if locked is None:
                raise ValidationError("Unknown import.", code="unknown")
            if locked.status == ListingImport.Status.COMMITTED:
                raise ValidationError("This import was already committed.", code="committed")
            if locked.status == ListingImport.Status.DISCARDED:
                raise ValidationError(
                    "This import was discarded: upload the files again.", code="discarded"
                )
            rows = batch.rows
            bad = [row for row in rows if row["problems"]]
            if bad and not skip_bad_rows:
                n = len(bad)
                raise ValidationError(
                    [
                        f"{'1 listing has' if n == 1 else f'{n} listings have'} problems: fix "
                        "the file, or choose to skip the listings with problems.",
                        *_problem_messages(bad),
                    ],
                    code="rows_with_problems",
                )
            previewed = rows_outcome(rows)
            rows_plan(rows)
            _write(rows, progress)
            saved = ["status", "committed_at", "n_create", "n_update", "n_skip", "n_error"]
            if rows_outcome(rows) != previewed:
                saved.append("rows")  # listings changed since the preview
            batch_count(batch)
            batch.status = ListingImport.Status.COMMITTED
            batch.committed_at = timezone.now()
            batch.save(update_fields=saved)
    except IntegrityError:
        raise ValidationError(
            "Another import wrote some of these listings at the same time: commit again.",
            code="conflict",
        ) from None
    return batch


@transaction.atomic
def listing_import_discard(*, batch: ListingImport) -> ListingImport:
    """Drop a preview that will not be committed (its rows go; the record of it stays)."""
    if batch.status == ListingImport.Status.COMMITTED:
        raise ValidationError("This import was committed; it cannot be discarded.")
    batch.status = ListingImport.Status.DISCARDED
    batch.rows = []
    batch.save(update_fields=["status", "rows"])
    return batch


def listing_import(
    *,
    files: Sequence[tuple[str, bytes]],
    source: str = "",
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    created_by: "User | None" = None,
    column_mapping: dict[str, str] | None = None,
    progress: Progress = _quiet,
) -> ListingImport:
    """Preview and commit at once. A dry run returns the preview unsaved: nothing is written.

    When the commit is refused (listings with problems), the preview is discarded and the
    ValidationError, which lists the problems, is raised."""
    preview = _preview if dry_run else listing_import_preview
    batch = preview(
        files=files,
        source=source,
        created_by=created_by,
        column_mapping=column_mapping,
        progress=progress,
    )
    if dry_run:
        return batch
    try:
        return listing_import_commit(batch=batch, skip_bad_rows=skip_bad_rows, progress=progress)
    except ValidationError:
        listing_import_discard(batch=batch)
        raise
