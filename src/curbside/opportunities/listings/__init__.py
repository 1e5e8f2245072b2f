"""Job listings from boards and employers: parse a file into records, with no database.

`parse_listings` tells the format from the file name and, failing that, from its content:
schema.org JobPosting (a JSON-LD file, or a saved page's JSON-LD or microdata), an RSS or
Atom feed, or a CSV file with an optional column mapping.
"""

import re
from pathlib import PurePath

from .common import decode
from .csvlistings import parse_csv
from .feeds import parse_feed
from .jsonld import parse_json, parse_page
from .records import FORMATS, ListingFileError, ListingParseResult, ParsedListing

__all__ = [
    "FORMATS",
    "ListingFileError",
    "ListingParseResult",
    "ParsedListing",
    "detect_format",
    "parse_listings",
]

_BY_SUFFIX = {
    ".json": "jsonld",
    ".jsonld": "jsonld",
    ".jsonl": "jsonld",
    ".ndjson": "jsonld",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".csv": "csv",
    ".tsv": "csv",
}
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)


def detect_format(name: str, data: bytes) -> str:
    """One of FORMATS: from the file's suffix, else from how it begins."""
    by_suffix = _BY_SUFFIX.get(PurePath(name).suffix.lower())
    if by_suffix:
        return by_suffix
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return "jsonld"
    if head[:1] == b"<":
        return "feed" if _FEED_ROOT.search(head) else "html"
    return "csv"


def parse_listings(
    name: str, data: bytes, *, source: str = "", mapping: dict[str, str] | None = None
) -> ListingParseResult:
    """Parse an uploaded or downloaded file of job listings.

    `name` is the file name or URL (its suffix hints at the format), `source` the board or
    employer to record on every listing (a feed's own title if not given), `mapping` our
    field names → the CSV's headers. Raises ListingFileError when the file as a whole cannot
    be read; per-listing problems are in each record's `problems`.
    """
    if not data.strip():
        raise ListingFileError("The file is empty.")
    kind = "csv" if mapping else detect_format(name, data)
    if kind == "feed":
        return parse_feed(data, source=source)
    text = decode(data)
    if kind == "jsonld":
        return parse_json(text, source=source)
    if kind == "html":
        return parse_page(text, source=source)
    return parse_csv(text, source=source, mapping=mapping)
