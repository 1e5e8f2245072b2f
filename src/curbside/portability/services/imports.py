"""Importing contacts: parse → preview (checked, matched, stored) → commit (one transaction).

An upload becomes an ImportBatch holding the preview: one row per record with the file and
line it came from, its values, what committing would do with it (create, update, skip) and
its problems. Committing matches the rows again against the network as it is then (it may
have changed since the preview) and writes everything with bulk inserts inside one
transaction: all the rows or none of them.
"""

import csv
import io
import json
from collections.abc import Iterator, Sequence
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from curbside.core.imports import (
    MappingNeededError,
    Progress,
    bulk_work,
    import_size_check,
)
from curbside.core.imports import quiet as _quiet
from curbside.interactions.models import Interaction
from curbside.network.models import (
    Affiliation,
    Contact,
    ContactEmail,
    ContactPhone,
    Organization,
    Tag,
)
from curbside.network.services import contacts_touch_refresh

from ..archive import archive_restore, archive_summary
from ..models import ImportBatch
from ..parsers import parse_file
from ..parsers.decoding import decode_text, sniff
from ..records import ImportFileError, ParseResult
from .bulk import insert_rows
from .matching import CONNECTED_SUMMARY, CONTACT_FIELDS, Person, network_load, plan
from .rows import key, row_values

if TYPE_CHECKING:
    from curbside.accounts.models import User

T = TypeVar("T")

CHUNK = 1000  # rows between two reports of progress
MAX_LISTED_PROBLEMS = 100
HEADER_BYTES = 64 * 1024
# How the CSV parser says that it needs the user to name the columns.
MAPPING_NEEDED = "column mapping is needed"
COUNT_FIELDS = ("n_create", "n_update", "n_skip", "n_error", "n_possible_duplicates")


def _about(name: str, message: str) -> str:
    """A file's error, naming the file once (the parsers' messages usually do already)."""
    return message if name in message else f"{name}: {message}"


def csv_headers(name: str, data: bytes) -> list[str]:
    """The column names on the first row of a CSV file (whichever separator it uses)."""
    try:
        text, _ = decode_text(sniff(name, data).body[:HEADER_BYTES])
    except ImportFileError:
        return []
    best: list[str] = []
    for delimiter in (",", ";", "\t"):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            first = next((row for row in reader if any(cell.strip() for cell in row)), [])
        except csv.Error:
            continue
        columns = [cell.strip() for cell in first if cell.strip()]
        if len(columns) > len(best):
            best = columns
    return best


def _mapping_needed(name: str, data: bytes, error: ImportFileError) -> MappingNeededError | None:
    """The parser's refusal of a CSV with no known layout, with the file's column names."""
    headers = getattr(error, "headers", None)
    if headers is None:
        if MAPPING_NEEDED not in str(error):
            return None
        headers = csv_headers(name, data)
    return (
        MappingNeededError(_about(name, str(error)), file_name=name, headers=headers)
        if headers
        else None
    )


def _parse(
    files: Sequence[tuple[str, bytes]], mapping: dict[str, str] | None, progress: Progress
) -> list[tuple[str, bytes, ParseResult]]:
    parsed: list[tuple[str, bytes, ParseResult]] = []
    errors: list[ValidationError] = []
    for index, (name, data) in enumerate(files):
        progress("Reading", index, len(files))
        try:
            parsed.append((name, data, parse_file(name, data, mapping=mapping)))
        except ImportFileError as error:
            errors.append(
                _mapping_needed(name, data, error)
                or ValidationError(_about(name, str(error)), code="invalid_file")
            )
    progress("Reading", len(files), len(files))
    if errors:
        raise ValidationError(errors)
    return parsed


