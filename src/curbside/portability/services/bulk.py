"""Insert many rows at once, from tuples: one statement for many rows.

bulk_create builds a model instance per row and prepares every value through the field
API, about 30 µs a row for a contact: on its own most of the 5-second budget of a
30,000-row LinkedIn import, which also inserts as many jobs and interactions. The rows
inserted here were checked by the import preview, so only what the database needs is done
to them (dates and datetimes adapted by the backend, defaults filled in). Rows whose ids
are not needed go through executemany; the others through multi-row INSERT … RETURNING,
which SQLite (3.35+) and PostgreSQL both answer in the order of the rows (as bulk_create
relies on). Runs inside the caller's transaction.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

# PostgreSQL takes at most 65,535 parameters a statement; SQLite's limit comes from Django.
MAX_PARAMETERS = 65_535
MAX_ROWS = 2_000


def _adapter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """How the backend wants this field's values (None: as they are)."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return lambda value: None if value is None else ops.adapt_datetimefield_value(value)
    if isinstance(field, models.DateField):
        return lambda value: None if value is None else ops.adapt_datefield_value(value)
    return None


def _default(field: models.Field[Any, Any], now: Any) -> Any:
    stamped = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    value = now if stamped else field.get_default()
    adapt = _adapter(field)
    return adapt(value) if adapt else value


def insert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    *,
    returning: bool = False,
) -> list[int]:
    """Insert `rows`, tuples of values for `columns` (attnames); the model's other fields
    take their default, created_at and updated_at the current time. Returns the new primary
    keys, in the order of the rows, if `returning`."""
    if not rows:
        return []
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    by_name = {field.attname: field for field in fields}
    given = [by_name[column] for column in columns]
    now = timezone.now()
    tail = tuple(_default(field, now) for field in fields if field.attname not in columns)
    adapted = [(index, adapt) for index, field in enumerate(given) if (adapt := _adapter(field))]
    if adapted:
        adjusted = []
        for row in rows:
            values = list(row)
            for index, adapt in adapted:
                values[index] = adapt(values[index])
            adjusted.append(tuple(values))
        rows = adjusted

    quote = connection.ops.quote_name
    pk = meta.pk.column if meta.pk else "id"
    names = [field.column for field in given] + [
        field.column for field in fields if field.attname not in columns
    ]
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    insert = f"INSERT INTO {quote(meta.db_table)} ({', '.join(map(quote, names))}) VALUES "  # noqa: S608 -- names from the model, values as parameters
    with connection.cursor() as cursor:
        if not returning:
            cursor.executemany(insert + one_row, [row + tail for row in rows])
            return []
        size = min(
            connection.ops.bulk_batch_size(fields, rows), MAX_PARAMETERS // len(fields), MAX_ROWS
        )
        size = max(size, 1)
        ids: list[int] = []
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            parameters = [value for row in chunk for value in row + tail]
            cursor.execute(
                f"{insert}{', '.join([one_row] * len(chunk))} RETURNING {quote(pk)}",
                parameters,
            )
            ids += [returned[0] for returned in cursor.fetchall()]
    return ids
