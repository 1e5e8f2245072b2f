"""Free text from job boards → the product's vocabularies.

Every vocabulary is a dict of stable value → label; records and models store the value.
Detection is by ordered phrase tables: where several entries match, the one listed first
wins, so specific entries ("pediatric hospitalist", "radiation oncology") come before
general ones ("hospitalist", "oncology"). Titles decide; descriptions are only read when
the title says nothing, because a description names many specialties in passing ("admit
from the emergency department", "fellowship-trained"). Each table is one compiled regular
expression run over lower-cased text: a few microseconds for a title, ~200 µs for a long
description.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

PRACTICE_SETTINGS: dict[str, str] = {
    "private_practice": "Private practice",
    "academic": "Academic / research",
    "public_health": "Public health facility",
    "hospital_employed": "Hospital-employed",
    "group": "Group practice",
    "locums": "Locums",
    "telemedicine": "Telemedicine",
}

POSITION_TYPES: dict[str, str] = {
    "full_time": "Full-time",
    "part_time": "Part-time",
    "locums": "Locums",
    "fellowship": "Fellowship",
    "faculty": "Faculty",
}

SPECIALTIES: dict[str, str] = {
    "addiction_medicine": "Addiction Medicine",
    "allergy_immunology": "Allergy and Immunology",
    "anesthesiology": "Anesthesiology",
    "cardiology": "Cardiology",
    "cardiothoracic_surgery": "Cardiothoracic Surgery",
    "critical_care": "Pulmonology / Critical Care",
    "dermatology": "Dermatology",
    "emergency_medicine": "Emergency Medicine",
    "endocrinology": "Endocrinology",
    "ent": "Otolaryngology (ENT)",
    "family_medicine": "Family Medicine",
    "gastroenterology": "Gastroenterology",
    "general_surgery": "General Surgery",
    "geriatrics": "Geriatrics",
    "hospitalist": "Hospitalist",
    "infectious_disease": "Infectious Disease",
    "internal_medicine": "Internal Medicine",
    "neonatology": "Neonatology",
    "nephrology": "Nephrology",
    "neurology": "Neurology",
    "neurosurgery": "Neurosurgery",
    "obgyn": "OB/GYN",
    "occupational_medicine": "Occupational Medicine",
    "oncology": "Hematology / Oncology",
    "ophthalmology": "Ophthalmology",
    "orthopaedic_surgery": "Orthopaedic Surgery",
    "pain_medicine": "Pain Medicine",
    "palliative_care": "Palliative Care",
    "pathology": "Pathology",
    "pediatrics": "Pediatrics",
    "plastic_surgery": "Plastic Surgery",
    "pmr": "Physical Medicine and Rehabilitation (PM&R)",
    "primary_care": "Primary Care",
    "psychiatry": "Psychiatry",
    "radiation_oncology": "Radiation Oncology",
    "radiology": "Radiology",
    "rheumatology": "Rheumatology",
    "sleep_medicine": "Sleep Medicine",
    "sports_medicine": "Sports Medicine",
    "urgent_care": "Urgent Care",
    "urology": "Urology",
    "vascular_surgery": "Vascular Surgery",
}

# Visa sponsorship as listings state it; a listing may offer several ("J-1 waiver, H-1B").
VISA_J1_WAIVER = "J-1 waiver"
VISA_H1B = "H-1B"
VISA_UNSPECIFIED = "Visa sponsorship"  # "visa sponsorship available", kind not said

SALARY_UNITS: dict[str, str] = {
    "year": "per year",
    "month": "per month",
    "week": "per week",
    "day": "per day",
    "hour": "per hour",
}

# (value, pattern) in priority order; a value may appear more than once.
_SPECIALTY_TABLE: list[tuple[str, str]] = [
    ("pediatrics", r"pediatric hospital(?:ists?| medicine)|peds hospitalists?"),
    (
        "obgyn",
        r"ob hospitalists?|ob/?gyn hospitalists?|ob-gyn hospitalists?"
        r"|obstetric(?:s|al)? hospitalists?|laborists?",
    ),
    ("neurology", r"neurohospitalists?"),
    ("radiation_oncology", r"radiation oncolog\w*"),
    ("general_surgery", r"surgical oncolog\w*"),
    ("addiction_medicine", r"addiction (?:medicine|psychiatr\w*)|addictionolog\w*"),
    ("hospitalist", r"hospitalists?|nocturnists?|hospital medicine"),
    (
        "critical_care",
        r"critical care|intensivists?|pulmonar(?:y|ies)|pulmonolog\w*|pccm|icu physicians?",
    ),
    ("cardiology", r"cardiolog\w*|electrophysiolog\w*"),
    ("gastroenterology", r"gastroenterolog\w*|hepatolog\w*|gi physicians?"),
    ("nephrology", r"nephrolog\w*"),
    ("endocrinology", r"endocrinolog\w*"),
    ("rheumatology", r"rheumatolog\w*"),
    ("infectious_disease", r"infectious diseases?"),
    ("oncology", r"oncolog\w*|hematolog\w*|heme?[/ -]?onc"),
    ("allergy_immunology", r"allerg(?:y|ists?)|immunolog\w*"),
    ("sleep_medicine", r"sleep medicine"),
    ("neonatology", r"neonatolog\w*|nicu"),
    ("geriatrics", r"geriatric\w*"),
    ("palliative_care", r"palliative|hospice"),
    ("pain_medicine", r"pain (?:medicine|management)|interventional pain"),
    ("occupational_medicine", r"occupational (?:medicine|health physicians?)"),
    ("neurosurgery", r"neurosurg\w*|neurological surg\w*"),
    (
        "cardiothoracic_surgery",
        r"cardiothoracic|cardiac surg\w*|thoracic surg\w*|cardiovascular surg\w*",
    ),
    ("vascular_surgery", r"vascular surg\w*"),
    ("plastic_surgery", r"plastic (?:and reconstructive )?surg\w*"),
    ("orthopaedic_surgery", r"orthopa?edic\w*|orthopa?edists?"),
    ("sports_medicine", r"sports medicine"),
    ("urology", r"urolog\w*"),
    ("ent", r"otolaryngolog\w*|ent|ear,? nose,? (?:and|&) throat|head and neck surg\w*"),
    ("ophthalmology", r"ophthalmolog\w*|retina specialists?"),
    (
        "general_surgery",
        r"general surg\w*|trauma surg\w*|acute care surg\w*|bariatric surg\w*"
        r"|colorectal surg\w*|breast surg\w*",
    ),
    (
        "emergency_medicine",
        r"emergency (?:medicine|physicians?|(?:room|department) physicians?)|e[rd] physicians?",
    ),
    ("urgent_care", r"urgent care"),
    ("anesthesiology", r"ana?esthesi\w*"),
    ("radiology", r"radiolog\w*|neuroradiolog\w*|teleradiolog\w*"),
    ("pathology", r"patholog\w*|dermatopatholog\w*"),
    ("dermatology", r"dermatolog\w*|mohs"),
    ("neurology", r"neurolog\w*"),
    ("psychiatry", r"psychiatr\w*"),
    (
        "pmr",
        r"physical medicine(?: (?:and|&) rehabilitation)?|pm ?& ?r|pm and r|physiatr\w*"
        r"|rehabilitation medicine",
    ),
    ("obgyn", r"ob/?gyn|ob-gyn|obstetric\w*|gyna?ecolog\w*|maternal[- ]fetal medicine"),
    ("pediatrics", r"pa?ediatric\w*|peds"),
    ("family_medicine", r"family (?:medicine|practice|physicians?)"),
    ("internal_medicine", r"internal medicine|internists?|med[- /]peds"),
    ("primary_care", r"primary care"),
]

_SETTING_TABLE: list[tuple[str, str]] = [
    ("locums", r"locums?(?: tenens)?"),
    (
        "telemedicine",
        r"tele(?:medicine|health|psychiatry|neurology|stroke|radiology|hospitalist)\w*"
        r"|virtual (?:care|visits|medicine)",
    ),
    (
        "academic",
        r"academic|universit(?:y|ies)|medical school|school of medicine|teaching hospital"
        r"|research institut\w*",
    ),
    (
        "public_health",
        r"public health|federally qualified health cent(?:er|re)s?|fqhcs?"
        r"|community health cent(?:er|re)s?|county health|health department"
        r"|department of health|veterans affairs|va medical cent(?:er|re)|va health ?care"
        r"|indian health service|correctional|rural health clinics?",
    ),
    (
        "hospital_employed",
        r"hospital[- ]employed|health[- ]system[- ]employed"
        r"|employed by (?:the |a |our )?(?:hospital|health system|medical center)",
    ),
    (
        "private_practice",
        r"private practice|physician[- ]owned|independent practice|partnership track"
        r"|path to partnership|partnership opportunity|shareholder track",
    ),
    (
        "group",
        r"group practice|medical group|physician group|multi-?specialty group"
        r"|single[- ]specialty group|practice group",
    ),
]

# Titles only: descriptions say "fellowship-trained" and "faculty appointment available".
_POSITION_TITLE_TABLE: list[tuple[str, str]] = [
    ("fellowship", r"fellow(?:ship)?s?(?![- ]trained)"),
    ("faculty", r"faculty|professor|instructor"),
    ("locums", r"locums?(?: tenens)?"),
    ("part_time", r"part[- ]time|per diem|prn"),
    ("full_time", r"full[- ]time"),
]
_POSITION_TEXT_TABLE: list[tuple[str, str]] = [
    ("locums", r"locums?(?: tenens)?"),
    ("full_time", r"full[- ]time"),
    ("part_time", r"part[- ]time|per diem"),
]
# schema.org employmentType values (Google's enumeration) and the words boards use instead.
_EMPLOYMENT_TYPES: dict[str, str] = {
    "FULLTIME": "full_time",
    "PARTTIME": "part_time",
    "CONTRACTOR": "locums",
    "CONTRACT": "locums",
    "TEMPORARY": "locums",
    "LOCUMS": "locums",
    "LOCUMTENENS": "locums",
    "PERDIEM": "part_time",
    "PRN": "part_time",
    "FELLOWSHIP": "fellowship",
    "FACULTY": "faculty",
}


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern: "a|b(?:c|d)" → ["a", "b(?:c|d)"]."""
    found: list[str] = []
    depth, start, position, in_class = 0, 0, 0, False
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            found.append(pattern[start:position])
            start = position + 1
        position += 1
    found.append(pattern[start:])
    return found


