"""Small contact files written inline for the import tests (vCard 3.0 and LinkedIn CSV)."""

import csv
import io
from collections.abc import Sequence

LINKEDIN_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
)
LINKEDIN_HEADER = [
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
]


def card(
    name: str,
    *,
    n: str = "",
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    org: str = "",
    title: str = "",
    note: str = "",
    city: str = "",
    categories: Sequence[str] = (),
) -> str:
    """One vCard 3.0; `n` is the structured name (Last;First;Middle;Prefix;Suffix)."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}"]
    if n:
        lines.append(f"N:{n}")
    lines += [f"EMAIL;TYPE=INTERNET:{email}" for email in emails]
    lines += [f"TEL;TYPE=CELL:{phone}" for phone in phones]
    if org:
        lines.append(f"ORG:{org}")
    if title:
        lines.append(f"TITLE:{title}")
    if city:
        lines.append(f"ADR;TYPE=WORK:;;;{city};;;")
    if note:
        lines.append(f"NOTE:{note}")
    if categories:
        lines.append(f"CATEGORIES:{','.join(categories)}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def vcf(*cards: str) -> bytes:
    return "".join(cards).encode()


def linkedin(rows: Sequence[Sequence[str]]) -> bytes:
    """A Connections.csv as LinkedIn writes it: a notes preamble, then the header and rows of
    (first name, last name, URL, email, company, position, connected on)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LINKEDIN_HEADER)
    writer.writerows(rows)
    return (LINKEDIN_PREAMBLE + buffer.getvalue()).encode()
