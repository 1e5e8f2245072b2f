"""A linear-time reader for vCard 2.1, 3.0 and 4.0 files.

Why our own: vobject's line parser backtracks catastrophically on crafted lines (45 bytes can
take 40 s), and an import is the first thing a new user does with a file from anywhere.

Approach, in one pass over the file:
1. Lines. The file is viewed as Latin-1 (one character per byte) so that every value can be
   decoded later in the charset its CHARSET parameter names. Lines end at LF (CR, CRLF and
   CRCRLF are accepted). A line that starts with a space or tab continues the previous one
   (RFC 6350 folding); in 2.1 a quoted-printable value that ends with "=" continues on the next
   line whatever it starts with (a soft line break).
2. Properties. `group.NAME;PARAM=a,b;BARE:value`: parameters may be quoted (a quoted value
   may hold ; and :), use RFC 6868 caret escapes, or be 2.1 bare types (TEL;CELL;PREF).
   Only the properties we import are kept; binary ones (PHOTO, LOGO, SOUND, KEY, anything in
   BASE64) are counted and skipped without decoding.
3. Cards. BEGIN:VCARD … END:VCARD; a card nested in an AGENT property is skipped; a card
   without END:VCARD keeps what it has and carries a problem.
4. Values. Quoted-printable is decoded, then the charset (CHARSET, else UTF-8, else a best
   effort with a warning), then backslash escapes (\\n \\, \\; \\\\ and the common 'http\\://').

Limits keep hostile files bounded: a logical line is cut at 1 MB (longer ones are left out
with a warning), a card keeps at most 5,000 properties and a file at most 100,000 cards.
Every step is a string method or a regular expression without nested repetition, so the time
is linear in the size of the file.
"""

import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..records import ImportFileError, ParsedContact, ParseResult
from . import common
from .decoding import Source, best_effort, codec_for

MAX_LINE_LENGTH = 1_000_000
MAX_PROPERTIES = 5_000
MAX_CARDS = 100_000

IMPORTED = {"VERSION", "N", "FN", "ORG", "TITLE", "ROLE", "EMAIL", "TEL", "ADR", "NOTE", "URL"}
IMPORTED |= {"CATEGORIES", "X-ABSHOWAS", "AGENT"}
BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
PICTURES = {"PHOTO", "LOGO"}
BARE_ENCODINGS = {"QUOTED-PRINTABLE", "QP", "BASE64", "B", "8BIT", "7BIT"}
QUOTED_PRINTABLE = {"QUOTED-PRINTABLE", "QP"}
ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ";": ";", ",": ",", ":": ":", '"': '"'}

_NAME_END = re.compile(r"[;:]")
_PARAM_DELIMITERS = re.compile(r'[;:"]')
_CARET = re.compile(r"\^[n^']")
_CARETS = {"^n": "\n", "^^": "^", "^'": '"'}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_SPLITTERS = {
    ";": re.compile(r"\\.|;", re.DOTALL),
    ";,": re.compile(r"\\.|[;,]", re.DOTALL),
}


@dataclass(slots=True)
class _Property:
    name: str
    params: dict[str, list[str]]
    value: str  # one character per byte of the file until decoded
    line: int


@dataclass(slots=True)
class _Card:
    line: int
    properties: list[_Property] = field(default_factory=list)
    has_picture: bool = False
    problems: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Warnings:
    pictures: int = 0
    misdecoded: int = 0
    first_misdecoded_line: int = 0
    unknown_charsets: dict[str, int] = field(default_factory=dict)
    long_lines: list[int] = field(default_factory=list)
    dropped_properties: list[int] = field(default_factory=list)

    def as_tuple(self) -> tuple[str, ...]:
        found: list[str] = []
        if self.pictures:
            s = "s were" if self.pictures > 1 else " was"
            found.append(f"{self.pictures} photo{s} left out.")
        if self.misdecoded:
            found.append(
                f"{self.misdecoded} value(s) were not valid text in their character set and "
                f"were read as well as possible (first on line {self.first_misdecoded_line}): "
                "check accented names."
            )
        for charset, line in self.unknown_charsets.items():
            found.append(
                f"Line {line} names an unknown character set ({charset[:40]!r}); "
                "its values were read as UTF-8 where possible."
            )
        if self.long_lines:
            found.append(
                f"{len(self.long_lines)} line(s) longer than {MAX_LINE_LENGTH:,} characters "
                "were left out "
                f"(first on line {self.long_lines[0]})."
            )
        if self.dropped_properties:
            found.append(
                f"The card on line {self.dropped_properties[0]} has more than "
                f"{MAX_PROPERTIES:,} lines; the rest were left out."
            )
        return tuple(found)


