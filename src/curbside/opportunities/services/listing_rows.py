"""The rows of a listing import: a parsed posting checked and stored as a preview row, and
the plan that matches rows against the listings already there (create, update or skip).

A listing is the same one again when its source and the board's id match, else its source
and URL, else (a posting with neither) its source, title, employer and place.
"""

import re
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from curbside.opportunities.listings import ParsedListing
from curbside.opportunities.models import Listing, ListingImport

# The fields of a Listing an import writes, besides its source.
FIELDS = (
    "title",
    "employer",
    "external_id",
    "url",
    "description",
    "requirements",
    "specialty",
    "practice_setting",
    "position_type",
    "city",
    "state",
    "zip_code",
    "country",
    "latitude",
    "longitude",
    "is_remote",
    "salary_min",
    "salary_max",
    "salary_unit",
    "currency",
    "visa_sponsorship",
    "posted_on",
    "expires_on",
)
DATE_FIELDS = ("posted_on", "expires_on")
MONEY_FIELDS = ("salary_min", "salary_max")
_CENT = Decimal("0.01")
_MAX_MONEY = Decimal("9999999999.99")  # max_digits=12, decimal_places=2
CHUNK = 500  # ids in one IN (…) lookup, rows between two reports of progress

Key = tuple[str, ...]
T = TypeVar("T")

# A web address as a board links to it: http(s), a host, no spaces. Django's URLValidator
# is stricter but costs seconds over 100,000 listings.
_URL = re.compile(r"https?://[^\s/?#@]+(?:[/?#]\S*)?", re.IGNORECASE)
LIMITS = {
    name: limit
    for name in ("source", *FIELDS)
    if (limit := getattr(Listing._meta.get_field(name), "max_length", None))
}
_CHOICES = {
    name: {value for value, _ in getattr(Listing._meta.get_field(name), "choices", None) or ()}
    for name in (
        "specialty",
        "practice_setting",
        "position_type",
        "salary_unit",
        "visa_sponsorship",
    )
}


def _money(value: Decimal | None, name: str, problems: list[str]) -> str | None:
    if value is None:
        return None
    try:
        amount = value.quantize(_CENT)
    except InvalidOperation:
        amount = None
    if amount is None or not 0 <= amount <= _MAX_MONEY:
        problems.append(f"{name} {value} is not an amount that can be kept.")
        return None
    return format(amount, "f")


def listing_row(name: str, record: ParsedListing, source: str) -> dict[str, Any]:
    """A record as a preview row: JSON values, and what is wrong with it as a listing."""
    problems = list(record.problems)
    values: dict[str, Any] = {field: getattr(record, field) for field in FIELDS}
    for field in DATE_FIELDS:
        day = values[field]
        values[field] = day.isoformat() if day else None
    for field in MONEY_FIELDS:
        values[field] = _money(values[field], field, problems)
    for field, limit in LIMITS.items():
        text = source if field == "source" else values[field]
        if len(text) > limit:
            problems.append(f"{field} is {len(text)} characters long; at most {limit} fit.")
    for field, allowed in _CHOICES.items():
        if values[field] and values[field] not in allowed:
            problems.append(f'{field} "{values[field]}" is not one of ours.')
    if values["url"] and not _URL.fullmatch(values["url"]):
        problems.append(f'url "{values["url"]}" is not a web address.')
    if not source:
        problems.append("No source: name the board the listings come from.")
    return {
        "file": name,
        "line": record.line,
        "source": source,
        "values": values,
        "problems": problems,
        "action": "error" if problems else "create",
    }


def _stored(value: Any) -> Any:
    """A value read from the database, as a preview row holds it."""
    if isinstance(value, Decimal):
        return format(value.quantize(_CENT), "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


_NOT_WORD = re.compile(r"\W+")


def _fold(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def _key(source: str, values: dict[str, Any]) -> Key:
    """What makes a posting the same listing again (the model's unique constraints)."""
    if values["external_id"]:
        return ("id", source, values["external_id"])
    if values["url"]:
        return ("url", source, values["url"])
    place = (_fold(values["city"]), values["state"].upper(), values["zip_code"])
    return ("content", source, _fold(values["title"]), _fold(values["employer"]), *place)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing(keys: set[Key]) -> dict[Key, tuple[int, dict[str, Any]]]:
    """The listings already stored under these keys: key → (pk, values as a row holds them)."""
    wanted: dict[tuple[str, str], list[str]] = {}
    content_sources: set[str] = set()
    for key in keys:
        if key[0] == "content":
            content_sources.add(key[1])
        else:
            wanted.setdefault((key[0], key[1]), []).append(key[2])
    columns = ("pk", "source", *FIELDS)
    queries = []
    for (kind, source), values in wanted.items():
        listings = Listing.objects.filter(source=source).order_by()
        # The excludes let the database use the partial unique indexes.
        if kind == "id":
            listings = listings.exclude(external_id="")
        else:
            listings = listings.filter(external_id="").exclude(url="")
        # A first import from a source matches nothing: no need to look its ids up.
        if not listings.exists():
            continue
        for chunk in chunks(sorted(values)):
            if kind == "id":
                queries.append(listings.filter(external_id__in=chunk))
            else:
                queries.append(listings.filter(url__in=chunk))
    queries.extend(
        Listing.objects.filter(source=source, external_id="", url="").order_by("pk")
        for source in sorted(content_sources)
    )
    found: dict[Key, tuple[int, dict[str, Any]]] = {}
    for rows in queries:
        for pk, source, *stored in rows.values_list(*columns):
            row = {field: _stored(value) for field, value in zip(FIELDS, stored, strict=True)}
            found.setdefault(_key(source, row), (pk, row))
    return found


def rows_plan(rows: list[dict[str, Any]]) -> None:
    """Decide, for each row, what committing does: create, update (which fields) or skip.

    A listing repeated in the upload is written once, from its last posting."""
    last: dict[Key, int] = {}
    for index, row in enumerate(rows):
        if not row["problems"]:
            last[_key(row["source"], row["values"])] = index
    existing = _existing(set(last))
    for index, row in enumerate(rows):
        for name in ("listing", "changes", "note"):
            row.pop(name, None)
        if row["problems"]:
            row["action"] = "error"
            continue
        key = _key(row["source"], row["values"])
        winner = last[key]
        if winner != index:
            later = rows[winner]
            row["action"] = "skip"
            row["note"] = f"Repeated later, at {later['file']} line {later['line']}."
            continue
        stored = existing.get(key)
        if stored is None:
            row["action"] = "create"
            continue
        pk, values = stored
        row["listing"] = pk
        changes = [field for field in FIELDS if values[field] != row["values"][field]]
        if changes:
            row["action"] = "update"
            row["changes"] = changes
        else:
            row["action"] = "skip"
            row["note"] = "Already there, unchanged."


def batch_count(batch: ListingImport) -> None:
    actions = [row["action"] for row in batch.rows]
    batch.n_create = actions.count("create")
    batch.n_update = actions.count("update")
    batch.n_skip = actions.count("skip")
    batch.n_error = actions.count("error")


def rows_outcome(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(row["action"], row.get("listing"), tuple(row.get("changes", ()))) for row in rows]
