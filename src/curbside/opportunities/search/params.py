"""The parameters of a listing search, read from and written to a query string.

One reader for the page, the API and saved searches: `params_from_query` keeps every value
it understands and reports the others as (field → message) errors instead of failing, so
a stale saved search or a hand-edited URL still searches on what it can. `to_query` writes
only what differs from the defaults, in a fixed order, so equal searches give equal strings.
"""

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from urllib.parse import urlencode

from curbside.opportunities.classify import POSITION_TYPES, PRACTICE_SETTINGS, SPECIALTIES

SORTS = {"relevance": "Relevance", "date": "Newest", "distance": "Distance"}
DEFAULT_RADIUS_MILES = 50
MAX_RADIUS_MILES = 3000
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 10_000
MAX_QUERY_LENGTH = 500
_TRUE = {"1", "true", "on", "yes"}
_FALSE = {"", "0", "false", "off", "no"}
T = TypeVar("T")
_MONEY = re.compile(r"^\$?\s*(\d+(?:\.\d+)?)\s*(k?)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ListingSearchParams:
    """What to search for; every field has an "anything" default."""

    q: str = ""
    specialty: str = ""
    practice_setting: str = ""
    position_type: str = ""
    salary_floor: int | None = None  # a year's pay
    visa: bool = False  # only listings that sponsor a visa
    near: str = ""  # a ZIP code or "City, ST"
    radius_miles: int | None = None  # DEFAULT_RADIUS_MILES when `near` is given
    posted_since: date | None = None
    created_after: datetime | None = None  # saved searches: "new since last seen"
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def radius(self) -> int:
        return self.radius_miles or DEFAULT_RADIUS_MILES

    def with_changes(self, **changes: Any) -> "ListingSearchParams":
        return dataclasses.replace(self, **changes)

    def to_query(self) -> str:
        """The query string of the non-default parameters ("q=icu&near=80202&radius_miles=25")."""
        pairs: list[tuple[str, str]] = []
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if value == field.default:
                continue
            if isinstance(value, bool):
                text = "1"
            elif isinstance(value, date | datetime):
                text = value.isoformat()
            else:
                text = str(value)
            pairs.append((field.name, text))
        return urlencode(pairs)


def _choice(value: str, choices: Mapping[str, str], label: str) -> tuple[str, str]:
    if value in choices or not value:
        return value, ""
    return "", f"Unknown {label}: {value[:40]}."


def _integer(value: str, low: int, high: int, message: str) -> tuple[int | None, str]:
    cleaned = value.strip().replace(",", "")
    if not cleaned:
        return None, ""
    if cleaned.isdigit() and low <= int(cleaned) <= high:
        return int(cleaned), ""
    return None, message


def _money(value: str) -> tuple[int | None, str]:
    cleaned = value.strip().replace(",", "")
    if not cleaned:
        return None, ""
    match = _MONEY.match(cleaned)
    if not match:
        return None, "Enter a yearly amount, such as 250000 or 250k."
    amount = float(match.group(1)) * (1000 if match.group(2) else 1)
    if amount > 2**31 - 1:
        return None, "Enter a yearly amount, such as 250000 or 250k."
    return round(amount), ""


def _date(value: str) -> tuple[date | None, str]:
    if not value.strip():
        return None, ""
    try:
        return date.fromisoformat(value.strip()), ""
    except ValueError:
        return None, "Enter a date as YYYY-MM-DD."


def _datetime(value: str) -> tuple[datetime | None, str]:
    if not value.strip():
        return None, ""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None, "Enter a date and time in ISO 8601."
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)), ""


def params_from_query(
    query: Mapping[str, object],
) -> tuple[ListingSearchParams, dict[str, str]]:
    """Parameters from a query string's values (a QueryDict, or a dict of strings or of lists
    of strings as saved searches store them), and a message for each value left out."""
    errors: dict[str, str] = {}

    def text(name: str) -> str:
        value = query.get(name)
        if isinstance(value, list | tuple):
            value = value[-1] if value else ""
        return value if isinstance(value, str) else ""

    def keep(name: str, parsed: tuple[T, str]) -> T:
        value, message = parsed
        if message:
            errors[name] = message
        return value

    visa_text = text("visa").strip().lower()
    if visa_text not in _TRUE | _FALSE:
        errors["visa"] = "Use 1 for listings that sponsor a visa."
    sort = text("sort") or "relevance"
    if sort not in SORTS:
        errors["sort"] = f"Sort by {', '.join(SORTS)}."
        sort = "relevance"
    params = ListingSearchParams(
        q=" ".join(text("q").split())[:MAX_QUERY_LENGTH],
        specialty=keep("specialty", _choice(text("specialty"), SPECIALTIES, "specialty")),
        practice_setting=keep(
            "practice_setting",
            _choice(text("practice_setting"), PRACTICE_SETTINGS, "practice setting"),
        ),
        position_type=keep(
            "position_type", _choice(text("position_type"), POSITION_TYPES, "position type")
        ),
        salary_floor=keep("salary_floor", _money(text("salary_floor"))),
        visa=visa_text in _TRUE,
        near=" ".join(text("near").split())[:100],
        radius_miles=keep(
            "radius_miles",
            _integer(
                text("radius_miles"),
                1,
                MAX_RADIUS_MILES,
                f"Enter whole miles from 1 to {MAX_RADIUS_MILES:,}.",
            ),
        ),
        posted_since=keep("posted_since", _date(text("posted_since"))),
        created_after=keep("created_after", _datetime(text("created_after"))),
        sort=sort,
        page=keep("page", _integer(text("page"), 1, MAX_PAGE, "Pages start at 1.")) or 1,
        per_page=keep(
            "per_page",
            _integer(text("per_page"), 1, MAX_PER_PAGE, f"At most {MAX_PER_PAGE} a page."),
        )
        or DEFAULT_PER_PAGE,
    )
    return params, errors
