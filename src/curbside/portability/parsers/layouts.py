"""Which column holds what in each CSV layout we recognise, and how a row becomes a contact.

Column names are compared normalised (case-folded, spaces collapsed). Each layout is planned
once from the header (column positions looked up), then applied to every row.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from curbside.network.names import parse_credentials

from ..records import ParsedContact
from . import common

# The ParsedContact fields a user can map a column to.
MAPPABLE = {
    "full_name",
    "honorific",
    "first_name",
    "middle_name",
    "last_name",
    "suffix",
    "credentials",
    "emails",
    "phones",
    "organization",
    "department",
    "title",
    "street",
    "city",
    "state",
    "zip_code",
    "country",
    "urls",
    "notes",
    "tags",
    "connected_on",
}

LINKEDIN = {"first name", "last name", "connected on"}
LINKEDIN_WITHOUT_DATES = {"first name", "last name", "company", "position"}
GOOGLE = {
    "given name",
    "family name",
    "additional name",
    "group membership",
    "labels",
    "organization name",
    "organization title",
    "name prefix",
    "name suffix",
    "file as",
    "phonetic first name",
}
GOOGLE_NUMBERED = re.compile(r"(e-mail|phone|address|website|organization) (\d+) - (.+)")
OUTLOOK_EMAILS = ("e-mail address", "e-mail 2 address", "e-mail 3 address")
OUTLOOK_PHONES = (
    "primary phone",
    "mobile phone",
    "business phone",
    "business phone 2",
    "company main phone",
    "home phone",
    "home phone 2",
    "other phone",
    "car phone",
    "assistant's phone",
    "pager",
    "business fax",
    "home fax",
    "other fax",
)
OUTLOOK = {
    *OUTLOOK_EMAILS,
    *OUTLOOK_PHONES,
    "job title",
    "business street",
    "business city",
    "business state",
    "business postal code",
    "business country/region",
    "home street",
    "home city",
    "e-mail display name",
    "web page",
}
# Outlook's own columns that other exports name the same way only count together.
OUTLOOK_NAMES = {"first name", "last name", "company"}
ADDRESS_PARTS = ("street", "street 2", "street 3", "city", "state", "postal code")


def normalise(column: str) -> str:
    """A column name as compared: no BOM, spaces collapsed, case-folded."""
    return " ".join(column.replace("\ufeff", "").split()).casefold()


def recognise(columns: set[str]) -> str | None:
    """'linkedin', 'google' or 'outlook' from a row of column names; None if none fits."""
    if columns >= LINKEDIN or columns >= LINKEDIN_WITHOUT_DATES:
        return "linkedin"
    numbered = any(GOOGLE_NUMBERED.fullmatch(column) for column in columns)
    if numbered or len(columns & GOOGLE) >= 2:
        return "google"
    if columns & OUTLOOK or columns >= OUTLOOK_NAMES:
        return "outlook"
    return None


@dataclass(slots=True)
class Row:
    number: int  # spreadsheet row, 1-based
    cells: list[str]
    problems: list[str] = field(default_factory=list)

    def get(self, index: int | None) -> str:
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()


Builder = Callable[[Row], ParsedContact]


class _Columns:
    def __init__(self, columns: tuple[str, ...]) -> None:
        self.positions: dict[str, int] = {}
        for index, column in enumerate(columns):
            self.positions.setdefault(column, index)

    def find(self, *names: str) -> int | None:
        """The position of the first of `names` that the file has."""
        return next((self.positions[n] for n in names if n in self.positions), None)


def _values(text: str) -> list[str]:
    """Google writes several values in one cell separated by ' ::: '."""
    return [value.strip() for value in text.split(":::")]


def _split_emails(text: str) -> list[str]:
    return re.split(r"[;,\s]+", text.replace(":::", ";"))


def _split_list(text: str) -> list[str]:
    return text.replace(":::", ";").replace(",", ";").replace("\n", ";").split(";")


def _date(row: Row, index: int | None, label: str, warnings: list[str]) -> date | None:
    text = row.get(index)
    if not text:
        return None
    parsed = common.parse_date(text)
    if parsed is None:
        warnings.append(
            f"Row {row.number}: {label} {text[:40]!r} is not a date that can be read; "
            "it was left out."
        )
    return parsed


def _linkedin(columns: _Columns, warnings: list[str]) -> Builder:
    first, last = columns.find("first name"), columns.find("last name")
    url, email = columns.find("url", "profile url"), columns.find("email address")
    company, position = columns.find("company"), columns.find("position")
    connected = columns.find("connected on")

    def build(row: Row) -> ParsedContact:
        first_name, honorific = row.get(first), ""
        if first_name.casefold().startswith(("dr. ", "dr ")):
            honorific, first_name = "Dr.", first_name[3:].strip()
        return common.person(
            row.number,
            honorific=honorific,
            first_name=first_name,
            last_name=row.get(last),
            emails=[row.get(email)],
            urls=[row.get(url)],
            organization=row.get(company),
            title=row.get(position),
            connected_on=_date(row, connected, "Connected On", warnings),
            problems=row.problems,
        )

    return build


def _numbered(columns: tuple[str, ...]) -> dict[tuple[str, int], dict[str, int]]:
    """Google's 'E-mail 2 - Value' columns grouped: {('e-mail', 2): {'value': 31, ...}}."""
    groups: dict[tuple[str, int], dict[str, int]] = {}
    for index, column in enumerate(columns):
        match = GOOGLE_NUMBERED.fullmatch(column)
        if match and len(match.group(2)) < 4:
            key = (match.group(1), int(match.group(2)))
            groups.setdefault(key, {}).setdefault(match.group(3), index)
    return dict(sorted(groups.items()))