class _Table:
    """An ordered (value, pattern) table as one regular expression.

    Python's engine tries every alternative at every word start, so a flat alternation of
    ~130 phrases costs ~0.5 ms on a long description. Grouping the alternatives by their
    first letter ("c(?:ardiolog…|ritical care|…)") lets each position fail after one
    comparison per letter: ~10 times faster, with the same result, because alternatives
    that begin with different letters never match at the same place and within a letter
    the table's order is kept. Which entry matched is then found at that one position.
    """

    def __init__(self, table: list[tuple[str, str]], prefix: str = "") -> None:
        self.values = [value for value, _ in table]
        self.entries = [re.compile(rf"(?:{pattern})\b") for _, pattern in table]
        self.prefix = re.compile(prefix) if prefix else None
        by_letter: dict[str, list[str]] = {}
        self.entries_by_letter: dict[str, list[int]] = {}
        for number, (_, pattern) in enumerate(table):
            for alternative in _alternatives(pattern):
                letter = alternative[:1]
                if not letter.isalnum() or alternative[1:2] in ("?", "*", "+", "{"):
                    raise ValueError(f"{alternative!r} must begin with a letter or digit")
                by_letter.setdefault(letter, []).append(alternative[1:])
                numbers = self.entries_by_letter.setdefault(letter, [])
                if number not in numbers:
                    numbers.append(number)
        groups = "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in by_letter.items())
        # A word starts after a character that is not a letter or digit (the text is given
        # a leading space): matching that character rather than testing \b lets the engine
        # skip from separator to separator (a third faster on long texts).
        self.regex = re.compile(rf"[^a-z0-9]{prefix}(?:{groups})\b")

    def matches(self, text: str) -> list[int]:
        """Entry numbers (lower = listed first) of every match, in reading order."""
        text = " " + text.lower()
        found = []
        for match in self.regex.finditer(text):
            start = match.start() + 1
            if self.prefix and (prefixed := self.prefix.match(text, start)):
                starts = [prefixed.end(), start] if prefixed.end() > start else [start]
            else:
                starts = [start]
            found.append(self._entry_at(text, starts, match.end()))
        return found

    def _entry_at(self, text: str, starts: list[int], end: int) -> int:
        for start in starts:
            for number in self.entries_by_letter.get(text[start], ()):
                entry = self.entries[number].match(text, start)
                if entry and entry.end() == end:
                    return number
        raise AssertionError("a table match that no entry explains")  # pragma: no cover

    def first(self, text: str) -> str:
        """The value of the highest-priority entry found in the text, or ""."""
        found = self.matches(text)
        return self.values[min(found)] if found else ""

    def most_frequent(self, text: str) -> str:
        """The value found most often (counting its entries together); ties by priority."""
        found = self.matches(text)
        if not found:
            return ""
        counts = Counter(self.values[entry] for entry in found)
        best_entry = {value: min(e for e in found if self.values[e] == value) for value in counts}
        return min(counts, key=lambda value: (-counts[value], best_entry[value]))


