"""Keep the search rows of listings in step with the listings.

For each listing: its narrow `ListingSearch` row (filter columns, annualised salary, grid
cell) and its full-text row in `opportunities_listingtext` (created by migration 0002: an
FTS5 table on SQLite, a weighted tsvector with a GIN index on PostgreSQL). Both writes run
in the caller's transaction, in batches: one read of the listings, one upsert of the search
rows and one executemany of the text rows per batch.
"""

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection

from curbside.opportunities.classify import SPECIALTIES
from curbside.opportunities.geo import US_STATES
from curbside.opportunities.models import Listing, ListingSearch

from .cells import cell_of, text_tokens
from .text import fts5_text, tsvector_literal

TEXT_TABLE = "opportunities_listingtext"
BATCH = 2000
HOURS_A_YEAR = 2080
PER_YEAR = {"hour": HOURS_A_YEAR, "day": 260, "week": 52, "month": 12, "year": 1, "": 1}
_MAX_INTEGER = 2**31 - 1

# Text columns of the FTS5 table in order (the grid tokens follow in `geo`), and the tsvector
# weight of each on PostgreSQL; the selector ranks title highest (bm25 column weights,
# ts_rank weights A–D).
TEXT_FIELDS = ("title", "employer", "specialty", "place", "body")
_WEIGHTS = ("A", "B", "B", "C", "D")
Document = tuple[int, tuple[str, str, str, str, str], list[str]]  # id, fields, grid tokens

_FIELDS = (
    "pk",
    "title",
    "employer",
    "description",
    "requirements",
    "specialty",
    "practice_setting",
    "position_type",
    "city",
    "state",
    "zip_code",
    "latitude",
    "longitude",
    "salary_min",
    "salary_max",
    "salary_unit",
    "visa_sponsorship",
    "posted_on",
    "expires_on",
    "created_at",
)


def annual(amount: Decimal | None, unit: str) -> int | None:
    """Pay per `unit` as pay per year (2,080 hours, 260 days, 52 weeks, 12 months)."""
    if amount is None:
        return None
    return min(_MAX_INTEGER, round(amount * PER_YEAR.get(unit, 1)))


def _batches(ids: Sequence[int]) -> Iterator[list[int]]:
    unique = sorted(set(ids))
    for start in range(0, len(unique), BATCH):
        yield unique[start : start + BATCH]


def _place(city: str, state: str, zip_code: str) -> str:
    code = state.strip().upper()
    return " ".join(part for part in (city, state, US_STATES.get(code, ""), zip_code) if part)


def _search_values(row: dict[str, Any]) -> tuple[Any, ...]:
    """The ListingSearch columns of a listing, in _SEARCH_COLUMNS order, adapted for the engine."""
    latitude, longitude = row["latitude"], row["longitude"]
    has_point = latitude is not None and longitude is not None
    ops = connection.ops
    return (
        row["pk"],
        row["specialty"],
        row["practice_setting"],
        row["position_type"],
        row["state"],
        annual(row["salary_min"], row["salary_unit"]),
        annual(row["salary_max"], row["salary_unit"]),
        bool(row["visa_sponsorship"]),
        latitude,
        longitude,
        cell_of(latitude, longitude) if has_point else None,
        ops.adapt_datefield_value(row["posted_on"]),
        ops.adapt_datefield_value(row["expires_on"]),
        ops.adapt_datetimefield_value(row["created_at"]),
    )


def _grid_tokens(row: dict[str, Any]) -> list[str]:
    latitude, longitude = row["latitude"], row["longitude"]
    return [] if latitude is None or longitude is None else text_tokens(latitude, longitude)


def _text_fields(row: dict[str, Any]) -> tuple[str, str, str, str, str]:
    return (
        row["title"],
        row["employer"],
        SPECIALTIES.get(row["specialty"], ""),
        _place(row["city"], row["state"], row["zip_code"]),
        f"{row['description']}\n{row['requirements']}",
    )


_SEARCH_COLUMNS = (
    "listing_id",
    "specialty",
    "practice_setting",
    "position_type",
    "state",
    "annual_salary_min",
    "annual_salary_max",
    "has_visa",
    "latitude",
    "longitude",
    "geocell",
    "posted_on",
    "expires_on",
    "created_at",
)
# One statement for both engines (SQLite 3.24+ and PostgreSQL): insert or replace by key.
_UPSERT_SEARCH = " ".join(
    [
        f"INSERT INTO {ListingSearch._meta.db_table} ({', '.join(_SEARCH_COLUMNS)})",
        f"VALUES ({', '.join(['%s'] * len(_SEARCH_COLUMNS))})",
        "ON CONFLICT (listing_id) DO UPDATE SET",
        ", ".join(f"{column} = EXCLUDED.{column}" for column in _SEARCH_COLUMNS[1:]),
    ]
)


def listing_index(listing_ids: Sequence[int]) -> None:
    """Insert or replace the search rows and the full-text rows of these listings."""
    for batch in _batches(listing_ids):
        rows = list(Listing.objects.filter(pk__in=batch).order_by().values(*_FIELDS))
        if not rows:
            continue
        with connection.cursor() as cursor:
            cursor.executemany(_UPSERT_SEARCH, [_search_values(row) for row in rows])
        _write_text([(row["pk"], _text_fields(row), _grid_tokens(row)) for row in rows])


def listing_unindex(listing_ids: Sequence[int]) -> None:
    """Drop the search rows and the full-text rows of these listings."""
    for batch in _batches(listing_ids):
        ListingSearch.objects.filter(listing_id__in=batch).delete()
        with connection.cursor() as cursor:
            # One statement per id: FTS5 finds a row by `rowid =`, but scans for `rowid IN`.
            cursor.executemany(
                f"DELETE FROM {TEXT_TABLE} WHERE {_text_key()} = %s",  # noqa: S608 (constants)
                [(pk,) for pk in batch],
            )


def _text_key() -> str:
    return "listing_id" if connection.vendor == "postgresql" else "rowid"


def _write_text(documents: list[Document]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                f"INSERT INTO {TEXT_TABLE} (listing_id, document) VALUES (%s, %s::tsvector) "  # noqa: S608 (constant table name)
                "ON CONFLICT (listing_id) DO UPDATE SET document = EXCLUDED.document",
                [
                    (pk, tsvector_literal(list(zip(fields, _WEIGHTS, strict=True)), tokens))
                    for pk, fields, tokens in documents
                ],
            )
            return
        # FTS5 replaces the row with the same rowid (the listing id).
        cursor.executemany(
            f"INSERT OR REPLACE INTO {TEXT_TABLE} (rowid, {', '.join(TEXT_FIELDS)}, geo) "  # noqa: S608 (constants)
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                (pk, *(fts5_text(field) for field in fields), " ".join(tokens))
                for pk, fields, tokens in documents
            ],
        )
