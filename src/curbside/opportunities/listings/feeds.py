"""RSS and Atom job feeds → ParsedListing, with feedparser.

feedparser is given a file object, never a string: given a string it would fetch a URL or
open a local file of that name. Given bytes it only parses, with external entities off.

Job boards add their own elements (<job:location>, <location>, <salary>, <company>);
feedparser exposes them as "prefix_name" keys, which are read whatever the prefix.
Without them, a place at the end of the title ("Hospitalist – Denver, CO") is used.
"""

import io
import time
from datetime import date
from typing import Any

import feedparser

from curbside.opportunities import classify, geo

from .common import (
    Place,
    country_code,
    finish,
    html_to_text,
    one_line,
    parse_date,
    place_in_title,
    split_place,
)
from .records import ListingFileError, ListingParseResult, ParsedListing

# Board extension elements by local name (letters only, lower case) → our meaning.
_EXTRA_FIELDS: dict[str, str] = {
    "location": "location",
    "joblocation": "location",
    "city": "city",
    "state": "state",
    "region": "state",
    "zip": "zip_code",
    "zipcode": "zip_code",
    "postalcode": "zip_code",
    "country": "country",
    "salary": "salary",
    "compensation": "salary",
    "pay": "salary",
    "company": "employer",
    "companyname": "employer",
    "employer": "employer",
    "hiringorganization": "employer",
    "employmenttype": "employment_type",
    "jobtype": "employment_type",
    "expires": "expires",
    "expirationdate": "expires",
    "validthrough": "expires",
    "closingdate": "expires",
    "remote": "remote",
    "specialty": "specialty",
    "referencenumber": "external_id",
    "jobid": "external_id",
}


def parse_feed(data: bytes, *, source: str = "") -> ListingParseResult:
    """An RSS 0.9x/1.0/2.0 or Atom feed; anything else is a ListingFileError."""
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    entries: list[Any] = list(parsed.get("entries", []))
    if not parsed.get("version") and not entries:
        problem = parsed.get("bozo_exception")
        raise ListingFileError(
            "This file is not an RSS or Atom feed"
            + (f" (the XML parser says: {problem})." if problem else ".")
        )
    warnings: list[str] = []
    if parsed.get("bozo") and parsed.get("bozo_exception"):
        warnings.append(
            f"The feed is not well-formed ({parsed['bozo_exception']}); "
            "its entries were read as well as they could be."
        )
    if not entries:
        warnings.append("The feed has no entries.")
    source = source or one_line(str(parsed.get("feed", {}).get("title", "")))
    prefixes = sorted(parsed.get("namespaces", {}), key=len, reverse=True)
    records = tuple(
        _entry_to_listing(entry, position, source=source, prefixes=prefixes)
        for position, entry in enumerate(entries, start=1)
    )
    return ListingParseResult(format="feed", records=records, warnings=tuple(warnings))


def _extras(entry: dict[str, Any], prefixes: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in entry.items():
        if not isinstance(value, str) or not value.strip():
            continue
        local = key
        for prefix in prefixes:
            if prefix and key.startswith(prefix + "_"):
                local = key[len(prefix) + 1 :]
                break
        meaning = _EXTRA_FIELDS.get("".join(filter(str.isalpha, local)).lower())
        if meaning:
            found.setdefault(meaning, html_to_text(value))
    return found


def _entry_date(entry: dict[str, Any], *names: str) -> date | None:
    """The date as written in the feed; feedparser's own (UTC) reading as a fallback."""
    for name in names:
        # dict.get: feedparser's own get() answers "updated" with "published" (and warns).
        written = parse_date(str(dict.get(entry, name, "")))
        if written:
            return written
        parsed = dict.get(entry, f"{name}_parsed")
        if isinstance(parsed, time.struct_time):
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry_to_listing(
    entry: dict[str, Any], position: int, *, source: str, prefixes: list[str]
) -> ParsedListing:
    problems: list[str] = []
    title = one_line(str(entry.get("title", "")))
    if not title:
        problems.append(f"Entry {position}: no title.")
    extras = _extras(entry, prefixes)
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents else entry.get("summary", "")
    description = html_to_text(str(body))

    place = _place(extras, title)
    point = None
    where = entry.get("where")
    if isinstance(where, dict) and where.get("type") == "Point":
        longitude, latitude = where.get("coordinates", (None, None))
        if isinstance(latitude, float) and isinstance(longitude, float):
            point = (latitude, longitude)

    salary = classify.parse_salary(extras.get("salary", ""))
    expires_text = extras.get("expires", "")
    expires_on = parse_date(expires_text)
    if expires_text and expires_on is None:
        problems.append(f'Entry {position}: expiry date "{expires_text}" is not a date.')
    tags = [str(tag.get("term", "")) for tag in entry.get("tags", []) if isinstance(tag, dict)]
    remote = extras.get("remote", "").lower() in ("yes", "true", "1", "remote") or place.is_remote

    listing = ParsedListing(
        line=position,
        title=title,
        employer=one_line(extras.get("employer", "")),
        external_id=str(entry.get("id", "")).strip() or extras.get("external_id", ""),
        url=str(entry.get("link", "")).strip(),
        source=source,
        description=description,
        position_type=classify.detect_position_type(
            title, [extras.get("employment_type", "")], description
        ),
        specialty=classify.detect_specialty(extras.get("specialty", "")),
        city=place.city,
        state=place.state,
        zip_code=place.zip_code,
        country=place.country,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        is_remote=remote,
        salary_min=salary.minimum if salary else None,
        salary_max=salary.maximum if salary else None,
        salary_unit=salary.unit if salary else "",
        currency=salary.currency if salary else "",
        posted_on=_entry_date(entry, "published", "updated", "created"),
        expires_on=expires_on,
        problems=tuple(problems),
    )
    return finish(listing, occupation="\n".join(tags))


def _place(extras: dict[str, str], title: str) -> Place:
    place = split_place(extras.get("location", ""))
    city = extras.get("city") or place.city
    state = geo.state_code(extras.get("state", "")) or extras.get("state") or place.state
    zip_code = extras.get("zip_code") or place.zip_code
    country = country_code(extras["country"]) if "country" in extras else place.country
    if not (city or state or zip_code):
        in_title = place_in_title(title)
        city, state, zip_code = in_title.city, in_title.state, in_title.zip_code
    return Place(
        city=city, state=state, zip_code=zip_code, country=country, is_remote=place.is_remote
    )