# "Telepsychiatrist", "tele-neurology": the specialty, practised remotely.
_SPECIALTIES = _Table(_SPECIALTY_TABLE, prefix="(?:tele-?)?")
_SETTINGS = _Table(_SETTING_TABLE)
_POSITION_TITLES = _Table(_POSITION_TITLE_TABLE)
_POSITION_TEXTS = _Table(_POSITION_TEXT_TABLE)


def detect_specialty(title: str, *more: str) -> str:
    """The specialty a listing is for: the title decides; else each other text in turn
    (occupational category, description), by the specialty it mentions most."""
    found = _SPECIALTIES.first(title)
    for text in more:
        if found:
            break
        found = _SPECIALTIES.most_frequent(text)
    return found


def detect_practice_setting(title: str, *more: str) -> str:
    """The practice setting: from the title, else the first kind (in table order) named in
    the other texts (employer, description)."""
    return _SETTINGS.first(title) or _SETTINGS.first("\n".join(more))


def detect_position_type(title: str, employment_types: Iterable[str] = (), text: str = "") -> str:
    """The position type: a fellowship, faculty, locums or part-time title decides; else the
    first employmentType we know (FULL_TIME, "Part-time", CONTRACTOR…); else the description."""
    from_title = _POSITION_TITLES.first(title)
    if from_title:
        return from_title
    for employment_type in employment_types:
        key = re.sub(r"[^A-Z]", "", employment_type.upper())
        if key in _EMPLOYMENT_TYPES:
            return _EMPLOYMENT_TYPES[key]
    return _POSITION_TEXTS.first(text)