def _split_lines(text: str) -> list[str]:
    return text.split("\n") if "\n" in text else text.split("\r")


def _is_card_boundary(line: str) -> bool:
    head = line[:12].strip().upper()
    return head.startswith(("END:VCARD", "BEGIN:VCARD"))


def _logical_lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """(line number, unfolded line, whether it was cut at MAX_LINE_LENGTH)."""
    parts: list[str] = []
    start = length = 0
    quoted_printable = too_long = False
    for number, raw in enumerate(_split_lines(text), 1):
        line = raw.rstrip("\r")
        if parts:
            soft_break = quoted_printable and parts[-1].endswith("=")
            if soft_break and not _is_card_boundary(line):
                parts[-1] = parts[-1][:-1]
                piece = line
            elif line[:1] in (" ", "\t"):
                piece = line[1:]
            else:
                yield start, "".join(parts), too_long
                parts = []
            if parts:
                length += len(piece)
                if length > MAX_LINE_LENGTH:
                    too_long = True
                else:
                    parts.append(piece)
                continue
        if not line.strip():
            continue
        start, parts, length = number, [line], len(line)
        too_long = length > MAX_LINE_LENGTH
        if too_long:
            parts = [line[:MAX_LINE_LENGTH]]
        colon = line.find(":")
        quoted_printable = colon > 0 and "QUOTED-PRINTABLE" in line[:colon].upper()
    if parts:
        yield start, "".join(parts), too_long


def _name_of(text: str) -> tuple[str, int] | None:
    """The property name without its group, and where the name ends."""
    match = _NAME_END.search(text)
    if match is None:
        return None
    return text[: match.start()].rpartition(".")[2].strip().upper(), match.start()


def _parameters(text: str, start: int) -> tuple[dict[str, list[str]], str] | None:
    """Parse ';A=b;C' from `start` up to the first colon outside quotes: (params, value)."""
    colon = text.find(":", start)
    if colon < 0:
        return None
    if '"' not in text[start:colon]:
        return _parameter_values(text[start + 1 : colon].split(";")), text[colon + 1 :]
    pieces: list[str] = []
    buffer: list[str] = []
    position = start + 1
    while True:
        match = _PARAM_DELIMITERS.search(text, position)
        if match is None:
            return None
        buffer.append(text[position : match.start()])
        position = match.end()
        delimiter = match.group()
        if delimiter == '"':
            close = text.find('"', position)
            if close < 0:  # an unbalanced quote is taken literally
                buffer.append('"')
                continue
            buffer.append(text[position:close])
            position = close + 1
            continue
        pieces.append("".join(buffer))
        buffer = []
        if delimiter == ":":
            break
    return _parameter_values(pieces), text[position:]


def _uncaret(value: str) -> str:
    """RFC 6868: ^n is a newline, ^' a double quote, ^^ a caret."""
    if "^" not in value:
        return value
    return _CARET.sub(lambda m: _CARETS[m.group()], value)


