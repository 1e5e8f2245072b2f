"""Parse an uploaded contacts file, whatever produced it, into plain records.

The format is recognised from the content, never from the file name: a vCard starts with
BEGIN:VCARD, a Curbside archive is a JSON object whose "format" is "curbside-archive", and
anything else is read as CSV (LinkedIn, Google, Outlook, or mapped by the user). Pure: no
database, no Django models.
"""

import json
import re

from ..records import ImportFileError, ParseResult
from . import csvfiles, vcard
from .csvfiles import ColumnMappingNeededError
from .decoding import Source, sniff

__all__ = ["ColumnMappingNeededError", "parse_file"]

ARCHIVE_FORMAT = "curbside-archive"
_TEXT = re.compile(rb"\S")


def _archive(name: str, source: Source) -> ParseResult:
    """Only recognise the archive; the import pipeline reads its contents."""
    try:
        document = json.loads(source.body.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportFileError(f"{name} looks like JSON but is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{name} looks like a JSON archive but cannot be read ({error.msg} at line "
            f"{error.lineno}, column {error.colno}); it may be cut short. Export it again."
        ) from None
    except RecursionError:
        raise ImportFileError(f"{name} is JSON nested too deeply to be an archive.") from None
    if not isinstance(document, dict) or document.get("format") != ARCHIVE_FORMAT:
        raise ImportFileError(
            f'{name} is a JSON file but not a Curbside archive (its "format" is not '
            f'"{ARCHIVE_FORMAT}").'
        )
    return ParseResult(format="archive", records=())


def parse_file(name: str, data: bytes, *, mapping: dict[str, str] | None = None) -> ParseResult:
    """Read a vCard, CSV or archive file; ImportFileError says why a file cannot be read.

    `mapping` (our field name → the file's column header) is used for CSV files only.
    """
    source = sniff(name, data)
    text_at = _TEXT.search(source.body)  # sniff() refused files that are all whitespace
    start = source.body[text_at.start() : text_at.start() + 11] if text_at else b""
    if start[:11].upper() == b"BEGIN:VCARD":
        return vcard.parse(name, source)
    if start[:1] == b"{":
        return _archive(name, source)
    return csvfiles.parse(name, source, mapping=mapping)
