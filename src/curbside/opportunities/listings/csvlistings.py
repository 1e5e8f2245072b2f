"""Job listings from a spreadsheet (CSV, or tab- or semicolon-separated) → ParsedListing.

Columns are found by their headers ("Job Title", "Company", "Salary Min", "ZIP"…); a
mapping of our field names to the file's headers overrides or completes what is found.
Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

import csv
import io
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from curbside.opportunities import classify, geo

from .common import country_code, finish, html_to_text, one_line, parse_date, split_place
from .records import ListingFileError, ListingParseResult, ParsedListing

# Our field names, and the headers (letters and digits only, lower case) that mean them.
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "jobtitle", "position", "positiontitle", "job", "jobname", "role"),
    "employer": (
        "employer",
        "company",
        "companyname",
        "organization",
        "organisation",
        "hiringorganization",
        "practice",
        "practicename",
        "facility",
        "hospital",
    ),
    "external_id": (
        "externalid",
        "id",
        "jobid",
        "reference",
        "referenceid",
        "ref",
        "requisitionid",
        "reqid",
        "postingid",
        "listingid",
    ),
    "url": ("url", "link", "joburl", "applyurl", "applicationurl", "joblink"),
    "description": ("description", "jobdescription", "details", "summary"),
    "specialty": ("specialty", "speciality", "specialties", "discipline"),
    "practice_setting": ("practicesetting", "setting", "practicetype"),
    "position_type": (
        "positiontype",
        "jobtype",
        "employmenttype",
        "type",
        "schedule",
        "employmentstatus",
    ),
    "location": ("location", "joblocation", "citystate", "place"),
    "city": ("city", "town", "locality"),
    "state": ("state", "statecode", "region", "province"),
    "zip_code": ("zipcode", "zip", "postalcode", "postcode", "zippostalcode"),
    "country": ("country", "countrycode"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng", "long"),
    "is_remote": ("isremote", "remote", "telecommute"),
    "salary": ("salary", "salaryrange", "pay", "payrange", "compensation", "basesalary"),
    "salary_min": (
        "salarymin",
        "minsalary",
        "minimumsalary",
        "salaryfrom",
        "salarylow",
        "paymin",
        "minpay",
    ),
    "salary_max": (
        "salarymax",
        "maxsalary",
        "maximumsalary",
        "salaryto",
        "salaryhigh",
        "paymax",
        "maxpay",
    ),
    "salary_unit": ("salaryunit", "payunit", "salaryperiod", "payperiod", "salarybasis", "per"),
    "currency": ("currency", "salarycurrency"),
    "posted_on": (
        "postedon",
        "posted",
        "dateposted",
        "posteddate",
        "postingdate",
        "publishdate",
        "published",
        "date",
    ),
    "expires_on": (
        "expireson",
        "expires",
        "expirationdate",
        "expirydate",
        "validthrough",
        "closingdate",
        "deadline",
    ),
    "visa_sponsorship": ("visasponsorship", "visa", "sponsorship", "j1waiver", "h1b"),
    "requirements": ("requirements", "qualifications", "experience"),
}
_TRUE = {"yes", "y", "true", "1", "remote", "x"}
_FALSE = {"no", "n", "false", "0", "onsite", "on-site", "in person", "in-person"}


def _header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def detect_columns(headers: list[str]) -> dict[str, int]:
    """Our field name → column number, for the headers whose meaning is plain."""
    keys = [_header_key(header) for header in headers]
    found: dict[str, int] = {}
    taken: set[int] = set()
    for name, synonyms in FIELDS.items():
        for synonym in synonyms:
            column = next(
                (i for i, key in enumerate(keys) if key == synonym and i not in taken), -1
            )
            if column >= 0:
                found[name] = column
                taken.add(column)
                break
    return found


def _columns(headers: list[str], mapping: dict[str, str] | None) -> dict[str, int]:
    mapping = {name: header for name, header in (mapping or {}).items() if header.strip()}
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise ListingFileError(
            f'"{unknown[0]}" is not a listing field; the fields are: {", ".join(FIELDS)}.'
        )
    by_header = {header.strip().lower(): i for i, header in reversed(list(enumerate(headers)))}
    columns: dict[str, int] = {}
    for name, header in mapping.items():
        column = by_header.get(header.strip().lower())
        if column is None:
            raise ListingFileError(
                f'The column "{header}" (for {name}) is not in the file; its columns are: '
                f"{', '.join(header for header in headers if header.strip())}."
            )
        columns[name] = column
    mapped = set(columns.values())
    for name, column in detect_columns(headers).items():
        if name not in columns and column not in mapped:
            columns[name] = column
    if "title" not in columns:
        raise ListingFileError(
            "No column holds the job title. Map one to title; the file's columns are: "
            f"{', '.join(header for header in headers if header.strip())}."
        )
    return columns


def _delimiter(first_line: str) -> str:
    return max((",", "\t", ";"), key=first_line.count) if first_line else ","


def parse_csv(
    text: str, *, source: str = "", mapping: dict[str, str] | None = None
) -> ListingParseResult:
    """A spreadsheet of listings, one per row after the header."""
    if not text.strip():
        raise ListingFileError("The file is empty.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    try:
        rows = list(reader)
    except csv.Error as error:
        raise ListingFileError(f"This is not a readable CSV file: {error}.") from None
    headers = rows[0]
    columns = _columns(headers, mapping)
    records = tuple(
        _row_to_listing(number, row, columns, source=source)
        for number, row in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in row)
    )
    warnings = () if records else ("The file has a header but no listings.",)
    return ListingParseResult(format="csv", records=records, warnings=warnings)


class _Row:
    def __init__(self, number: int, cells: list[str], columns: dict[str, int]) -> None:
        self.number = number
        self.cells = cells
        self.columns = columns
        self.problems: list[str] = []

    def get(self, name: str) -> str:
        column = self.columns.get(name)
        if column is None or column >= len(self.cells):
            return ""
        return self.cells[column].strip()

    def problem(self, message: str) -> None:
        self.problems.append(f"Row {self.number}: {message}.")

    def amount(self, name: str) -> Decimal | None:
        text = self.get(name)
        if not text:
            return None
        amount = classify.parse_amount(text)
        if amount is None:
            self.problem(f'{name} "{text}" is not an amount')
        return amount

    def coordinate(self, name: str, limit: float) -> float | None:
        text = self.get(name)
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            self.problem(f'{name} "{text}" is not a number')
            return None
        if not -limit <= value <= limit:
            self.problem(f"{name} {text} is out of range")
            return None
        return value

    def date(self, name: str) -> date | None:
        text = self.get(name)
        parsed = parse_date(text)
        if text and parsed is None:
            self.problem(f'{name} "{text}" is not a date')
        return parsed

    def choice(self, name: str, vocabulary: dict[str, str], detect: Callable[[str], str]) -> str:
        text = self.get(name)
        if not text:
            return ""
        value = classify.normalize_choice(text, vocabulary) or detect(text)
        if not value:
            known = f" ({', '.join(vocabulary.values())})" if len(vocabulary) <= 10 else ""
            self.problem(f'{name} "{text}" is not one we know{known}')
        return value


def _row_to_listing(
    number: int, cells: list[str], columns: dict[str, int], *, source: str
) -> ParsedListing:
    row = _Row(number, cells, columns)
    title = one_line(row.get("title"))
    if not title:
        row.problem("no title")
    place = split_place(row.get("location"))
    country = country_code(row.get("country")) or place.country
    state = row.get("state")
    state = (geo.state_code(state) or state) if state else place.state

    salary = classify.parse_salary(row.get("salary"))
    salary_min = row.amount("salary_min")
    salary_max = row.amount("salary_max")
    if salary_min is None and salary_max is None and salary is not None:
        salary_min, salary_max = salary.minimum, salary.maximum
    if salary_min is not None and salary_max is not None and salary_min > salary_max:
        row.problem(f"salary_min {salary_min} is above salary_max {salary_max}")
    unit_text = row.get("salary_unit")
    unit = classify.salary_unit(unit_text) if unit_text else (salary.unit if salary else "")
    if unit_text and not unit:
        row.problem(f'salary_unit "{unit_text}" is not a unit (year, month, week, day, hour)')
    largest = salary_max if salary_max is not None else salary_min
    if not unit and largest is not None:
        unit = classify.guess_unit(largest)
    currency = row.get("currency").upper() or (salary.currency if salary else "")
    if not currency and "$" in row.get("salary_min") + row.get("salary_max"):
        currency = "USD"

    remote_text = row.get("is_remote").lower()
    if remote_text and remote_text not in _TRUE | _FALSE:
        row.problem(f'is_remote "{row.get("is_remote")}" is neither yes nor no')
    latitude = row.coordinate("latitude", 90)
    longitude = row.coordinate("longitude", 180)
    if bool(row.get("latitude")) != bool(row.get("longitude")):
        row.problem("it has only one of latitude and longitude")
    if latitude is None or longitude is None:
        latitude = longitude = None

    description = html_to_text(row.get("description"))
    position_text = row.get("position_type")
    listing = ParsedListing(
        line=number,
        title=title,
        employer=one_line(row.get("employer")),
        external_id=row.get("external_id"),
        url=row.get("url"),
        source=source,
        description=description,
        specialty=row.choice("specialty", classify.SPECIALTIES, classify.detect_specialty),
        practice_setting=row.choice(
            "practice_setting", classify.PRACTICE_SETTINGS, classify.detect_practice_setting
        ),
        position_type=row.choice(
            "position_type",
            classify.POSITION_TYPES,
            lambda text: classify.detect_position_type(text, [text]),
        )
        or classify.detect_position_type(title, [position_text], description),
        city=one_line(row.get("city")) or place.city,
        state=state,
        zip_code=row.get("zip_code") or place.zip_code,
        country=country,
        latitude=latitude,
        longitude=longitude,
        is_remote=remote_text in _TRUE or place.is_remote,
        salary_min=salary_min,
        salary_max=salary_max,
        salary_unit=unit,
        currency=currency,
        posted_on=row.date("posted_on"),
        expires_on=row.date("expires_on"),
        visa_sponsorship=classify.normalize_visa(row.get("visa_sponsorship")),
        requirements=html_to_text(row.get("requirements")),
        problems=tuple(row.problems),
    )
    return finish(listing)