def normalize_choice(text: str, vocabulary: dict[str, str]) -> str:
    """A value someone typed in a CSV column: the value itself ("full_time"), its label
    ("Full-time"), or its label's letters in any case ("FULL TIME"); "" if none."""
    wanted = re.sub(r"[^a-z0-9]", "", text.lower())
    if not wanted:
        return ""
    for value, label in vocabulary.items():
        if wanted in (value.replace("_", ""), re.sub(r"[^a-z0-9]", "", label.lower())):
            return value
    return ""


# Visa words, on lower-cased text; each is looked at within its clause.
_VISA_WORDS = re.compile(r"\bvisas?\b|\bj-?1\b|\bh-?1-?b\b|\bconrad\b")
_VISA_J1 = re.compile(r"\bj-?1\b|\bconrad\b|\bvisa waiver|\bwaiver (?:position|job|site)")
_VISA_H1B = re.compile(r"\bh-?1-?b\b")
_VISA_ANY = re.compile(
    r"\bvisas? (?:sponsorship|sponsored|candidates|holders|support|welcome)"
    r"|\bsponsor(?:s|ship)?\b(?: (?:a|your|work))? visas?\b"
    r"|\bvisa\b[^.]{0,30}\b(?:available|welcome|considered|eligible)"
)
# "We cannot sponsor visas", "No J-1 or H-1B", "not a J-1 waiver position": the negation
# comes before the visa words; "visa sponsorship is not available" puts it just after.
_NEGATION_BEFORE = re.compile(
    r"\b(?:not|unable|cannot|can't|won't|will not|does not|do not|doesn't|don't|without"
    r"|ineligible|excluded|neither|nor)\b[^.]{0,60}$|\bno\s+(?:\S+\s+){0,2}$"
)
_NEGATION_AFTER = re.compile(r"[^.]{0,30}?(?:\bnot\b|n't\b|\bunavailable\b|\bnone\b)")
_SENTENCE_END = re.compile(r"[.;!?\n]")
_CLAUSE_BREAK = re.compile(r"\bbut\b|\bhowever\b")
_YES = {"yes", "y", "true", "1", "available", "sponsored", "sponsorship"}
_NO = {"no", "n", "false", "0", "none", "n/a", "na", "not available", "no sponsorship"}


