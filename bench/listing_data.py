"""Synthetic job listings for the listing-search benchmark: realistic text, real places.

Titles come from the specialty vocabulary; places are real US ZIP centroids (the zipcodes
package), so listings crowd where ZIP codes crowd, as jobs crowd where people live.
Descriptions are 8 to 14 sentences drawn from a bank written the way boards write, so that
common words are common ("patients" in 98 listings out of 100, "call" in about 40);
each listing also names two or three "rare" words (procedures, programs, local names) drawn
with a Zipf law from a vocabulary of 20,000 made-up words, so that most of them are rare.
Rows go in with one executemany per 5,000 listings, then `listing_index` indexes them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import zipcodes

from curbside.opportunities.classify import POSITION_TYPES, PRACTICE_SETTINGS, SPECIALTIES

SPECIALTY_KEYS = list(SPECIALTIES)
SETTING_KEYS = list(PRACTICE_SETTINGS)
POSITION_KEYS = list(POSITION_TYPES)
ROLES = ["Physician", "Staff Physician", "Attending", "Medical Director", "Associate", "Lead"]
EMPLOYER_KINDS = [
    "Health",
    "Medical Group",
    "Regional Medical Center",
    "Clinic",
    "Physicians",
    "University Hospital",
    "Community Hospital",
    "Health Partners",
]
SENTENCES = [
    "Join a collegial team caring for patients in a modern facility.",
    "Our patients come from a diverse community with complex needs.",
    "We offer a competitive salary with a signing bonus and relocation assistance.",
    "The call schedule is shared equally among partners, about one in six weekends.",
    "Loan repayment is available for qualified candidates.",
    "Enjoy outdoor recreation, good schools and a low cost of living.",
    "The hospital is a level II trauma center with a busy emergency department.",
    "Full benefits include health, dental, malpractice with tail coverage and CME.",
    "You will see about twenty patients a day in a well-staffed outpatient clinic.",
    "Advanced practice providers support the physicians on every shift.",
    "Teaching opportunities with residents and medical students are available.",
    "The practice uses Epic and has dedicated scribes for every physician.",
    "Flexible scheduling with seven on, seven off is possible.",
    "Candidates must be board certified or board eligible.",
    "J-1 waiver and H-1B visa sponsorship may be considered.",
    "Partnership track after two years with productivity incentives.",
    "Our mission is to deliver compassionate care to every patient.",
    "Patients value continuity, and so do we.",
    "The group has grown steadily for twenty years and values work-life balance.",
    "An academic appointment at the affiliated medical school is possible.",
    "Research time is protected for faculty with funded projects.",
    "Telemedicine visits complement in-person care for rural patients.",
    "The new tower opened last year with private rooms and an intensive care unit.",
    "Physicians lead quality improvement with strong administrative support.",
]
COMMON_SENTENCE = 0  # four listings in five open with it; other sentences name patients too
REQUIREMENTS = [
    "MD or DO from an accredited school.",
    "Board certification in the specialty.",
    "Active state license or eligibility.",
    "Current DEA registration.",
    "Completion of an accredited residency program.",
    "Fellowship training preferred.",
]
VISAS = ["J-1 waiver", "H-1B", "J-1 waiver, H-1B", "Visa sponsorship"]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ther",
    "vex",
    "qua",
    "ron",
    "sil",
    "dra",
    "phe",
    "zu",
    "nor",
    "bel",
    "tri",
    "gan",
    "cos",
    "mur",
    "plen",
    "yad",
    "fis",
    "xen",
    "ob",
    "ul",
    "ast",
]
N_RARE = 20_000


@dataclass(frozen=True)
class Place:
    city: str
    state: str
    zip_code: str
    latitude: float
    longitude: float


def places() -> list[Place]:
    """Every standard ZIP code of the 50 states and DC with its centroid."""
    found = []
    for row in zipcodes.filter_by(zip_code_type="STANDARD"):
        latitude, longitude = float(row["lat"]), float(row["long"])
        if row["state"] in {"PR", "GU", "VI", "AS", "MP", "AA", "AE", "AP"} or not latitude:
            continue
        found.append(Place(row["city"], row["state"], row["zip_code"], latitude, longitude))
    return found


def rare_words(seed: int = 7) -> list[str]:
    """20,000 made-up words of three or four syllables, distinct from the bank's words."""
    rng = random.Random(seed)
    words: set[str] = set()
    while len(words) < N_RARE:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((3, 4)))))
    return sorted(words)


def zipf_weights(n: int, exponent: float = 1.05) -> list[float]:
    return [1 / (rank**exponent) for rank in range(1, n + 1)]


COLUMNS = (
    "source", "external_id", "url", "title", "employer", "description", "requirements",
    "specialty", "practice_setting", "position_type", "city", "state", "zip_code", "country",
    "latitude", "longitude", "is_remote", "salary_min", "salary_max", "salary_unit",
    "currency", "visa_sponsorship", "posted_on", "expires_on", "created_at", "updated_at",
)  # fmt: skip


def rows(n: int, *, today: date, seed: int, start: int = 0) -> Iterator[tuple[object, ...]]:
    """n listings as tuples of COLUMNS; listing i is the same for any n (same seed)."""
    rng = random.Random(seed)
    all_places = places()
    rare = rare_words()
    cumulative = list(_accumulate(zipf_weights(len(rare))))
    now = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    for i in range(start, start + n):
        specialty = rng.choice(SPECIALTY_KEYS)
        label = SPECIALTIES[specialty]
        place = rng.choice(all_places)
        sentences = rng.sample(SENTENCES[1:], rng.randint(7, 12))
        if rng.random() < 0.8:
            sentences.insert(0, SENTENCES[COMMON_SENTENCE])
        rare_picked = rng.choices(rare, cum_weights=cumulative, k=rng.randint(2, 3))
        sentences.append(f"Experience with {' and '.join(rare_picked)} is welcome.")
        hourly = rng.random() < 0.15
        base = rng.randrange(180, 650) * 1000
        low = round(base / 2080) if hourly else base
        high = round(low * rng.uniform(1.05, 1.4))
        roll = rng.random()
        expires = (
            None
            if roll < 0.7
            else today + timedelta(days=rng.randint(1, 120))
            if roll < 0.9
            else today - timedelta(days=rng.randint(1, 60))
        )
        created = now - timedelta(minutes=rng.randint(0, 180 * 24 * 60))
        yield (
            "Synthetic board",
            f"syn-{i}",
            f"https://jobs.example.org/{i}",
            f"{label} {rng.choice(ROLES)}",
            f"{place.city.title()} {rng.choice(EMPLOYER_KINDS)}",
            " ".join(sentences),
            " ".join(rng.sample(REQUIREMENTS, 3)),
            specialty,
            rng.choice(SETTING_KEYS),
            rng.choice(POSITION_KEYS),
            place.city.title(),
            place.state,
            place.zip_code,
            "US",
            place.latitude,
            place.longitude,
            False,
            low if rng.random() < 0.85 else None,
            high if rng.random() < 0.85 else None,
            "hour" if hourly else "year",
            "USD",
            rng.choice(VISAS) if rng.random() < 0.2 else "",
            created.date(),
            expires,
            created,
            created,
        )


def _accumulate(weights: list[float]) -> Iterator[float]:
    total = 0.0
    for weight in weights:
        total += weight
        yield total
