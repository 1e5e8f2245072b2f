"""Read a contacts CSV: find its header row by content, recognise its layout, read its rows.

The header row is found among the first rows by the column names it holds (LinkedIn puts a
"Notes:" preamble above it). Layouts are recognised by their column names: LinkedIn
Connections.csv, Google Contacts (current and legacy), Outlook (any subset of its columns),
or any CSV when the user maps its columns to our fields. Excel re-saves (trailing empty
columns, changed quoting, Windows-1252, ';' as the separator) read the same.

Row numbers are spreadsheet rows: the first row of the file is row 1, whatever it holds, and a
value spanning several lines inside quotes is still one row. Python's csv module and the
string methods used here are linear in the size of the file.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

from ..records import ImportFileError, ParsedContact, ParseResult
from . import layouts
from .decoding import Source, decode_text

MAX_ROWS = 100_000
HEADER_SEARCH_ROWS = 30
DELIMITERS = (",", ";", "\t")
MAX_WARNINGS = 20


@dataclass(frozen=True, slots=True)
class _Header:
    index: int  # 0-based row index
    layout: str
    columns: tuple[str, ...]  # normalised names


def _is_blank(row: list[str]) -> bool:
    return not any(cell.strip() for cell in row)


def _rows(name: str, text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in islice(reader, limit):
            rows.append(row)
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise ImportFileError(
                    f"{name} has more than {MAX_ROWS:,} rows. Split it into smaller files."
                )
    except csv.Error as error:
        raise ImportFileError(
            f"{name}: row {len(rows) + 1} cannot be read as CSV ({error}). "
            "Look for a stray quote mark on that row."
        ) from None
    return rows


def _find_header(rows: list[list[str]], mapping: dict[str, str] | None) -> _Header | None:
    wanted = {layouts.normalise(column) for column in mapping.values()} if mapping else set()
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = tuple(layouts.normalise(cell) for cell in row)
        if mapping:
            if wanted <= set(columns):
                return _Header(index, "csv", columns)
        elif layout := layouts.recognise(set(columns)):
            return _Header(index, layout, columns)
    return None


def _looks_like_data(row: list[str]) -> str:
    """A cell that is clearly a value (an email, a phone number, a date), or ''."""
    for cell in row:
        value = cell.strip()
        digits = sum(char.isdigit() for char in value[:40])
        if ("@" in value and "." in value) or digits >= 6:
            return value[:60]
    return ""


class ColumnMappingNeededError(ImportFileError):
    """A CSV whose columns are not recognised: the user must say which column holds what."""

    def __init__(self, message: str, *, headers: list[str]) -> None:
        super().__init__(message)
        self.headers = headers


def _no_header_error(
    name: str, rows: list[list[str]], mapping: dict[str, str] | None
) -> ImportFileError:
    first = next((row for row in rows if not _is_blank(row)), [])
    headers = [cell.strip() for cell in first[:200] if cell.strip()]
    found = ", ".join(repr(header[:40]) for header in headers[:20])
    if value := _looks_like_data(first):
        return ImportFileError(
            f"{name} has no header row: its first row holds data ({value!r}), not column "
            "names. Add a first row naming the columns (First Name, Last Name, E-mail "
            "Address, …) and import it again."
        )
    if mapping:
        missing = ", ".join(sorted(repr(c) for c in mapping.values()))
        return ColumnMappingNeededError(
            f"{name} has no row with all the columns of the mapping ({missing}); "
            f"its first row has {found or 'nothing'}. A column mapping is needed that "
            "names these columns.",
            headers=headers,
        )
    return ColumnMappingNeededError(
        f"{name}: the columns were not recognised as a LinkedIn, Google or Outlook export "
        f"(headers found: {found or 'none'}). A column mapping is needed: choose which "
        "column holds the name, email, phone and organization.",
        headers=headers,
    )


def _check_position(name: str, rows: list[list[str]], header: _Header) -> None:
    """The header must be the first row with anything in it, unless LinkedIn's preamble."""
    first = next(i for i, row in enumerate(rows) if not _is_blank(row))
    if first == header.index:
        return
    opening = layouts.normalise(next(cell for cell in rows[first] if cell.strip()))
    if header.layout == "linkedin" and opening.startswith("notes"):
        return
    raise ImportFileError(
        f"{name}: the column headers are on row {header.index + 1}, but row {first + 1} "
        "above them holds other text, so the columns may be shifted. Delete the rows above "
        "the headers and import the file again."
    )


def _validate_mapping(mapping: dict[str, str]) -> dict[str, str]:
    cleaned = {field: column for field, column in mapping.items() if column.strip()}
    unknown = sorted(set(cleaned) - layouts.MAPPABLE)
    if unknown:
        raise ImportFileError(
            f"The column mapping names unknown fields ({', '.join(unknown)}); "
            f"the fields are: {', '.join(sorted(layouts.MAPPABLE))}."
        )
    if not cleaned:
        raise ImportFileError("The column mapping is empty: map at least one column.")
    return cleaned


def parse(name: str, source: Source, *, mapping: dict[str, str] | None = None) -> ParseResult:
    text, was_utf8 = decode_text(source.body)
    warnings: list[str] = []
    if not was_utf8:
        warnings.append(
            "The file is not UTF-8; it was read as Windows-1252 (as Excel saves it). "
            "Check accented names."
        )
    if mapping is not None:
        mapping = _validate_mapping(mapping)
    header: _Header | None = None
    delimiter = ","
    for candidate in DELIMITERS:
        header = _find_header(_rows(name, text, candidate, HEADER_SEARCH_ROWS), mapping)
        if header:
            delimiter = candidate
            break
    rows = _rows(name, text, delimiter)
    if header is None:
        raise _no_header_error(name, rows, mapping)
    _check_position(name, rows, header)
    width = max(i for i, column in enumerate(header.columns) if column) + 1
    build: Callable[[layouts.Row], ParsedContact] = layouts.plan(
        header.layout, header.columns, mapping, warnings
    )
    records: list[ParsedContact] = []
    for index in range(header.index + 1, len(rows)):
        cells = rows[index]
        if _is_blank(cells):
            continue
        problems: list[str] = []
        filled = max(i for i, cell in enumerate(cells) if cell.strip()) + 1
        if filled > width:
            problems.append(
                f"row {index + 1} has more values than the header has columns "
                f"({filled} for {width}), so its values may be shifted: check its commas"
            )
        records.append(build(layouts.Row(index + 1, cells, problems)))
    if len(warnings) > MAX_WARNINGS:
        rest = len(warnings) - MAX_WARNINGS
        warnings = [*warnings[:MAX_WARNINGS], f"… and {rest} more warnings like these."]
    return ParseResult(format=header.layout, records=tuple(records), warnings=tuple(warnings))