def _mentions_visa(text: str) -> bool:
    """A cheap first look (substring searches) before any regular expression."""
    if "visa" in text or "conrad" in text:
        return True
    return "1" in text and any(needle in text for needle in ("j1", "j-1", "h1", "h-1"))


def _visa_clauses(text: str) -> list[str]:
    """The clauses (split at . ; ! ? line ends, "but", "however") that name a visa."""
    return [
        clause
        for sentence in _SENTENCE_END.split(text)
        if _mentions_visa(sentence)
        for clause in _CLAUSE_BREAK.split(sentence)
        if _VISA_WORDS.search(clause)
    ]


def detect_visa(text: str) -> str:
    """Visa sponsorship offered, as "J-1 waiver", "H-1B", "J-1 waiver, H-1B",
    "Visa sponsorship" (kind not said) or "" (none, or "we cannot sponsor visas").

    Conrad 30 is the J-1 waiver programme. A clause that negates the offer is ignored.
    """
    lowered = text.lower()
    if not _mentions_visa(lowered):
        return ""
    kinds: set[str] = set()
    for clause in _visa_clauses(lowered):
        first = _VISA_WORDS.search(clause)
        if first is None or _NEGATION_BEFORE.search(clause, 0, first.start()):
            continue
        if _NEGATION_AFTER.match(clause, first.end()):
            continue
        if _VISA_J1.search(clause):
            kinds.add(VISA_J1_WAIVER)
        if _VISA_H1B.search(clause):
            kinds.add(VISA_H1B)
        if _VISA_ANY.search(clause):
            kinds.add(VISA_UNSPECIFIED)
    if len(kinds) > 1:
        kinds.discard(VISA_UNSPECIFIED)
    return ", ".join(kind for kind in (VISA_J1_WAIVER, VISA_H1B, VISA_UNSPECIFIED) if kind in kinds)


def normalize_visa(text: str) -> str:
    """A visa column as people fill it in: "yes", "J1", "H-1B and J-1", "No" → detect_visa's
    values; a value we don't recognise, but not a no, counts as sponsorship of some kind."""
    cleaned = " ".join(text.lower().split()).strip(" .")
    if not cleaned or cleaned in _NO:
        return ""
    if cleaned in _YES:
        return VISA_UNSPECIFIED
    found = detect_visa(text)
    if found:
        return found
    return "" if _NEGATION_BEFORE.search(cleaned) else VISA_UNSPECIFIED


@dataclass(frozen=True, slots=True)
class Salary:
    minimum: Decimal | None
    maximum: Decimal | None
    unit: str = ""  # a SALARY_UNITS value, or "" if the text does not say and the amount can't tell
    currency: str = ""  # ISO 4217, or "" if the text does not say


# schema.org unitText values and the words boards use, alone in a field.
_UNIT_NAMES: dict[str, str] = {
    "hour": "hour",
    "hourly": "hour",
    "hr": "hour",
    "day": "day",
    "daily": "day",
    "week": "week",
    "weekly": "week",
    "wk": "week",
    "month": "month",
    "monthly": "month",
    "mo": "month",
    "year": "year",
    "yearly": "year",
    "yr": "year",
    "annual": "year",
    "annually": "year",
    "annum": "year",
    "salary": "year",
}
# The same inside a longer text ("$150/hr", "per year"); "day" alone there could be "4-day week".
_UNIT_WORDS: list[tuple[str, re.Pattern[str]]] = [
    (unit, re.compile(pattern, re.IGNORECASE))
    for unit, pattern in [
        ("hour", r"/\s*h(?:ou)?rs?\b|\bper h(?:ou)?r\b|\bhourly\b|\ban hour\b"),
        ("day", r"/\s*day\b|\bper day\b|\bdaily\b|\ba day\b"),
        ("week", r"/\s*w(?:ee)?k\b|\bper w(?:ee)?k\b|\bweekly\b|\ba week\b"),
        ("month", r"/\s*mo(?:nth)?\b|\bper month\b|\bmonthly\b|\ba month\b"),
        (
            "year",
            r"/\s*(?:yr|year|annum)\b|\bper (?:year|annum|yr)\b|\bannual(?:ly)?\b|\ba year\b"
            r"|\byearly\b",
        ),
    ]
]
_CURRENCIES: list[tuple[str, re.Pattern[str]]] = [
    (code, re.compile(pattern, re.IGNORECASE))
    for code, pattern in [
        ("CAD", r"\bCAD\b|C\$|CA\$"),
        ("USD", r"\bUSD\b|US\$|\$"),
        ("EUR", r"\bEUR\b|€"),
        ("GBP", r"\bGBP\b|£"),
    ]
]
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([kKmM](?![a-zA-Z]))?")
_RANGE_BETWEEN = re.compile(r"^\s*(?:-|–|—|to|and)\s*[$€£]?\s*$", re.IGNORECASE)
_UP_TO = re.compile(r"\b(?:up to|to|max(?:imum)?|under|less than)\b\s*$", re.IGNORECASE)
_AT_LEAST = re.compile(
    r"\b(?:from|starting(?: at)?|starts at|at least|min(?:imum)?|over|more than)\b\s*$",
    re.IGNORECASE,
)
_MULTIPLIERS = {"k": Decimal(1000), "m": Decimal(1000000)}


