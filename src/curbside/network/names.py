"""Split a person's name into its parts, keeping honorifics and credentials apart.

Built on nameparser. Physicians' names carry post-nominal letters ("Jane Roe, MD, FACS",
"John Smith DO MPH"); nameparser files some of them as suffixes and misses others, so the
known credentials are pulled out first and nameparser parses what remains.
"""

import re
from dataclasses import dataclass

from nameparser import HumanName

# Degrees, board certifications and fellowships that follow a clinician's name.
CREDENTIALS = (
    "MD",
    "DO",
    "MBBS",
    "MBChB",
    "MBBCh",
    "PhD",
    "MPH",
    "MBA",
    "MS",
    "MSc",
    "MA",
    "MHA",
    "MSCI",
    "MSHP",
    "MEd",
    "JD",
    "PharmD",
    "DPM",
    "DDS",
    "DMD",
    "DNP",
    "NP",
    "PA",
    "PA-C",
    "RN",
    "BSN",
    "MSN",
    "CRNA",
    "APRN",
    "FNP",
    "FNP-C",
    "DrPH",
    "ScD",
    "DPhil",
    "FACS",
    "FACP",
    "FACC",
    "FAAP",
    "FAAFP",
    "FACEP",
    "FACOG",
    "FAAN",
    "FCCP",
    "FACR",
    "FAAOS",
    "FASA",
    "FACE",
    "FAHA",
    "FASCO",
    "FCCM",
    "FHM",
    "FRCPC",
    "FRCSC",
    "FRCS",
    "FRCP",
    "MRCP",
    "FAANS",
    "FASE",
    "FSCAI",
    "FAAD",
    "DABR",
    "FACG",
    "FASGE",
    "FIDSA",
    "FAAN",
    "FAASM",
    "FACOEM",
    "FAAHPM",
    "FAANP",
    "CPE",
    "MMSc",
    "MPP",
    "MSPH",
    "MSHS",
)
_CREDENTIAL_KEYS = {c.replace(".", "").replace("-", "").lower(): c for c in CREDENTIALS}
# Credentials that are also names ("Kim Do", "Ma"): recognised only when written in capitals.
AMBIGUOUS = {"do", "ma", "ms", "pa", "md", "rn", "np"}


@dataclass(frozen=True, slots=True)
class ParsedName:
    honorific: str
    first: str
    middle: str
    last: str
    suffix: str
    credentials: tuple[str, ...]

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first, self.middle, self.last, self.suffix) if p)


def credential_key(token: str) -> str:
    return token.strip().strip(",;").replace(".", "").replace("-", "").lower()


def canonical_credential(token: str, *, after_comma: bool = False) -> str | None:
    """'M.D.' → 'MD', 'Facs' → 'FACS'; None when the token is not a known credential."""
    key = credential_key(token)
    looks_written_as_credential = after_comma or "." in token or token.strip(",;").isupper()
    if key in AMBIGUOUS and not looks_written_as_credential:
        return None
    return _CREDENTIAL_KEYS.get(key)


_TRAILING_WORD = re.compile(r"[\s,]+([^\s,]+)[\s,]*$")


def split_credentials(text: str) -> tuple[str, tuple[str, ...]]:
    """'Jane Roe, MD, FACS' → ('Jane Roe', ('MD', 'FACS')): trailing credentials split off."""
    rest = text.strip()
    found: list[str] = []
    while (match := _TRAILING_WORD.search(rest)) and (
        credential := canonical_credential(match.group(1), after_comma="," in match.group(0))
    ):
        found.insert(0, credential)
        rest = rest[: match.start()]
    return rest.strip(" ,"), tuple(found)


def parse_credentials(text: str) -> tuple[str, ...]:
    """'MD, FACS' or 'M.D. facs' → ('MD', 'FACS'); unknown words are kept as written."""
    seen: list[str] = []
    for token in re.split(r"[,;/\s]+", text):
        if not token.strip():
            continue
        credential = canonical_credential(token) or token.strip()
        if credential not in seen:
            seen.append(credential)
    return tuple(seen)


def parse_name(text: str) -> ParsedName:
    """Parse 'Dr. Jane A. Roe Jr., MD, FACS' into honorific, parts and credentials."""
    rest, credentials = split_credentials(" ".join(text.split()))
    human = HumanName(rest)
    suffixes: list[str] = []
    extra_credentials = list(credentials)
    for token in re.split(r"[,\s]+", human.suffix):
        if not token:
            continue
        credential = canonical_credential(token)
        if credential and credential not in extra_credentials:
            extra_credentials.append(credential)
        elif not credential:
            suffixes.append(token)
    return ParsedName(
        honorific=human.title.strip(),
        first=human.first,
        middle=human.middle,
        last=human.last,
        suffix=" ".join(suffixes),
        credentials=tuple(extra_credentials),
    )
