"""From a parsed record to the values a preview row holds: checked, normalised, flat.

Pure (no database): emails and phones are normalised as the network app stores them, the
name is split into its parts (the parser's own parts are kept when it found them), and
whatever Curbside has no field for (street, web addresses) is kept in the notes.
"""

import functools
import re
import unicodedata
from typing import Any

from curbside.network.contactinfo import ContactInfoError, normalize_email, normalize_phone
from curbside.network.names import parse_credentials, parse_name

from ..records import ParsedContact

# The longest values the contact's fields hold (network.models); longer ones are problems.
MAX_LENGTHS = {
    "full_name": ("name", 200),
    "honorific": ("honorific", 40),
    "first_name": ("first name", 100),
    "middle_name": ("middle name", 100),
    "last_name": ("last name", 100),
    "suffix": ("suffix", 40),
    "credentials": ("credentials", 120),
    "city": ("city", 100),
    "state": ("state", 100),
    "zip_code": ("ZIP code", 12),
    "country": ("country", 100),
    "organization": ("organization", 200),
    "role": ("title", 120),
}
PHONE_MAX_LENGTH = 32
TAG_MAX_LENGTH = 60
# Numbers written without a country code are read as North American, as contact forms do.
PHONE_REGION = "US"
MAX_NAME_LENGTH = 300
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir"})
_NOT_WORD = re.compile(r"[^\w]+")


def clean(text: str) -> str:
    return " ".join(text.split()) if text else text


@functools.lru_cache(maxsize=65536)  # organization names repeat across thousands of rows
def key(text: str) -> str:
    """What two spellings of one name share: no accents, case or punctuation."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def name_key(values: dict[str, Any]) -> str:
    """First and last name (middle names and initials vary between sources), else the name."""
    first, last = values.get("first_name", ""), values.get("last_name", "")
    return key(f"{first} {last}") if first and last else key(values.get("full_name", ""))


def _merge_credentials(*groups: tuple[str, ...] | list[str]) -> str:
    merged: list[str] = []
    for group in groups:
        merged += [c for c in group if c not in merged]
    return ", ".join(merged)


def _drop_honorific(name: str, honorific: str) -> tuple[str, str]:
    """'Dr. Jane Roe' → ('Jane Roe', 'Dr.'): shown names carry no honorific (as in forms)."""
    first, _, rest = name.partition(" ")
    if rest and (first == honorific or first.rstrip(".").lower() in HONORIFICS):
        return rest, honorific or first
    return name, honorific


def name_parts(record: ParsedContact) -> dict[str, str]:
    """The shown name, its parts and the credentials.

    The parsers have already taken the credentials out of the name fields (whether FN, N's
    suffix or LinkedIn's last-name column held them) and split names that came whole; here
    the shown name loses a leading honorific, as names typed in forms do, and a name that
    still has no parts is parsed.
    """
    written = clean(record.full_name)
    if len(written) > MAX_NAME_LENGTH:
        # Not a name (and too long for the name parser, which is quadratic): a problem.
        return {"full_name": written, "credentials": record.credentials}
    if not (record.first_name.strip() or record.last_name.strip()):
        parsed = parse_name(written)
        listed = parse_credentials(record.credentials) if record.credentials.strip() else ()
        return {
            "full_name": parsed.full_name or written,
            "honorific": parsed.honorific,
            "first_name": parsed.first,
            "middle_name": parsed.middle,
            "last_name": parsed.last,
            "suffix": parsed.suffix,
            "credentials": _merge_credentials(listed, parsed.credentials),
        }
    shown, honorific = _drop_honorific(written, clean(record.honorific))
    parts = {
        "honorific": honorific,
        "first_name": clean(record.first_name),
        "middle_name": clean(record.middle_name),
        "last_name": clean(record.last_name),
        "suffix": clean(record.suffix),
    }
    joined = " ".join(
        parts[p] for p in ("first_name", "middle_name", "last_name", "suffix") if parts[p]
    )
    return {"full_name": shown or joined, **parts, "credentials": clean(record.credentials)}


def _notes(record: ParsedContact) -> str:
    lines = [record.notes.strip()] if record.notes.strip() else []
    if record.street.strip():
        lines.append(f"Street address: {clean(record.street)}")
    lines += [f"Web: {url.strip()}" for url in record.urls if url.strip()]
    return "\n".join(lines)


def _role(record: ParsedContact) -> str:
    return ", ".join(p for p in (clean(record.title), clean(record.department)) if p)


def _emails(record: ParsedContact, problems: list[str]) -> list[str]:
    emails: list[str] = []
    for raw in record.emails:
        if not raw.strip():
            continue
        try:
            email = normalize_email(raw)
        except ContactInfoError as error:
            problems.append(str(error))
            continue
        if email not in emails:
            emails.append(email)
    return emails


def _phones(record: ParsedContact, problems: list[str]) -> list[str]:
    phones: list[str] = []
    for raw in record.phones:
        if not raw.strip():
            continue
        try:
            phone = normalize_phone(raw, PHONE_REGION)
        except ContactInfoError as error:
            problems.append(str(error))
            continue
        if len(phone) > PHONE_MAX_LENGTH:
            problems.append(f"{raw.strip()!r} is too long for a phone number.")
        elif phone not in phones:
            phones.append(phone)
    return phones


def _tags(record: ParsedContact) -> list[str]:
    tags: dict[str, str] = {}
    for raw in record.tags:
        name = clean(raw)[:TAG_MAX_LENGTH]
        if name:
            tags.setdefault(name.casefold(), name)
    return list(tags.values())


def row_values(record: ParsedContact) -> tuple[dict[str, Any], list[str]]:
    """The values of one record as a preview row stores them (empty ones left out), and the
    problems that keep it from being imported as it is."""
    problems = list(record.problems)
    values: dict[str, Any] = {
        **name_parts(record),
        "emails": _emails(record, problems),
        "phones": _phones(record, problems),
        "organization": clean(record.organization),
        "role": _role(record),
        "city": clean(record.city),
        "state": clean(record.state),
        "zip_code": clean(record.zip_code),
        "country": clean(record.country),
        "notes": _notes(record),
        "tags": _tags(record),
        "connected_on": record.connected_on.isoformat() if record.connected_on else "",
    }
    if not values["full_name"]:
        problems.insert(0, "This contact has no name.")
    for field, (label, limit) in MAX_LENGTHS.items():
        if len(values[field]) > limit:
            problems.append(f"The {label} is longer than {limit} characters.")
    return {field: value for field, value in values.items() if value}, problems
