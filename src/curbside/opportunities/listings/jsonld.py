"""schema.org JobPosting → ParsedListing: a JSON-LD file (one posting, a list, an @graph,
or JSON Lines), and the JSON-LD blocks or microdata of a saved job page.

Boards write JobPosting loosely, and every variant seen in the wild is read: `name` for
`title`; salary as "100000", 100000, "$250K–$300K" or a MonetaryAmount whose value is a
number or a QuantitativeValue (minValue, maxValue, value, unitText HOUR/YEAR…); a hiring
organization as text or an Organization; jobLocation as text, a Place or a list of Places
with a PostalAddress or a plain-text address; remote jobs (jobLocationType TELECOMMUTE)
with no location; an identifier as text or a PropertyValue; requirements as text or
objects (OccupationalExperienceRequirements, EducationalOccupationalCredential); dates or
date-times; nodes that point at each other by "@id" within a document.
"""

import json
import re
from datetime import date
from decimal import Decimal
from typing import Any

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
from .page import read_page
from .records import ListingFileError, ListingParseResult, ParsedListing

_MAX_DEPTH = 64  # how deep in a document postings are looked for
_REQUIREMENT_FIELDS = ("qualifications", "experienceRequirements", "educationRequirements")
_NOT_VALID_JSON = "is not valid JSON"


def parse_json(text: str, *, source: str = "") -> ListingParseResult:
    """A .json/.jsonld file: one posting, a list of them, an @graph, or JSON Lines."""
    documents = _load_documents(text)
    has_ids = '"@id"' in text  # most files have none: no need to walk them for references
    postings: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for document in documents:
        ids = _id_index(document) if has_ids else {}
        postings.extend((posting, ids) for posting in _find_postings(document))
    if not postings:
        raise ListingFileError(f"No JobPosting found in this file{_types_seen(documents)}.")
    records = tuple(
        to_listing(posting, position, ids=ids, source=source)
        for position, (posting, ids) in enumerate(postings, start=1)
    )
    return ListingParseResult(format="jsonld", records=records)


def parse_page(text: str, *, source: str = "") -> ListingParseResult:
    """A saved web page: its JSON-LD blocks, else its microdata."""
    page = read_page(text)
    warnings: list[str] = []
    postings: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for block in page.json_ld:
        try:
            document = json.loads(_unwrap_script(block.text))
        except json.JSONDecodeError as error:
            # Where the error is in the page: the block's text starts inside a line.
            line = block.line + error.lineno - 1
            column = error.colno + (block.column if error.lineno == 1 else 0)
            warnings.append(
                f"The JSON-LD block at line {block.line} {_NOT_VALID_JSON} ({error.msg} at "
                f"line {line}, column {column}); it was skipped."
            )
            continue
        except RecursionError:
            warnings.append(f"The JSON-LD block at line {block.line} is nested too deeply.")
            continue
        ids = _id_index(document)
        postings.extend((posting, ids) for posting in _find_postings(document))
    microdata = [posting for item in page.items for posting in _find_postings(item)]
    if postings and microdata:
        warnings.append("The page also has its postings as microdata; its JSON-LD was read.")
    elif microdata:
        postings = [(posting, {}) for posting in microdata]
    if not postings:
        broken = next((warning for warning in warnings if _NOT_VALID_JSON in warning), "")
        reason = (
            broken.replace("; it was skipped.", ".")
            if broken
            else "it has no schema.org JobPosting, neither in a JSON-LD script nor as microdata."
        )
        raise ListingFileError(f"No JobPosting found in this page: {reason}")
    page_url = page.canonical_url if len(postings) == 1 else ""
    records = tuple(
        to_listing(posting, position, ids=ids, source=source, page_url=page_url)
        for position, (posting, ids) in enumerate(postings, start=1)
    )
    return ListingParseResult(format="html", records=records, warnings=tuple(warnings))


