"""What the listing parsers share: decoding, HTML to text, dates, places and the final
classification and geocoding of a record."""

import codecs
import dataclasses
import email.utils
import html
import re
from dataclasses import dataclass
from datetime import date, datetime

from curbside.opportunities import classify, geo

from .records import ParsedListing

_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def decode(data: bytes) -> str:
    """Text from a file as exported: a BOM says the encoding; else UTF-8, else Windows-1252
    (what older spreadsheet programs write), which maps every byte to something."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_HIDDEN = re.compile(
    r"<(script|style|template|head|noscript)\b[^>]*>.*?(?:</\1\s*>|$)", re.DOTALL | re.IGNORECASE
)
_BREAK = re.compile(r"<br\b[^>]*>", re.IGNORECASE)
_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_PARAGRAPH_END = re.compile(r"</(?:p|h[1-6]|blockquote|pre|table)\s*>", re.IGNORECASE)
_BLOCK = re.compile(
    r"</?(?:p|div|h[1-6]|ul|ol|dl|dt|dd|tr|table|section|article|header|footer|blockquote"
    r"|pre|address|hr)\b[^>]*>",
    re.IGNORECASE,
)
_LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z/!]")
_CELL = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
# A tag, with quoted attribute values that may hold ">"; "<" not followed by a letter is text.
_TAG = re.compile(r"</?[a-zA-Z][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def normalize_text(text: str) -> str:
    """Spaces collapsed within lines, lines trimmed, at most one blank line in a row."""
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines: list[str] = []
    blank = False
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            blank = True
            continue
        if blank and lines:
            lines.append("")
        lines.append(line)
        blank = False
    return "\n".join(lines)


def html_to_text(markup: str) -> str:
    """Plain text from an HTML fragment: paragraphs and list items on their own lines,
    entities decoded, no tag or script content left. Text that only looks escaped
    ("&lt;p&gt;Great team&lt;/p&gt;", as some boards double-encode) is decoded first."""
    if "<" not in markup and "&" not in markup:
        return normalize_text(markup)
    if "<" not in markup and "&lt;" in markup:
        markup = html.unescape(markup)
    if not _LOOKS_LIKE_HTML.search(markup):
        return normalize_text(html.unescape(markup).replace("\xa0", " "))
    # In HTML, line breaks in the source are spaces; only elements break lines.
    markup = markup.replace("\r", " ").replace("\n", " ")
    markup = _COMMENT.sub(" ", markup)
    markup = _HIDDEN.sub(" ", markup)
    markup = _BREAK.sub("\n", markup)
    markup = _ITEM.sub("\n• ", markup)
    markup = _PARAGRAPH_END.sub("\n\n", markup)
    markup = _BLOCK.sub("\n", markup)
    markup = _CELL.sub(" ", markup)
    markup = _TAG.sub("", markup)
    return normalize_text(html.unescape(markup).replace("\xa0", " "))


def one_line(text: str) -> str:
    """A title or a name: one line, single spaces, entities decoded."""
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub("", text)
    return " ".join(text.split())


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])")
_SLASHED = re.compile(r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{2,4})$")
_WORDY_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%B %Y", "%b %Y")


def parse_date(text: str) -> date | None:
    """A date as boards and spreadsheets write it, or None.

    ISO dates and date-times (the date as written, whatever the offset), "2024/03/01",
    US "03/01/2024" and "3/1/24", "March 1, 2024", "1 Mar 2024", and e-mail style
    "Fri, 01 Mar 2024 10:00:00 -0700". Day-first "01/03/2024" is read as US (March 1),
    the convention of the boards this imports from.
    """
    text = text.strip()
    if not text:
        return None
    try:
        if match := _ISO_DATE.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _SLASHED.match(text):
            first, second, third = match[1], match[2], match[3]
            if len(first) == 4:
                return date(int(first), int(second), int(third))
            year = int(third) + (2000 if len(third) == 2 else 0)
            return date(year, int(first), int(second))
    except ValueError:
        return None
    parsed = email.utils.parsedate(text)
    if parsed is not None and parsed[0] > 1900:
        try:
            return date(parsed[0], parsed[1], parsed[2])
        except ValueError:
            return None
    cleaned = " ".join(text.replace(",", " ").replace(".", " ").split())
    for pattern in _WORDY_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    return None


_COUNTRIES = {
    "US": "US",
    "USA": "US",
    "UNITED STATES": "US",
    "UNITED STATES OF AMERICA": "US",
    "AMERICA": "US",
    "CA": "CA",
    "CANADA": "CA",
}


def country_code(text: str) -> str:
    """ "USA", "U.S.", "United States" → "US"; another two-letter code upper-cased; else as is."""
    cleaned = " ".join(text.replace(".", "").upper().split())
    if cleaned in _COUNTRIES:
        return _COUNTRIES[cleaned]
    return cleaned if len(cleaned) == 2 and cleaned.isalpha() else " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Place:
    city: str = ""
    state: str = ""
    zip_code: str = ""
    country: str = ""
    is_remote: bool = False


_REMOTE = re.compile(r"^\W*(?:remote|anywhere|telecommute|work from home|virtual)\b", re.I)
_TRAILING_ZIP = re.compile(r"[\s,]+(\d{5}(?:-\d{4})?)$")
_TRAILING_COUNTRY = re.compile(r",\s*(US|USA|U\.S\.A?\.?|United States(?: of America)?)$", re.I)


def split_place(text: str) -> Place:
    """ "Denver, CO 80202", "Denver, Colorado, USA", "Denver CO", "80202", "Remote - US"."""
    text = " ".join(text.split()).strip(" ,;")
    if not text:
        return Place()
    if _REMOTE.match(text):
        return Place(is_remote=True, country="US" if re.search(r"\bU\.?S", text) else "")
    country = ""
    if match := _TRAILING_COUNTRY.search(text):
        country, text = "US", text[: match.start()]
    zip_code = ""
    if match := _TRAILING_ZIP.search(text):
        zip_code, text = match[1], text[: match.start()]
    elif re.fullmatch(r"\d{5}(?:-\d{4})?", text):
        return Place(zip_code=text, country=country)
    text = text.strip(" ,")
    if "," in text:
        city, _, state = text.rpartition(",")
        city, state = city.strip(" ,"), state.strip()
        return Place(
            city=city, state=geo.state_code(state) or state, zip_code=zip_code, country=country
        )
    words = text.split()
    for size in (1, 2, 3):
        if len(words) > size and (code := geo.state_code(" ".join(words[-size:]))):
            return Place(
                city=" ".join(words[:-size]), state=code, zip_code=zip_code, country=country
            )
    state = geo.state_code(text)
    if state:
        return Place(state=state, zip_code=zip_code, country=country)
    return Place(city=text, zip_code=zip_code, country=country)


_TITLE_STATE = re.compile(r",\s*([A-Za-z][A-Za-z .]*?)(?:\s+(\d{5}(?:-\d{4})?))?\s*\)?\s*$")
_TITLE_SEPARATOR = re.compile(r"\s+[-–—|]\s+|[–—|:(@]|\s+(?:in|at|near)\s+|,")


def place_in_title(title: str) -> Place:
    """The place at the end of a title: "Hospitalist – Denver, CO", "Cardiologist (Boulder,
    CO)", "Family Physician in Colorado Springs, Colorado". Only a real US city counts."""
    match = _TITLE_STATE.search(title)
    if not match:
        return Place()
    state = geo.state_code(match[1])
    city = _TITLE_SEPARATOR.split(title[: match.start()])[-1].strip()
    if not state or not city or len(city.split()) > 4 or not city[0].isalpha():
        return Place()
    if geo.city_to_point(city, state) is None:
        return Place()
    return Place(city=city, state=state, zip_code=match[2] or "")


def finish(listing: ParsedListing, *, occupation: str = "", extra_text: str = "") -> ParsedListing:
    """Fill what can be derived: coordinates from the ZIP code or else the city, and the
    vocabulary fields the file left empty, from the title, occupation and texts.

    A remote listing with no other setting is telemedicine: a physician working remotely."""
    latitude, longitude = listing.latitude, listing.longitude
    if latitude is None and listing.country in ("", "US"):
        point = geo.zip_to_point(listing.zip_code) if listing.zip_code else None
        if point is None and listing.city and listing.state:
            point = geo.city_to_point(listing.city, listing.state)
        if point is not None:
            latitude, longitude = point
    return dataclasses.replace(
        listing,
        latitude=latitude,
        longitude=longitude,
        specialty=listing.specialty
        or classify.detect_specialty(listing.title, occupation, listing.description),
        practice_setting=listing.practice_setting
        or classify.detect_practice_setting(listing.title, listing.employer, listing.description)
        or ("telemedicine" if listing.is_remote else ""),
        visa_sponsorship=listing.visa_sponsorship
        or classify.detect_visa("\n".join((listing.description, listing.requirements, extra_text))),
    )
