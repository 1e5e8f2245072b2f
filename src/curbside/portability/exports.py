"""Contacts as files other programs read: vCard 4.0 (RFC 6350) and CSV for spreadsheets.

Pure writers: they take ContactCard records (plain data, built by export_selectors) and
return text. No database access here.

vCard choices, made so that the files read back well, by our own importer included:
- FN is the name as shown, without credentials; N carries the parts, with the suffix and
  then each credential as values of its fifth (suffix) component: `N:Roe;Jane;;Dr.;Jr.,MD,FACS`.
- The primary email and phone are marked PREF=1. E.164 numbers are `tel:` URIs.
- ORG and TITLE come from the current job; NPI and specialty are X-CURBSIDE- properties.
- Text values escape backslash, comma, semicolon and line breaks; lines are folded at 75
  octets without ever splitting a UTF-8 character; lines end with CRLF.

CSV: one row per contact with fixed columns, UTF-8 with a byte order mark (so that Excel
reads the accents right), and every cell that a spreadsheet would run as a formula
(=, +, -, @, tab, carriage return first) neutralised with a leading apostrophe.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from curbside.network.contactinfo import format_phone


@dataclass(frozen=True, slots=True)
class LabeledValue:
    value: str
    label: str = ""
    is_primary: bool = False


@dataclass(frozen=True, slots=True)
class ContactCard:
    """One contact, flattened for the export formats."""

    full_name: str
    honorific: str = ""
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    suffix: str = ""
    credentials: str = ""  # "MD, FACS"
    specialty: str = ""
    subspecialty: str = ""
    npi: str = ""
    emails: tuple[LabeledValue, ...] = ()  # the primary one first
    phones: tuple[LabeledValue, ...] = ()  # E.164 when it could be parsed; primary first
    organization: str = ""  # of the current job
    title: str = ""  # the role in the current job
    city: str = ""
    state: str = ""
    zip_code: str = ""
    country: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""
    how_we_met: str = ""
    strength: int | None = None  # 1–5: the tie with the owner; None when there is none
    last_interaction_on: date | None = None
    cadence_days: int | None = None
    updated_at: datetime | None = None


# vCard -----------------------------------------------------------------------------------

CRLF = "\r\n"
MAX_LINE_OCTETS = 75
PRODID = "-//Curbside//Curbside contacts export//EN"
# Our free-text labels → RFC 6350 TYPE values; other labels are left out of the card.
EMAIL_TYPES = {"work": "work", "office": "work", "home": "home", "personal": "home"}
PHONE_TYPES = {
    "work": "work",
    "office": "work",
    "home": "home",
    "mobile": "cell",
    "cell": "cell",
    "iphone": "cell",
    "fax": "fax",
    "pager": "pager",
}
# Control characters have no place in a vCard value (tab is allowed; line breaks are escaped).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def vcard_escape(value: str) -> str:
    """Escape one text value (or one component of a compound value such as N or ADR)."""
    text = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def vcard_fold(line: str) -> str:
    """Fold a content line into physical lines of at most 75 octets (the leading space of a
    continuation counts), splitting only between characters, never inside one."""
    if len(line.encode()) <= MAX_LINE_OCTETS:
        return line
    lines: list[str] = []
    current: list[str] = []
    size, limit = 0, MAX_LINE_OCTETS
    for char in line:
        octets = len(char.encode())
        if size + octets > limit:
            lines.append("".join(current))
            current, size, limit = [], 0, MAX_LINE_OCTETS - 1
        current.append(char)
        size += octets
    lines.append("".join(current))
    return (CRLF + " ").join(lines)


def _list_value(values: Iterable[str]) -> str:
    return ",".join(vcard_escape(v) for v in values if v.strip())


def _credentials(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip()]


def _type_parameter(label: str, types: dict[str, str]) -> str:
    kind = types.get(label.strip().lower())
    return f";TYPE={kind}" if kind else ""


def _phone_line(phone: LabeledValue) -> str:
    parameters = ";PREF=1" if phone.is_primary else ""
    parameters += _type_parameter(phone.label, PHONE_TYPES)
    number = phone.value.strip()
    if re.fullmatch(r"\+\d{4,15}(;ext=\d+)?", number):
        return f"TEL;VALUE=uri{parameters}:tel:{number}"
    return f"TEL{parameters}:{vcard_escape(number)}"


def _card_lines(card: ContactCard) -> list[str]:
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"PRODID:{PRODID}"]
    lines.append(f"FN:{vcard_escape(card.full_name or card.last_name or card.first_name)}")
    suffixes = [card.suffix, *_credentials(card.credentials)]
    name_parts = [
        _list_value([card.last_name]),
        _list_value([card.first_name]),
        _list_value([card.middle_name]),
        _list_value([card.honorific]),
        _list_value(suffixes),
    ]
    lines.append("N:" + ";".join(name_parts))
    for email in card.emails:
        parameters = (";PREF=1" if email.is_primary else "") + _type_parameter(
            email.label, EMAIL_TYPES
        )
        lines.append(f"EMAIL{parameters}:{vcard_escape(email.value)}")
    lines.extend(_phone_line(phone) for phone in card.phones)
    if card.organization:
        lines.append(f"ORG:{vcard_escape(card.organization)}")
    if card.title:
        lines.append(f"TITLE:{vcard_escape(card.title)}")
    if any((card.city, card.state, card.zip_code, card.country)):
        address = ["", "", "", card.city, card.state, card.zip_code, card.country]
        lines.append("ADR:" + ";".join(vcard_escape(part) for part in address))
    if card.notes:
        lines.append(f"NOTE:{vcard_escape(card.notes)}")
    if card.tags:
        lines.append(f"CATEGORIES:{_list_value(card.tags)}")
    if card.npi:
        lines.append(f"X-CURBSIDE-NPI:{vcard_escape(card.npi)}")
    if card.specialty:
        lines.append(f"X-CURBSIDE-SPECIALTY:{vcard_escape(card.specialty)}")
    if card.subspecialty:
        lines.append(f"X-CURBSIDE-SUBSPECIALTY:{vcard_escape(card.subspecialty)}")
    if card.updated_at is not None:
        lines.append(f"REV:{card.updated_at.astimezone(UTC):%Y%m%dT%H%M%SZ}")
    lines.append("END:VCARD")
    return lines


def vcard_text(cards: Iterable[ContactCard]) -> str:
    """Every card, one after another: a .vcf file's text (encode it as UTF-8)."""
    return "".join(vcard_fold(line) + CRLF for card in cards for line in _card_lines(card))