def _parameter_values(pieces: list[str]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for piece in pieces:
        key, equals, value = piece.partition("=")
        key = key.strip().upper()
        if not equals:
            key, value = ("ENCODING" if key in BARE_ENCODINGS else "TYPE"), key
        if not key:
            continue
        values = [_uncaret(v).strip() for v in value.split(",")]
        if key == "TYPE":
            values = [v.lower() for v in values]
        params.setdefault(key, []).extend(values)
    return params


def _read_cards(text: str, warnings: _Warnings) -> list[_Card]:
    cards: list[_Card] = []
    card: _Card | None = None
    nested = 0  # depth of AGENT cards inside the current card
    agent_pending = False
    for number, line, too_long in _logical_lines(text):
        named = _name_of(line)
        if named is None:
            continue  # not a property: 2.1 base64 continuation or junk
        name, end = named
        if name in ("BEGIN", "END") and line[end] == ":":
            if line[end + 1 :].strip().upper() != "VCARD":
                continue
            if name == "BEGIN":
                if card is not None and agent_pending:
                    nested += 1
                else:
                    if card is not None:
                        card.problems.append(
                            f"END:VCARD is missing before the next card begins (line {number}); "
                            "this card may be incomplete"
                        )
                        cards.append(card)
                    card, nested = _Card(line=number), 0
            elif nested:
                nested -= 1
            elif card is not None:
                cards.append(card)
                card = None
            if len(cards) > MAX_CARDS:
                raise ImportFileError(
                    f"The file has more than {MAX_CARDS:,} cards. Split it into smaller files."
                )
            agent_pending = False
            continue
        if card is None or nested:
            continue
        # A 2.1 AGENT's card follows on the next lines: "AGENT:" then "BEGIN:VCARD".
        agent_pending = name == "AGENT" and not line[end + 1 :].strip()
        if name not in IMPORTED and name not in BINARY:
            continue
        parsed = _parameters(line, end) if line[end] == ";" else ({}, line[end + 1 :])
        if parsed is None:
            continue
        params, value = parsed
        encoding = params.get("ENCODING", [""])[0].upper()
        is_binary = encoding in ("BASE64", "B") or "binary" in params.get("VALUE", ())
        if name in BINARY or is_binary:
            card.has_picture = card.has_picture or (name in PICTURES and bool(value.strip()))
            continue
        if too_long:
            warnings.long_lines.append(number)
        elif len(card.properties) >= MAX_PROPERTIES:
            if not warnings.dropped_properties or warnings.dropped_properties[-1] != card.line:
                warnings.dropped_properties.append(card.line)
        else:
            card.properties.append(_Property(name, params, value, number))
    if card is not None:
        card.problems.append(
            f"the file ends in the middle of this card (line {card.line}): END:VCARD is "
            "missing, so the card may be incomplete"
        )
        cards.append(card)
    return cards


class _Decoder:
    """Turns raw values into text: quoted-printable, charset, then backslash escapes."""

    def __init__(self, *, was_utf16: bool, warnings: _Warnings) -> None:
        self.was_utf16 = was_utf16
        self.warnings = warnings

    def text(self, prop: _Property) -> str:
        raw = prop.value
        encoding = prop.params.get("ENCODING", [""])[0].upper()
        is_qp = encoding in QUOTED_PRINTABLE
        if not is_qp and raw.isascii():
            return raw
        data = raw.encode("latin-1")
        if is_qp:
            data = binascii.a2b_qp(data)
            if data.isascii():
                return data.decode("ascii")
        codec = "utf-8"
        charset = prop.params.get("CHARSET", [""])[0]
        # A UTF-16 file was decoded as a whole; its CHARSET can only apply to encoded bytes.
        if charset and (is_qp or not self.was_utf16):
            known = codec_for(charset)
            if known:
                codec = known
            else:
                self.warnings.unknown_charsets.setdefault(charset, prop.line)
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            warnings = self.warnings
            warnings.misdecoded += 1
            if warnings.misdecoded == 1 or prop.line < warnings.first_misdecoded_line:
                warnings.first_misdecoded_line = prop.line
            return best_effort(data)

    def unescaped(self, prop: _Property) -> str:
        value = self.text(prop)
        if "\\" not in value:
            return value
        return _ESCAPE.sub(lambda m: ESCAPES.get(m.group(1), m.group()), value)

    def components(self, prop: _Property, separators: str = ";") -> list[list[str]]:
        """Split on unescaped ';' into components, and on ',' too when asked (list values)."""
        value = self.text(prop)
        if "\\" not in value:
            lists = "," in separators
            return [c.split(",") if lists else [c] for c in value.split(";")]
        pattern = _SPLITTERS[separators]
        components: list[list[str]] = [[]]
        buffer: list[str] = []
        position = 0
        for match in pattern.finditer(value):
            buffer.append(value[position : match.start()])
            position = match.end()
            matched = match.group()
            if matched in (";", ","):
                components[-1].append("".join(buffer))
                buffer = []
                if matched == ";":
                    components.append([])
            else:
                buffer.append(ESCAPES.get(matched[1], matched))
        buffer.append(value[position:])
        components[-1].append("".join(buffer))
        return components


def _rank(prop: _Property) -> int:
    """Lower is preferred: 4.0 PREF=1..100, TYPE=pref as 1, anything else after."""
    pref = prop.params.get("PREF")
    if pref:
        return int(pref[0]) if pref[0].isdecimal() and len(pref[0]) < 4 else 1
    return 1 if "pref" in prop.params.get("TYPE", ()) else 101


def _telephone(value: str) -> str:
    value = value.strip()
    if value[:4].lower() != "tel:":
        return value
    number, _, rest = value[4:].partition(";")
    extension = next((p[4:] for p in rest.split(";") if p.lower().startswith("ext=")), "")
    return f"{number} ext. {extension}" if extension else number


def _email(value: str) -> str:
    value = value.strip()
    return value[7:] if value[:7].lower() == "mailto:" else value


def _component(components: list[list[str]], index: int, joiner: str = " ") -> str:
    if index >= len(components):
        return ""
    return joiner.join(v.strip() for v in components[index] if v.strip())


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _contact(card: _Card, decode: _Decoder) -> ParsedContact:
    props: dict[str, list[_Property]] = {}
    for prop in card.properties:
        props.setdefault(prop.name, []).append(prop)

    def first(name: str) -> _Property | None:
        found = props.get(name)
        return found[0] if found else None

    version = first("VERSION")
    # 2.1 has no list values: a comma in its N is part of the name.
    name_separators = ";" if version and version.value.strip() == "2.1" else ";,"
    fn, n = first("FN"), first("N")
    full_name = common.one_line(decode.unescaped(fn)) if fn else ""
    parts = decode.components(n, name_separators) if n else []
    family, given, additional = (_component(parts, i) for i in range(3))
    prefixes, suffixes = _component(parts, 3), _component(parts, 4, ", ")
    show_as = first("X-ABSHOWAS")
    is_company = bool(show_as and show_as.value.strip().upper() == "COMPANY")
    if is_company and (given or family):
        full_name = ""  # FN holds the company's name; the person's is in N

    org = first("ORG")
    org_parts = decode.components(org) if org else []
    # ROLE stands in for a missing or empty TITLE.
    title = next(
        (p for p in [*props.get("TITLE", []), *props.get("ROLE", [])] if p.value.strip()), None
    )
    emails = sorted(props.get("EMAIL", []), key=_rank)
    phones = sorted(props.get("TEL", []), key=_rank)
    addresses = sorted(
        props.get("ADR", []),
        key=lambda p: (_rank(p), 0 if "work" in p.params.get("TYPE", ()) else 1),
    )
    address = decode.components(addresses[0]) if addresses else []
    pobox, extended, street = (_component(address, i, "\n") for i in range(3))
    # Some exporters escape the commas between categories; a tag never holds a comma.
    categories = [
        tag
        for prop in props.get("CATEGORIES", [])
        for component in decode.components(prop, ";,")
        for value in component
        for tag in value.split(",")
    ]
    return common.person(
        card.line,
        full_name=full_name,
        honorific=prefixes,
        first_name=given,
        middle_name=additional,
        last_name=family,
        suffix=suffixes,
        emails=(_email(decode.unescaped(p)) for p in emails),
        phones=(_telephone(decode.unescaped(p)) for p in phones),
        organization=_component(org_parts, 0),
        department=_component(org_parts, 1),
        title=decode.unescaped(title) if title else "",
        street="\n".join(line for line in (street, extended, pobox) if line),
        city=_component(address, 3),
        state=_component(address, 4),
        zip_code=_component(address, 5),
        country=_component(address, 6),
        urls=(decode.unescaped(p) for p in props.get("URL", [])),
        notes="\n".join(_lines(decode.unescaped(p)) for p in props.get("NOTE", [])),
        tag_names=categories,
        problems=card.problems,
    )


def parse(name: str, source: Source) -> ParseResult:
    warnings = _Warnings()
    cards = _read_cards(source.body.decode("latin-1"), warnings)
    complete = [card for card in cards if not card.problems]
    if not complete:
        if len(cards) == 1:
            raise ImportFileError(
                f"{name} ends in the middle of its only card (line {cards[0].line}): "
                "END:VCARD is missing, so nothing could be imported. Export the contacts again."
            )
        if cards:
            raise ImportFileError(
                f"{name} has no complete card: END:VCARD is missing after the card on line "
                f"{cards[0].line} and the others, so nothing could be imported."
            )
        raise ImportFileError(f"{name} has no complete card (BEGIN:VCARD … END:VCARD) in it.")
    decoder = _Decoder(was_utf16=source.was_utf16, warnings=warnings)
    records = tuple(_contact(card, decoder) for card in cards)
    warnings.pictures = sum(card.has_picture for card in cards)
    return ParseResult(format="vcard", records=records, warnings=warnings.as_tuple())