def to_listing(
    node: dict[str, Any],
    position: int,
    *,
    ids: dict[str, Any] | None = None,
    source: str = "",
    page_url: str = "",
) -> ParsedListing:
    """One JobPosting node as a record; what cannot be read goes to its problems."""
    reader = _Reader(ids or {}, position)
    title = one_line(reader.text(node.get("title")) or reader.text(node.get("name")))
    if not title:
        reader.problem('no title (neither "title" nor "name")')
    description = html_to_text(reader.text(node.get("description")))
    place, point = reader.location(node)
    if not (place.city or place.state or place.zip_code or point or place.is_remote):
        in_title = place_in_title(title)  # "Hospitalist – Denver, CO" with no jobLocation
        place = Place(in_title.city, in_title.state, in_title.zip_code, place.country)
    salary = reader.salary(node)
    requirements = "\n".join(
        dict.fromkeys(
            text
            for name in ("requirements", *_REQUIREMENT_FIELDS)
            for text in reader.requirements(node.get(name))
        )
    )
    occupation = "\n".join(
        reader.texts(node.get("occupationalCategory"))
        + reader.texts(node.get("relevantOccupation"))
        + [
            text
            for occupation in reader.values(node.get("relevantOccupation"))
            if isinstance(occupation, dict)
            for text in reader.texts(occupation.get("occupationalCategory"))
        ]
    )
    listing = ParsedListing(
        line=position,
        title=title,
        employer=one_line(reader.text(node.get("hiringOrganization"))),
        external_id=reader.identifier(node.get("identifier")),
        url=reader.text(node.get("url")).strip() or page_url,
        source=source,
        description=description,
        position_type=classify.detect_position_type(
            title, reader.texts(node.get("employmentType")), description
        ),
        city=place.city,
        state=place.state,
        zip_code=place.zip_code,
        country=place.country,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        is_remote=place.is_remote,
        salary_min=salary.minimum if salary else None,
        salary_max=salary.maximum if salary else None,
        salary_unit=salary.unit if salary else "",
        currency=salary.currency if salary else "",
        posted_on=reader.date(node, "datePosted"),
        expires_on=reader.date(node, "validThrough"),
        requirements=requirements,
        problems=tuple(reader.problems),
    )
    extra = "\n".join([*reader.texts(node.get("jobBenefits")), title])
    return finish(listing, occupation=occupation, extra_text=extra)


