"""A strict reader of our vCard output for the tests: it fails on any line over 75 octets,
on a bare LF, on a character split by folding, on an unknown or missing escape."""

Property = tuple[str, dict[str, str], str]


def physical_lines(text: str) -> list[bytes]:
    """The file's lines, checked: CRLF endings only, at most 75 octets, whole UTF-8."""
    raw = text.encode()
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    for line in lines:
        assert b"\r" not in line
        assert b"\n" not in line
        assert len(line) <= 75, line
        line.decode("utf-8")  # a character split across two lines would fail here
    return lines


def read_vcards(text: str) -> list[list[Property]]:
    """Unfold and split into cards of (NAME, parameters, raw value)."""
    logical: list[bytes] = []
    for line in physical_lines(text):
        if line.startswith(b" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    cards: list[list[Property]] = []
    for text_line in (raw.decode() for raw in logical):
        head, _, value = text_line.partition(":")
        name, *parameters = head.split(";")
        properties: dict[str, str] = {}
        for parameter in parameters:
            key, _, parameter_value = parameter.partition("=")
            properties[key] = parameter_value
        if name == "BEGIN":
            assert value == "VCARD"
            cards.append([])
        cards[-1].append((name, properties, value))
    for card in cards:
        assert card[0][0] == "BEGIN"
        assert card[1] == ("VERSION", {}, "4.0")  # right after BEGIN, as RFC 6350 requires
        assert card[-1] == ("END", {}, "VCARD")
    return cards


def split_escaped(value: str, separator: str) -> list[str]:
    parts, current, escaped = [], "", False
    for char in value:
        if escaped:
            current += "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append(current)
            current = ""
        else:
            current += char
    assert not escaped, "a value ends in a lone backslash"
    return [*parts, current]


def unescape(value: str) -> str:
    out, escaped = "", False
    for char in value:
        if escaped:
            assert char in "\\,;nN", f"unknown escape \\{char}"
            out += "\n" if char in "nN" else char
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            assert char not in ",;", f"unescaped {char!r} in a text value: {value!r}"
            out += char
    return out


def components(value: str) -> list[list[str]]:
    """A compound value (N, ADR): its components, each a list of values."""
    return [
        [unescape(item) for item in split_escaped(part, ",") if item]
        for part in split_escaped(value, ";")
    ]


def one(card: list[Property], name: str) -> Property:
    found = [p for p in card if p[0] == name]
    assert len(found) == 1, (name, found)
    return found[0]
