"""What every importer's parser produces, whatever the file: plain records with line numbers.

Parsers are pure (no database); the import pipeline validates, matches and commits these.
"""

from dataclasses import dataclass, field
from datetime import date


class ImportFileError(ValueError):
    """The whole file cannot be imported; the message says why, for the user, as it is."""


@dataclass(frozen=True, slots=True)
class ParsedContact:
    line: int  # 1-based line (vCard) or row (CSV, counting the header) where the record starts
    full_name: str = ""  # as written: FN, "Name", or first + last
    honorific: str = ""
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    suffix: str = ""
    credentials: str = ""  # "MD, FACS"
    emails: tuple[str, ...] = ()  # as written, preferred first
    phones: tuple[str, ...] = ()  # as written, preferred first
    organization: str = ""
    department: str = ""
    title: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    zip_code: str = ""
    country: str = ""
    urls: tuple[str, ...] = ()
    notes: str = ""
    tags: tuple[str, ...] = ()
    connected_on: date | None = None  # LinkedIn's "Connected On": a first interaction date
    problems: tuple[str, ...] = field(default=())  # why this record cannot be imported as is


@dataclass(frozen=True, slots=True)
class ParseResult:
    format: str  # one of FORMATS
    records: tuple[ParsedContact, ...]
    warnings: tuple[str, ...] = ()  # about the file as a whole, e.g. "3 photos were left out"


FORMATS = {
    "vcard": "vCard",
    "linkedin": "LinkedIn Connections.csv",
    "google": "Google Contacts CSV",
    "outlook": "Outlook CSV",
    "csv": "CSV with a column mapping",
    "archive": "Curbside JSON archive",
}