class _Reader:
    """Reads the loosely typed values of one posting, collecting its problems."""

    def __init__(self, ids: dict[str, Any], position: int) -> None:
        self.ids = ids
        self.position = position
        self.problems: list[str] = []

    def problem(self, message: str) -> None:
        self.problems.append(f"Posting {self.position}: {message}.")

    def values(self, value: Any) -> list[Any]:
        """A property's values, "@id" references resolved: [] for none, [x] for one."""
        if value is None:
            return []
        listed = value if isinstance(value, list) else [value]
        return [self.deref(item) for item in listed if item is not None]

    def deref(self, value: Any) -> Any:
        if isinstance(value, dict) and "@id" in value and len(value) <= 2:
            return self.ids.get(value["@id"], value)
        return value

    def texts(self, value: Any) -> list[str]:
        found = [_as_text(item) for item in self.values(value)]
        return [text for text in found if text]

    def text(self, value: Any) -> str:
        texts = self.texts(value)
        return texts[0] if texts else ""

    def identifier(self, value: Any) -> str:
        """Text, a number, or a PropertyValue whose value (not its name) is the id."""
        for item in self.values(value):
            text = _as_text(item.get("value", item) if isinstance(item, dict) else item)
            if text.strip():
                return text.strip()
        return ""

    def date(self, node: dict[str, Any], name: str) -> date | None:
        text = self.text(node.get(name))
        parsed = parse_date(text)
        if text and parsed is None:
            self.problem(f'{name} "{text}" is not a date')
        return parsed

    def location(self, node: dict[str, Any]) -> tuple[Place, tuple[float, float] | None]:
        remote = any(
            "TELECOMMUTE" in text.upper() for text in self.texts(node.get("jobLocationType"))
        )
        for place in self.values(node.get("jobLocation")):
            found, point = self._place(place)
            if found.city or found.state or found.zip_code or point:
                return _replace_place(found, is_remote=remote or found.is_remote), point
        country = ""
        for requirement in self.values(node.get("applicantLocationRequirements")):
            country = country or country_code(_as_text(requirement))
        return Place(is_remote=remote, country=country), None

    def _place(self, place: Any) -> tuple[Place, tuple[float, float] | None]:
        if not isinstance(place, dict):
            return split_place(_as_text(place)), None
        point = self._point(place) or self._point(self.deref(place.get("geo")))
        address = next(iter(self.values(place.get("address"))), None)
        if isinstance(address, dict):
            country = country_code(self.text(address.get("addressCountry")))
            region = self.text(address.get("addressRegion"))
            if country in ("", "US"):
                region = geo.state_code(region) or region
            found = Place(
                city=one_line(self.text(address.get("addressLocality"))),
                state=region.strip(),
                zip_code=self.text(address.get("postalCode")).strip(),
                country=country,
            )
        elif address is not None:
            found = split_place(_as_text(address))
        else:
            found = split_place(self.text(place.get("name")))
        return found, point

    def _point(self, value: Any) -> tuple[float, float] | None:
        if not isinstance(value, dict) or "latitude" not in value:
            return None
        try:
            latitude, longitude = float(value["latitude"]), float(value["longitude"])
        except (KeyError, TypeError, ValueError):
            self.problem("its coordinates are not numbers")
            return None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            self.problem(f"its coordinates ({latitude}, {longitude}) are not on Earth")
            return None
        return (latitude, longitude)

    def salary(self, node: dict[str, Any]) -> classify.Salary | None:
        name = "baseSalary" if node.get("baseSalary") not in (None, "", []) else "estimatedSalary"
        default_currency = self.text(node.get("salaryCurrency")).strip().upper()
        for value in self.values(node.get(name)):
            salary = self._salary(name, value, default_currency)
            if salary is not None:
                return salary
        return None

    def _salary(self, name: str, value: Any, currency: str) -> classify.Salary | None:
        if isinstance(value, str):
            parsed = classify.parse_salary(value)
            if parsed is None:
                return None
            return classify.Salary(
                parsed.minimum, parsed.maximum, parsed.unit, parsed.currency or currency
            )
        if isinstance(value, int | float) and not isinstance(value, bool):
            amount = self._amount(name, value)
            unit = classify.guess_unit(amount) if amount is not None else ""
            return classify.Salary(amount, amount, unit, currency) if amount is not None else None
        if not isinstance(value, dict):
            return None
        currency = self.text(value.get("currency")).strip().upper() or currency
        inner = self.deref(value.get("value"))
        if isinstance(inner, list):
            inner = inner[0] if inner else None
        quantity = inner if isinstance(inner, dict) else value
        exact = self._amount(name, inner if not isinstance(inner, dict) else quantity.get("value"))
        minimum = self._amount(name, quantity.get("minValue"))
        maximum = self._amount(name, quantity.get("maxValue"))
        if exact is None and minimum is None and maximum is None:
            exact = self._amount(name, value.get("median"))  # MonetaryAmountDistribution
        if exact is not None and minimum is None and maximum is None:
            minimum = maximum = exact
        if minimum is None and maximum is None:
            return None
        if minimum is not None and maximum is not None and minimum > maximum:
            minimum, maximum = maximum, minimum
            self.problem(f"{name} has minValue above maxValue; they were swapped")
        unit_text = self.text(quantity.get("unitText")) or self.text(value.get("unitText"))
        unit = classify.salary_unit(unit_text) or classify.guess_unit(
            maximum if maximum is not None else minimum or Decimal(0)
        )
        return classify.Salary(minimum, maximum, unit, currency)

    def _amount(self, name: str, value: Any) -> Decimal | None:
        if value is None or value == "" or isinstance(value, bool):
            return None
        if isinstance(value, dict):
            value = value.get("@value")
        if isinstance(value, int | float):
            number = Decimal(str(value))
            return number.quantize(Decimal(1)) if number == number.to_integral_value() else number
        amount = classify.parse_amount(str(value))
        if amount is None:
            self.problem(f'{name} "{value}" is not an amount')
        return amount

    def requirements(self, value: Any) -> list[str]:
        found: list[str] = []
        for item in self.values(value):
            text = _describe_requirement(item) if isinstance(item, dict) else _as_text(item)
            if text:
                found.append(html_to_text(text))
        return found