def _outcome(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """What matching decided for each row, to tell whether a new matching changed it."""
    return [
        (row["action"], row.get("contact"), row.get("same_as"), tuple(row.get("adds", ())))
        for row in rows
    ]


def _counts(batch: ImportBatch) -> None:
    actions = [row["action"] for row in batch.rows]
    batch.n_create = actions.count("create")
    batch.n_update = actions.count("update")
    batch.n_skip = actions.count("skip")
    batch.n_error = actions.count("error")
    batch.n_possible_duplicates = sum(1 for row in batch.rows if row.get("duplicates"))


def _archive_batch(owner: "User", name: str, data: bytes) -> ImportBatch:
    try:
        archive = json.loads(sniff(name, data).body)
        if not isinstance(archive, dict):
            raise ImportFileError("This is not a Curbside archive.")
        counts = archive_summary(archive)
    except (ValueError, ImportFileError) as error:
        raise ValidationError(_about(name, str(error)), code="invalid_file") from None
    return ImportBatch(
        owner=owner,
        file_names=[name],
        formats=["archive"],
        archive=archive,
        archive_counts=counts,
    )


# No transaction around the preview: it writes one row, at the end, and on SQLite a
# transaction would hold the write lock for the whole parse (other writers would wait).
@bulk_work()
def import_preview(
    *,
    owner: "User",
    files: Sequence[tuple[str, bytes]],
    mapping: dict[str, str] | None = None,
    progress: Progress = _quiet,
) -> ImportBatch:
    """Parse, check and match the files' contacts; keep the preview (nothing else is written).

    A file that cannot be read at all (over the size limit, not a contact file, a CSV whose
    columns need a mapping) refuses the whole upload, naming the file.
    """
    if not files:
        raise ValidationError("Choose at least one file to import.", code="required")
    for name, data in files:
        import_size_check(name=name, size=len(data))
    parsed = _parse(files, mapping, progress)
    formats = [result.format for _, _, result in parsed]
    if "archive" in formats:
        if len(parsed) > 1:
            raise ValidationError(
                "A Curbside archive is imported on its own: upload it without other files.",
                code="archive_with_others",
            )
        name, data, _ = parsed[0]
        batch = _archive_batch(owner, name, data)
        batch.save()
        return batch
    rows: list[dict[str, Any]] = []
    total = sum(len(result.records) for _, _, result in parsed)
    for name, _, result in parsed:
        for record in result.records:
            values, problems = row_values(record)
            rows.append({"file": name, "line": record.line, "values": values, "problems": problems})
            if len(rows) % CHUNK == 0:
                progress("Checking", len(rows), total)
    progress("Checking", total, total)
    linkedin = [name for name, _, result in parsed if result.format == "linkedin"]
    plan(network_load(owner=owner, distinct_files=linkedin), rows, progress=progress)
    batch = ImportBatch(
        owner=owner,
        file_names=[name for name, _, _ in parsed],
        formats=formats,
        rows=rows,
        warnings=[f"{name}: {w}" for name, _, result in parsed for w in result.warnings],
    )
    _counts(batch)
    batch.save()
    return batch


def _rows_have(n: int) -> str:
    return "1 row has" if n == 1 else f"{n} rows have"


def _problem_messages(rows: list[dict[str, Any]]) -> list[str]:
    messages = [
        f"{row['file']}:{row['line']}: {problem}"
        for row in rows
        for problem in row.get("problems", ())
    ]
    if len(messages) > MAX_LISTED_PROBLEMS:
        rest = len(messages) - MAX_LISTED_PROBLEMS
        messages = [*messages[:MAX_LISTED_PROBLEMS], f"… and {rest} more problems."]
    return messages


@bulk_work()
def import_commit(
    *,
    owner: "User",
    batch: ImportBatch,
    skip_bad_rows: bool = False,
    progress: Progress = _quiet,
) -> ImportBatch:
    """Write a previewed import, all of it or nothing.

    Rows with problems refuse the commit unless `skip_bad_rows`, which leaves them out.
    A batch is committed once; a Curbside archive is restored into the (empty) account.
    """
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().filter(owner=owner, pk=batch.pk).first()
        if locked is None:
            raise ValidationError("Unknown import.", code="unknown")
        if locked.status == ImportBatch.Status.COMMITTED:
            raise ValidationError("This import was already committed.", code="committed")
        if locked.status == ImportBatch.Status.DISCARDED:
            raise ValidationError(
                "This import was discarded: upload the files again.", code="discarded"
            )
        # The rows are written again only when the commit's matching differs from the
        # preview's: rewriting a 30,000-row preview costs a large part of a second.
        saved = [
            "status",
            "committed_at",
            "skip_bad_rows",
            "report",
            "archive",
            *COUNT_FIELDS,
            "updated_at",
        ]
        if locked.is_archive:
            restored = archive_restore(owner=owner, data=locked.archive or {})
            locked.report = {"restored": restored}
            locked.archive = None
        else:
            bad = [row for row in locked.rows if row.get("problems")]
            if bad and not skip_bad_rows:
                raise ValidationError(
                    [
                        f"{_rows_have(len(bad))} problems: fix the file, or choose to skip "
                        "the rows with problems.",
                        *_problem_messages(bad),
                    ],
                    code="rows_with_problems",
                )
            previewed = _outcome(locked.rows)
            people = plan(network_load(owner=owner, near=False), locked.rows)
            locked.report = _write(owner, people, progress)
            _counts(locked)
            if _outcome(locked.rows) != previewed:
                saved.append("rows")  # the network changed since the preview
        locked.status = ImportBatch.Status.COMMITTED
        locked.committed_at = timezone.now()
        locked.skip_bad_rows = skip_bad_rows
        locked.save(update_fields=saved)
    return locked


@transaction.atomic
def import_discard(*, owner: "User", batch: ImportBatch) -> ImportBatch:
    """Drop a preview that will not be committed (its rows go; the record of it stays)."""
    if batch.owner_id != owner.pk:
        raise ValidationError("Unknown import.", code="unknown")
    if batch.status == ImportBatch.Status.COMMITTED:
        raise ValidationError("This import was committed; it cannot be discarded.")
    batch.status = ImportBatch.Status.DISCARDED
    batch.rows = []
    batch.archive = None
    batch.save()
    return batch


def _chunks(items: list[T]) -> Iterator[list[T]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _insert(
    model: type[Model],
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
    stage: str,
    progress: Progress,
    *,
    returning: bool = False,
) -> list[int]:
    """Insert in chunks, telling the progress; the new ids (if asked), in row order."""
    ids: list[int] = []
    done = 0
    for chunk in _chunks(rows):
        ids += insert_rows(model, columns, chunk, returning=returning)
        done += len(chunk)
        progress(stage, done, len(rows))
    return ids


def _organizations(owner: "User", names: list[str]) -> dict[str, int]:
    """Organization key → id for these names: the owner's, created when missing."""
    existing: dict[str, int] = {}
    for pk, name in (
        Organization.objects.filter(owner=owner).order_by("pk").values_list("pk", "name")
    ):
        existing.setdefault(key(name), pk)
    missing: dict[str, str] = {}
    for name in names:
        if key(name) not in existing:
            missing.setdefault(key(name), name)
    ids = insert_rows(
        Organization,
        ("owner_id", "name", "kind"),
        [(owner.pk, name, Organization.Kind.OTHER) for name in missing.values()],
        returning=True,
    )
    return existing | dict(zip(missing, ids, strict=True))


def _tags(owner: "User", names: list[str]) -> dict[str, int]:
    """Casefolded tag name → id: the owner's tags, created when missing."""
    existing = {
        name.casefold(): pk
        for pk, name in Tag.objects.filter(owner=owner).values_list("pk", "name")
    }
    missing: dict[str, str] = {}
    for name in names:
        if name.casefold() not in existing:
            missing.setdefault(name.casefold(), name)
    ids = insert_rows(
        Tag, ("owner_id", "name"), [(owner.pk, name) for name in missing.values()], returning=True
    )
    return existing | dict(zip(missing, ids, strict=True))


def _update_contacts(owner: "User", touched: list[Person]) -> None:
    """Save the fields an import filled in on existing contacts (grouped by which fields)."""
    now = timezone.now()
    by_changes: dict[tuple[str, ...], list[Contact]] = {}
    for person in touched:
        changed = tuple(sorted(person.changed))
        contact = Contact(pk=person.contact_id, owner=owner, updated_at=now)
        for name in changed:
            setattr(contact, name, person.fields[name])
        by_changes.setdefault(changed, []).append(contact)
    for changed, group in by_changes.items():
        Contact.objects.bulk_update(group, [*changed, "updated_at"], batch_size=CHUNK)
    Affiliation.objects.bulk_update(
        [
            Affiliation(pk=pk, role=role, updated_at=now)
            for person in touched
            for pk, role in person.role_fills.items()
        ],
        ["role", "updated_at"],
        batch_size=CHUNK,
    )


def _write(owner: "User", people: list[Person], progress: Progress) -> dict[str, Any]:
    """Create and update the people a plan names; return the report of what was done."""
    new = [person for person in people if person.is_new]
    touched = [person for person in people if not person.is_new]
    me = owner.pk

    contact_values = itemgetter(*CONTACT_FIELDS)
    contact_ids = _insert(
        Contact,
        ("owner_id", *CONTACT_FIELDS, "last_interaction_on"),
        [
            (
                me,
                *contact_values(person.fields),
                # The connection is a new person's only interaction: nothing to recompute.
                date.fromisoformat(max(person.new_connected)) if person.new_connected else None,
            )
            for person in new
        ],
        "Adding contacts",
        progress,
        returning=True,
    )
    for person, pk in zip(new, contact_ids, strict=True):
        person.contact_id = pk
    _update_contacts(owner, touched)
    progress("Updating contacts", len(touched), len(touched))

    _insert(
        ContactEmail,
        ("owner_id", "contact_id", "email", "is_primary"),
        [
            (
                me,
                person.contact_id,
                email,
                not index and len(person.emails) == len(person.new_emails),
            )
            for person in people
            for index, email in enumerate(person.new_emails)
        ],
        "Adding emails",
        progress,
    )
    _insert(
        ContactPhone,
        ("owner_id", "contact_id", "number", "is_primary"),
        [
            (
                me,
                person.contact_id,
                number,
                not index and len(person.phones) == len(person.new_phones),
            )
            for person in people
            for index, number in enumerate(person.new_phones)
        ],
        "Adding phones",
        progress,
    )
    tag_ids = _tags(owner, [tag for person in people for tag in person.new_tags])
    _insert(
        Contact.tags.through,
        ("contact_id", "tag_id"),
        [
            (person.contact_id, tag_ids[tag.casefold()])
            for person in people
            for tag in person.new_tags
        ],
        "Tagging",
        progress,
    )
    organization_ids = _organizations(
        owner, [job.organization for person in people for job in person.new_jobs]
    )
    employment = Affiliation.Kind.EMPLOYMENT
    _insert(
        Affiliation,
        ("owner_id", "contact_id", "organization_id", "kind", "role"),
        [
            (me, person.contact_id, organization_ids[key(job.organization)], employment, job.role)
            for person in people
            for job in person.new_jobs
        ],
        "Adding jobs",
        progress,
    )

    connections = [
        (person, happened_on) for person in people for happened_on in person.new_connected
    ]
    note, neutral = Interaction.Kind.NOTE, Interaction.Sentiment.NEUTRAL
    interaction_ids = _insert(
        Interaction,
        ("owner_id", "kind", "happened_on", "summary", "sentiment"),
        [
            (me, note, date.fromisoformat(happened_on), CONNECTED_SUMMARY, neutral)
            for _, happened_on in connections
        ],
        "Adding LinkedIn connections",
        progress,
        returning=True,
    )
    _insert(
        Interaction.contacts.through,
        ("interaction_id", "contact_id"),
        [
            (pk, person.contact_id)
            for (person, _), pk in zip(connections, interaction_ids, strict=True)
        ],
        "Adding LinkedIn connections",
        progress,
    )
    reconnected = [person.contact_id for person in touched if person.new_connected]
    for chunk in _chunks(reconnected):
        contacts_touch_refresh(owner=owner, contact_ids=[pk for pk in chunk if pk is not None])

    rows_of = {person.row: person.contact_id for person in new}
    return {
        "created": [person.contact_id for person in new],
        "updated": [person.contact_id for person in touched],
        "duplicates": [
            {
                "contact": person.contact_id,
                "candidates": [
                    candidate["contact"] or rows_of.get(candidate["row"])
                    for candidate in person.candidates
                ],
            }
            for person in new
            if person.candidates
        ],
    }
