"""What every contacts format shares once its values are read: names, credentials, tags, dates.

Physicians' exports carry credentials wherever the exporting app put them: in the vCard N
suffix ("MD"), at the end of FN ("Jane Roe, MD"), or in LinkedIn's last-name column ("Patel MD
FACS"). `person()` moves them all to `credentials` so that names stay names.
"""

import re
from collections.abc import Iterable
from datetime import date

from curbside.network.names import canonical_credential, split_credentials

from ..records import ParsedContact

# Longer "names" are not names; they are also kept away from the name parser, whose
# trailing-word search is quadratic in the length of its input.
MAX_NAME_LENGTH = 300

# Groups that every contact of a Google or Android address book belongs to: not tags.
SYSTEM_GROUPS = {"my contacts", "mycontacts"}

NO_IDENTITY = "it has no name, email, phone or organization"

_SUFFIX_TOKENS = re.compile(r"[,\s]+")

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# The date layouts of contact exports; plain patterns, tried with match() on short text.
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([a-z]{3,9})\.?[ -](\d{4}|\d{2})")  # 14 Mar 2023
_MONTH_DAY_YEAR = re.compile(r"([a-z]{3,9})\.? (\d{1,2}),? (\d{4})")  # Mar 14, 2023
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")  # 2023-03-14
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")  # 3/14/2023
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")  # 14.03.2023


def one_line(text: str) -> str:
    return " ".join(text.split())


def dedupe(values: Iterable[str]) -> tuple[str, ...]:
    """Non-empty values in order, without repeats (compared case-insensitively)."""
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            kept.append(value)
    return tuple(kept)


def tags(values: Iterable[str]) -> tuple[str, ...]:
    """Group names as tags: Google's '* ' marker removed, everyone's 'My Contacts' left out."""
    cleaned = (one_line(value).removeprefix("* ").strip() for value in values)
    return dedupe(value for value in cleaned if value.casefold() not in SYSTEM_GROUPS)


def without_credentials(text: str) -> tuple[str, tuple[str, ...]]:
    """'Patel, MD' → ('Patel', ('MD',)); over-long text is returned as it is."""
    text = one_line(text)
    if len(text) > MAX_NAME_LENGTH:
        return text, ()
    return split_credentials(text)


def suffix_and_credentials(text: str) -> tuple[str, tuple[str, ...]]:
    """'Jr., MD' → ('Jr.', ('MD',)): in a suffix field, a known credential is a credential."""
    suffixes: list[str] = []
    found: list[str] = []
    for token in _SUFFIX_TOKENS.split(text):
        if not token:
            continue
        credential = canonical_credential(token, after_comma=True)
        if credential:
            found.append(credential)
        else:
            suffixes.append(token)
    return " ".join(suffixes), tuple(found)


def _month(name: str) -> int:
    """'mar', 'March', 'sept' → 3, 3, 9; 0 when it is not an English month name."""
    for number, month in enumerate(MONTHS, 1):
        if len(name) >= 3 and month.startswith(name):
            return number
    return 0


def _year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 2:  # Excel's "14-Mar-23"
        year += 2000 if year < 70 else 1900
    return year


def parse_date(text: str) -> date | None:
    """A date as contact exports write it (LinkedIn, Excel, ISO, US); None if unreadable."""
    text = one_line(text).casefold()
    if len(text) > 40:
        return None
    year = month = day = 0
    if match := _DAY_MONTH_YEAR.match(text):
        day, month, year = int(match[1]), _month(match[2]), _year(match[3])
    elif match := _MONTH_DAY_YEAR.match(text):
        month, day, year = _month(match[1]), int(match[2]), int(match[3])
    elif match := _ISO.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _US.match(text):
        month, day, year = int(match[1]), int(match[2]), _year(match[3])
    elif match := _DOTTED.match(text):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    rest = text[match.end() :] if match else ""
    if not match or (rest and rest[0] not in " ,t"):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def person(
    line: int,
    *,
    full_name: str = "",
    honorific: str = "",
    first_name: str = "",
    middle_name: str = "",
    last_name: str = "",
    suffix: str = "",
    credentials: Iterable[str] = (),
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    organization: str = "",
    department: str = "",
    title: str = "",
    street: str = "",
    city: str = "",
    state: str = "",
    zip_code: str = "",
    country: str = "",
    urls: Iterable[str] = (),
    notes: str = "",
    tag_names: Iterable[str] = (),
    connected_on: date | None = None,
    problems: Iterable[str] = (),
) -> ParsedContact:
    """A ParsedContact with credentials pulled out of the name fields.

    When only parts are known, the full name is first, middle and last name plus suffix. A
    full name alone is not split here: the name parser costs about a quarter of a
    millisecond a name, which a hostile file multiplies; the import splits it once it has
    checked the row.
    """
    found: list[str] = list(credentials)
    last_name, in_last = without_credentials(last_name)
    suffix, in_suffix = suffix_and_credentials(suffix)
    full_name, in_full = without_credentials(full_name)
    found += [*in_last, *in_suffix, *in_full]
    first_name, middle_name = one_line(first_name), one_line(middle_name)
    if not full_name:
        full_name = " ".join(p for p in (first_name, middle_name, last_name, suffix) if p)
    emails, phones = dedupe(one_line(e) for e in emails), dedupe(one_line(p) for p in phones)
    organization = one_line(organization)
    issues = list(problems)
    if not (full_name or emails or phones or organization):
        issues.append(NO_IDENTITY)
    return ParsedContact(
        line=line,
        full_name=full_name,
        honorific=one_line(honorific),
        first_name=first_name,
        middle_name=middle_name,
        last_name=last_name,
        suffix=suffix,
        credentials=", ".join(dedupe(found)),
        emails=emails,
        phones=phones,
        organization=organization,
        department=one_line(department),
        title=one_line(title),
        street=street.strip(),
        city=one_line(city),
        state=one_line(state),
        zip_code=one_line(zip_code),
        country=one_line(country),
        urls=dedupe(url.strip() for url in urls),
        notes=notes.strip(),
        tags=tags(tag_names),
        connected_on=connected_on,
        problems=tuple(issues),
    )