def salary_unit(text: str) -> str:
    """ "HOUR", "per hour", "hourly", "/hr" → "hour"; YEAR, "annual"… → "year"; else ""."""
    alone = text.strip().lower()
    if alone in _UNIT_NAMES:
        return _UNIT_NAMES[alone]
    for unit, pattern in _UNIT_WORDS:
        if pattern.search(text):
            return unit
    return ""


def guess_unit(amount: Decimal) -> str:
    """A physician's pay without a unit: $250,000 is a year, $150 an hour; $2,000 could be a
    day or a week, so it stays unknown."""
    if amount >= 20000:
        return "year"
    if amount <= 1000:
        return "hour"
    return ""


def parse_amount(text: str) -> Decimal | None:
    """ "250,000", "250000.00", "$250K", "1.2M" → a Decimal; anything else → None."""
    match = _AMOUNT.search(text)
    if not match or re.search(r"\d", text[match.end() :]):
        return None
    return _amount(match)


def _amount(match: re.Match[str]) -> Decimal | None:
    digits, fraction, multiplier = match.groups()
    try:
        value = Decimal(digits.replace(",", "") + (fraction or ""))
    except InvalidOperation:
        return None
    if multiplier:
        value *= _MULTIPLIERS[multiplier.lower()]
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def parse_salary(text: str) -> Salary | None:
    """Pay as boards write it → Salary; None if there is no amount.

    "$250,000 - $300,000 per year" → 250000–300000 year USD; "$150/hr" → 150–150 hour;
    "250K–300K" → 250000–300000 year (by size); "Up to $400k" → None–400000;
    "From $200/hour" → 200–None.
    """
    matches = list(_AMOUNT.finditer(text))
    if not matches:
        return None
    currency = next((code for code, pattern in _CURRENCIES if pattern.search(text)), "")
    unit = salary_unit(text)
    first = matches[0]
    second = matches[1] if len(matches) > 1 else None
    low = _amount(first)
    if second is not None and _RANGE_BETWEEN.match(text[first.end() : second.start()]):
        high = _amount(second)
        # "250-300K": the multiplier written once applies to both ends.
        if second.group(3) and not first.group(3) and low is not None and high is not None:
            multiplied = low * _MULTIPLIERS[second.group(3).lower()]
            low = multiplied.quantize(Decimal(1)) if multiplied % 1 == 0 else multiplied
        minimum, maximum = low, high
    else:
        before = text[: first.start()].rstrip(" $€£")
        after = text[first.end() :]
        if _UP_TO.search(before):
            minimum, maximum = None, low
        elif _AT_LEAST.search(before) or re.match(r"\s*\+", after):
            minimum, maximum = low, None
        else:
            minimum, maximum = low, low
    if minimum is not None and maximum is not None and minimum > maximum:
        minimum, maximum = maximum, minimum
    if not unit:
        unit = guess_unit(maximum if maximum is not None else minimum or Decimal(0))
    return Salary(minimum=minimum, maximum=maximum, unit=unit, currency=currency)
