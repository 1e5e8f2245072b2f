"""What every listing parser produces, whatever the file: plain records with their position.

Parsers are pure (no database); the import pipeline previews, matches and commits these.
Vocabulary fields hold the values of `opportunities.classify` (PRACTICE_SETTINGS,
POSITION_TYPES, SPECIALTIES, SALARY_UNITS), or "" when the listing does not say.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


class ListingFileError(ValueError):
    """The whole file cannot be imported; the message says why, for the user, as it is."""


@dataclass(frozen=True, slots=True)
class ParsedListing:
    # Where the record is, for messages: the CSV row (the header is row 1), or the posting's
    # 1-based position among the file's postings (JSON-LD, microdata) or entries (feeds).
    line: int
    title: str = ""
    employer: str = ""
    external_id: str = ""  # the board's own id (JSON-LD identifier, feed guid, CSV column)
    url: str = ""
    source: str = ""  # the board or employer the file came from, as the importer names it
    description: str = ""  # plain text: no markup survives
    specialty: str = ""
    practice_setting: str = ""
    position_type: str = ""
    city: str = ""
    state: str = ""  # a US postal abbreviation when recognised, else as written
    zip_code: str = ""
    country: str = ""  # ISO 3166 alpha-2 when recognised ("US"), else as written
    latitude: float | None = None
    longitude: float | None = None
    is_remote: bool = False
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_unit: str = ""
    currency: str = ""
    posted_on: date | None = None
    expires_on: date | None = None
    visa_sponsorship: str = ""  # "", "J-1 waiver", "H-1B", "J-1 waiver, H-1B", "Visa sponsorship"
    requirements: str = ""  # qualifications, experience and education, as text
    problems: tuple[str, ...] = ()  # what is wrong with the record as written, for the preview


@dataclass(frozen=True, slots=True)
class ListingParseResult:
    format: str  # one of FORMATS
    records: tuple[ParsedListing, ...]
    warnings: tuple[str, ...] = ()  # about the file as a whole


FORMATS = {
    "jsonld": "schema.org JobPosting (JSON-LD)",
    "html": "Web page with schema.org JobPosting (JSON-LD or microdata)",
    "feed": "RSS or Atom feed",
    "csv": "CSV with a column mapping",
}