# CSV -------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "Full name",
    "Honorific",
    "First name",
    "Middle name",
    "Last name",
    "Suffix",
    "Credentials",
    "Specialty",
    "Subspecialty",
    "NPI",
    "Emails",
    "Phones",
    "Organization",
    "Title",
    "City",
    "State",
    "ZIP code",
    "Country",
    "Tags",
    "Notes",
    "How we met",
    "Strength",
    "Last interaction",
    "Keep in touch every (days)",
)
# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (or a DDE call).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"


def csv_cell(value: str) -> str:
    """A cell as written: one that a spreadsheet would evaluate gets a leading apostrophe."""
    return f"'{value}" if value.startswith(FORMULA_TRIGGERS) else value


def _csv_row(card: ContactCard) -> list[str]:
    row = [
        card.full_name,
        card.honorific,
        card.first_name,
        card.middle_name,
        card.last_name,
        card.suffix,
        card.credentials,
        card.specialty,
        card.subspecialty,
        card.npi,
        "; ".join(email.value for email in card.emails),
        "; ".join(format_phone(phone.value) for phone in card.phones),
        card.organization,
        card.title,
        card.city,
        card.state,
        card.zip_code,
        card.country,
        "; ".join(card.tags),
        card.notes,
        card.how_we_met,
        "" if card.strength is None else str(card.strength),
        card.last_interaction_on.isoformat() if card.last_interaction_on else "",
        "" if card.cadence_days is None else str(card.cadence_days),
    ]
    return [csv_cell(value) for value in row]


def csv_text(cards: Iterable[ContactCard]) -> str:
    """A header and one row per contact, starting with a byte order mark (encode as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=CRLF)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_row(card) for card in cards)
    return BYTE_ORDER_MARK + buffer.getvalue()