def _as_text(value: Any) -> str:
    """The text of a value: a string, a number, or a node's name (or @value, or value)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, dict):
        for key in ("@value", "name", "legalName", "value", "codeValue"):
            if key in value:
                return _as_text(value[key])
    if isinstance(value, list) and value:
        return _as_text(value[0])
    return ""


def _describe_requirement(node: dict[str, Any]) -> str:
    parts: list[str] = []
    months = node.get("monthsOfExperience")
    if isinstance(months, str) and months.strip().replace(".", "", 1).isdigit():
        months = float(months)
    if isinstance(months, int | float) and not isinstance(months, bool) and months > 0:
        if months % 12 == 0:
            years = int(months // 12)
            parts.append(f"{years} year{'s' if years != 1 else ''} of experience")
        else:
            parts.append(f"{months:g} months of experience")
    for key in ("credentialCategory", "educationalLevel", "name", "description"):
        text = _as_text(node.get(key))
        if text and text not in parts:
            parts.append(text)
    return f"{parts[0]} ({', '.join(parts[1:])})" if len(parts) > 1 else "".join(parts)


def _replace_place(place: Place, *, is_remote: bool) -> Place:
    return Place(place.city, place.state, place.zip_code, place.country, is_remote)


def _type_names(node: dict[str, Any]) -> list[str]:
    types = node.get("@type", [])
    listed = types if isinstance(types, list) else [types]
    return [re.split(r"[/:#]", str(kind))[-1] for kind in listed]


def _find_postings(value: Any, depth: int = 0) -> list[dict[str, Any]]:
    """Every JobPosting in a document, in order, wherever it is nested (@graph, ItemList…)."""
    if depth > _MAX_DEPTH:
        return []
    if isinstance(value, list):
        return [posting for item in value for posting in _find_postings(item, depth + 1)]
    if not isinstance(value, dict):
        return []
    if "JobPosting" in _type_names(value):
        return [value]
    return [posting for inner in value.values() for posting in _find_postings(inner, depth + 1)]


def _id_index(value: Any, found: dict[str, Any] | None = None, depth: int = 0) -> dict[str, Any]:
    """Nodes that have an "@id" and say more than it, so that references can be followed."""
    found = {} if found is None else found
    if depth > _MAX_DEPTH:
        return found
    if isinstance(value, list):
        for item in value:
            _id_index(item, found, depth + 1)
    elif isinstance(value, dict):
        if isinstance(value.get("@id"), str) and len(value) > 2:
            found.setdefault(value["@id"], value)
        for inner in value.values():
            if isinstance(inner, dict | list):
                _id_index(inner, found, depth + 1)
    return found


def _types_seen(documents: list[Any]) -> str:
    seen: dict[str, None] = {}
    stack = list(documents)
    while stack and len(seen) < 6:
        value = stack.pop(0)
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            seen.update(dict.fromkeys(name for name in _type_names(value) if name))
            stack.extend(inner for inner in value.values() if isinstance(inner, dict | list))
    if not seen:
        return " (it has no schema.org @type)"
    return f" (it describes: {', '.join(list(seen)[:5])})"


def _load_documents(text: str) -> list[Any]:
    try:
        return [json.loads(text)]
    except RecursionError:
        raise ListingFileError("This file is nested too deeply to be a job listing.") from None
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            lines = _json_lines(text)
            if lines is not None:
                return lines
        raise ListingFileError(
            f"This file {_NOT_VALID_JSON}: {error.msg} at line {error.lineno}, "
            f"column {error.colno}."
        ) from None


def _json_lines(text: str) -> list[Any] | None:
    """JSON Lines (one document per line), or None if the text is not that."""
    documents = []
    for line in text.splitlines():
        if line.strip():
            try:
                documents.append(json.loads(line))
            except json.JSONDecodeError:
                return None
    return documents


def _unwrap_script(text: str) -> str:
    """Script content as some sites write it, inside an HTML comment or a CDATA section:
    the wrapper becomes spaces, so that error positions still point into the page."""
    stripped = text.strip()
    for start, end in (("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>"), ("<!--", "-->")):
        if stripped.startswith(start) and stripped.endswith(end):
            head = text.index(start)
            tail = text.rindex(end)
            return (
                text[:head]
                + " " * len(start)
                + text[head + len(start) : tail]
                + " " * len(end)
                + text[tail + len(end) :]
            )
    return text