def _primary_first(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """Values of (type, value) pairs with Google's primary ('* Home') first."""
    ordered = sorted(pairs, key=lambda pair: not pair[0].startswith("*"))
    return [value for _, cell in ordered for value in _values(cell)]


def _google(columns: _Columns, header: tuple[str, ...]) -> Builder:
    full = columns.find("name")
    first, middle = (
        columns.find("first name", "given name"),
        columns.find("middle name", "additional name"),
    )
    last = columns.find("last name", "family name")
    prefix, suffix = columns.find("name prefix"), columns.find("name suffix")
    organization = columns.find("organization name", "organization 1 - name")
    title = columns.find("organization title", "organization 1 - title")
    department = columns.find("organization department", "organization 1 - department")
    notes, groups = columns.find("notes"), columns.find("labels", "group membership")
    numbered = _numbered(header)

    def parts(kind: str) -> list[dict[str, int]]:
        return [group for (name, _), group in numbered.items() if name == kind]

    emails, phones, addresses, websites = (
        parts(k) for k in ("e-mail", "phone", "address", "website")
    )

    def kind_of(row: Row, group: dict[str, int]) -> str:
        return row.get(group.get("type", group.get("label")))

    def build(row: Row) -> ParsedContact:
        filled = [
            (kind_of(row, group), group)
            for group in addresses
            if any(row.get(i) for part, i in group.items() if part not in ("type", "label"))
        ]
        filled.sort(
            key=lambda pair: (not pair[0].startswith("*"), "work" not in pair[0].casefold())
        )
        address = filled[0][1] if filled else {}
        street = "\n".join(
            row.get(address.get(part))
            for part in ("street", "extended address", "po box")
            if row.get(address.get(part))
        )
        return common.person(
            row.number,
            full_name=row.get(full),
            honorific=row.get(prefix),
            first_name=row.get(first),
            middle_name=row.get(middle),
            last_name=row.get(last),
            suffix=row.get(suffix),
            emails=_primary_first((kind_of(row, g), row.get(g.get("value"))) for g in emails),
            phones=_primary_first((kind_of(row, g), row.get(g.get("value"))) for g in phones),
            organization=row.get(organization),
            department=row.get(department),
            title=row.get(title),
            street=street or row.get(address.get("formatted")),
            city=row.get(address.get("city")),
            state=row.get(address.get("region")),
            zip_code=row.get(address.get("postal code")),
            country=row.get(address.get("country")),
            urls=[value for g in websites for value in _values(row.get(g.get("value")))],
            notes=row.get(notes),
            tag_names=_values(row.get(groups)),
            problems=row.problems,
        )

    return build


def _outlook(columns: _Columns, header: tuple[str, ...]) -> Builder:
    first, middle, last = (columns.find(n) for n in ("first name", "middle name", "last name"))
    honorific, suffix = columns.find("title"), columns.find("suffix")
    company, department, job = (columns.find(n) for n in ("company", "department", "job title"))
    notes, categories = columns.find("notes"), columns.find("categories")
    emails = [i for i in (columns.find(n) for n in OUTLOOK_EMAILS) if i is not None]
    known_phones = [columns.find(n) for n in OUTLOOK_PHONES]
    other_phones = [
        i
        for i, c in enumerate(header)
        if c.endswith(("phone", "phone 2", " fax")) and i not in known_phones
    ]
    phones = [i for i in known_phones if i is not None] + other_phones
    urls = [
        i for i in (columns.find("web page"), columns.find("personal web page")) if i is not None
    ]
    addresses = [
        {
            **{part: columns.find(f"{kind} {part}") for part in ADDRESS_PARTS},
            "country": columns.find(f"{kind} country/region", f"{kind} country"),
        }
        for kind in ("business", "home", "other")
    ]

    def build(row: Row) -> ParsedContact:
        address = next((a for a in addresses if any(row.get(i) for i in a.values())), addresses[0])
        streets = (row.get(address[part]) for part in ("street", "street 2", "street 3"))
        return common.person(
            row.number,
            honorific=row.get(honorific),
            first_name=row.get(first),
            middle_name=row.get(middle),
            last_name=row.get(last),
            suffix=row.get(suffix),
            emails=[row.get(i) for i in emails],
            phones=[row.get(i) for i in phones],
            organization=row.get(company),
            department=row.get(department),
            title=row.get(job),
            street="\n".join(s for s in streets if s),
            city=row.get(address["city"]),
            state=row.get(address["state"]),
            zip_code=row.get(address["postal code"]),
            country=row.get(address["country"]),
            urls=[row.get(i) for i in urls],
            notes=row.get(notes),
            tag_names=_split_list(row.get(categories)),
            problems=row.problems,
        )

    return build


def _mapped(columns: _Columns, mapping: dict[str, str], warnings: list[str]) -> Builder:
    position = {key: columns.find(normalise(column)) for key, column in mapping.items()}
    date_column = mapping.get("connected_on", "")

    def build(row: Row) -> ParsedContact:
        text = {key: row.get(index) for key, index in position.items()}
        return common.person(
            row.number,
            full_name=text.get("full_name", ""),
            honorific=text.get("honorific", ""),
            first_name=text.get("first_name", ""),
            middle_name=text.get("middle_name", ""),
            last_name=text.get("last_name", ""),
            suffix=text.get("suffix", ""),
            credentials=parse_credentials(text.get("credentials", "")),
            emails=_split_emails(text.get("emails", "")),
            phones=_split_list(text.get("phones", "")),
            organization=text.get("organization", ""),
            department=text.get("department", ""),
            title=text.get("title", ""),
            street=text.get("street", ""),
            city=text.get("city", ""),
            state=text.get("state", ""),
            zip_code=text.get("zip_code", ""),
            country=text.get("country", ""),
            urls=text.get("urls", "").replace(";", " ").split(),
            notes=text.get("notes", ""),
            tag_names=_split_list(text.get("tags", "")),
            connected_on=_date(row, position.get("connected_on"), date_column, warnings),
            problems=row.problems,
        )

    return build


def plan(
    layout: str, header: tuple[str, ...], mapping: dict[str, str] | None, warnings: list[str]
) -> Builder:
    """The function that turns one row of this file into a ParsedContact."""
    columns = _Columns(header)
    if layout == "linkedin":
        return _linkedin(columns, warnings)
    if layout == "google":
        return _google(columns, header)
    if layout == "outlook":
        return _outlook(columns, header)
    return _mapped(columns, mapping or {}, warnings)
