"""Inferred ties: people who probably know each other, from their shared history.

Pure rules over plain records; the caller reads them from the database. Every inferred
tie carries its evidence in words and a strength guess on the recorded scale (1–5). They
are weaker than recorded ties (``intros.cost`` charges more for them) and are never shown
as known.

Rules, within one organization:
- trained together: a residency or fellowship program (organization kind), or any
  affiliation of kind training, with overlapping years;
- classmates: a medical school (organization kind, unless the affiliation is a job there)
  or any affiliation of kind education, with graduation (end) years at most one apart;
- worked together: employment with overlapping years.
Memberships elsewhere (a society of thousands) say nothing about knowing each other.
Years are inclusive; an affiliation without an end year is current and lasts until
``current_year``; one without a start year started in its end year. An affiliation with
no years at all is taken as current this year; a school record without a graduation year
is left out.

Outside organizations: an introduction (someone introduced the user to a contact, so they
know each other) and taking part in the same interaction are inputs too, as pairs.

Efficiency: records are grouped by organization and rule, sorted by year and swept, so
the work grows with the number of records, not with the square of the people. In a giant
group (a hospital where hundreds overlap) each record is paired with at most
``max_peers`` others (default MAX_PEERS = 25): the ones whose start (or graduation)
years are nearest to its own, the likeliest to have met. So at most
records x max_peers pairs come out: about 375,000 for 5,000 people with 3 affiliations
each, and far fewer on real networks.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "MAX_PEERS",
    "AffiliationRecord",
    "InferredKind",
    "InferredTie",
    "infer_from_affiliations",
    "infer_from_co_participants",
    "infer_from_introductions",
]

MAX_PEERS = 25
SMALL_GROUP = 20  # a practice or program this small (in the network) means people met

EDUCATION = "education"
TRAINING = "training"
EMPLOYMENT = "employment"
MEDICAL_SCHOOL = "medical_school"
TRAINING_PROGRAMS = frozenset({"residency_program", "fellowship_program"})


class InferredKind(StrEnum):
    WORKED_TOGETHER = "worked_together"
    TRAINED_TOGETHER = "trained_together"
    CLASSMATES = "classmates"
    INTRODUCED = "introduced"
    MET_TOGETHER = "met_together"


@dataclass(frozen=True, slots=True)
class AffiliationRecord:
    """One person's school, program, job or membership, as the rules need it."""

    person_id: int
    organization_id: int
    organization_name: str
    organization_kind: str
    affiliation_kind: str  # education, training, employment or membership
    start_year: int | None
    end_year: int | None
    role: str = ""


@dataclass(frozen=True, slots=True)
class InferredTie:
    """Two people (person_a < person_b) who probably know each other, and why."""

    person_a: int
    person_b: int
    kind: InferredKind
    evidence: str
    strength: int
    organization_id: int | None = None


@dataclass(frozen=True, slots=True)
class _Span:
    person_id: int
    start: int
    end: int
    is_current: bool


def infer_from_affiliations(
    records: Iterable[AffiliationRecord], *, current_year: int, max_peers: int = MAX_PEERS
) -> list[InferredTie]:
    """Ties from shared schools, programs and employers, one per pair, kind and place."""
    if max_peers < 1:
        raise ValueError("max_peers must be at least 1.")
    groups: defaultdict[tuple[int, InferredKind], list[AffiliationRecord]] = defaultdict(list)
    for record in records:
        kind = _rule(record)
        if kind is not None:
            groups[record.organization_id, kind].append(record)
    found: dict[tuple[int, int, InferredKind, int], InferredTie] = {}
    for (organization_id, kind), group in groups.items():
        name = group[0].organization_name
        if kind is InferredKind.CLASSMATES:
            ties = _classmates(group, name, max_peers)
        else:
            ties = _overlaps(group, kind, name, current_year, max_peers)
        for tie in ties:
            key = (tie.person_a, tie.person_b, kind, organization_id)
            if key not in found or tie.strength > found[key].strength:
                found[key] = tie
    return sorted(found.values(), key=_order)


def infer_from_introductions(
    pairs: Iterable[tuple[int, int]], *, names: Mapping[int, str] | None = None
) -> list[InferredTie]:
    """Ties from (contact, introduced by) pairs: whoever introduced the two knows them."""
    found: dict[tuple[int, int], InferredTie] = {}
    for contact, introducer in pairs:
        if contact == introducer:
            continue
        a, b = sorted((contact, introducer))
        if names and contact in names and introducer in names:
            evidence = f"{names[introducer]} introduced you to {names[contact]}"
        else:
            evidence = "one of them introduced you to the other"
        found.setdefault((a, b), InferredTie(a, b, InferredKind.INTRODUCED, evidence, 3))
    return sorted(found.values(), key=_order)


def infer_from_co_participants(pairs: Iterable[tuple[int, int]]) -> list[InferredTie]:
    """Ties from pairs of people in the same interaction, one pair per interaction."""
    counts = Counter(tuple(sorted(pair)) for pair in pairs if pair[0] != pair[1])
    ties = [
        InferredTie(
            a,
            b,
            InferredKind.MET_TOGETHER,
            f"together in {n} logged interaction{'s' if n > 1 else ''}",
            2 if n == 1 else 3,
        )
        for (a, b), n in counts.items()
    ]
    return sorted(ties, key=_order)


def _rule(record: AffiliationRecord) -> InferredKind | None:
    if record.organization_kind in TRAINING_PROGRAMS or record.affiliation_kind == TRAINING:
        return InferredKind.TRAINED_TOGETHER
    if record.affiliation_kind == EDUCATION or (
        record.organization_kind == MEDICAL_SCHOOL and record.affiliation_kind != EMPLOYMENT
    ):
        return InferredKind.CLASSMATES
    if record.affiliation_kind == EMPLOYMENT:
        return InferredKind.WORKED_TOGETHER
    return None


def _span(record: AffiliationRecord, current_year: int) -> _Span | None:
    end = record.end_year if record.end_year is not None else current_year
    start = record.start_year if record.start_year is not None else end
    if start > end:
        return None  # starts in the future, or the years are reversed
    return _Span(record.person_id, start, end, record.end_year is None)


def _overlaps(
    group: list[AffiliationRecord],
    kind: InferredKind,
    name: str,
    current_year: int,
    max_peers: int,
) -> Iterable[InferredTie]:
    """Pairs whose years overlap: a sweep in start order over the spans still going on."""
    spans = sorted(
        (span for record in group if (span := _span(record, current_year)) is not None),
        key=lambda s: (s.start, s.end, s.person_id),
    )
    small = len({s.person_id for s in spans}) <= SMALL_GROUP
    verb = "trained together" if kind is InferredKind.TRAINED_TOGETHER else "worked together"
    # _overlap_strength for this group, as a table: n_years → strength is a step at `step`.
    step = 2 if kind is InferredKind.TRAINED_TOGETHER else 3
    short = _overlap_strength(kind, 1, small=small)
    long = _overlap_strength(kind, step, small=small)
    organization_id = group[0].organization_id
    active: list[_Span | None] = []  # in start order; None once it has ended
    ending: list[tuple[int, int]] = []  # (end year, position in active)
    n_ended = 0
    for span in spans:
        while ending and ending[0][0] < span.start:
            _, position = heapq.heappop(ending)
            active[position] = None
            n_ended += 1
        if n_ended > max_peers:  # compact now and then, so the scan below stays short
            active = [s for s in active if s is not None]
            ending = [(s.end, i) for i, s in enumerate(active) if s is not None]
            heapq.heapify(ending)
            n_ended = 0
        peers = 0
        for other in reversed(active):
            if peers == max_peers:
                break
            if other is None or other.person_id == span.person_id:
                continue
            peers += 1
            lo, hi = span.start, min(span.end, other.end)
            if span.is_current and other.is_current:
                years = f"since {lo}"
            else:
                years = f"{lo}–{hi}" if hi > lo else f"in {lo}"
            a, b = (
                (span.person_id, other.person_id)
                if span.person_id < other.person_id
                else (other.person_id, span.person_id)
            )
            strength = long if hi - lo + 1 >= step else short
            yield InferredTie(a, b, kind, f"{verb} at {name} {years}", strength, organization_id)
        heapq.heappush(ending, (span.end, len(active)))
        active.append(span)


def _overlap_strength(kind: InferredKind, n_years: int, *, small: bool) -> int:
    """Residents share long days for years; colleagues may barely meet. Small groups +1."""
    if kind is InferredKind.TRAINED_TOGETHER:
        strength = 3 if n_years >= 2 else 2
    else:
        strength = 2 if n_years >= 3 else 1
    return strength + small


def _classmates(group: list[AffiliationRecord], name: str, max_peers: int) -> Iterable[InferredTie]:
    """Pairs whose graduation years are at most one apart, nearest classes first."""
    graduates = sorted((r.end_year, r.person_id) for r in group if r.end_year is not None)
    for i, (year, person) in enumerate(graduates):
        peers = 0
        for j in range(i - 1, -1, -1):
            other_year, other = graduates[j]
            if year - other_year > 1 or peers == max_peers:
                break
            if other == person:
                continue
            peers += 1
            a, b = sorted((person, other))
            classes = str(year) if other_year == year else f"{other_year}/{year}"
            yield InferredTie(
                a,
                b,
                InferredKind.CLASSMATES,
                f"classmates at {name} (class of {classes})",
                3 if other_year == year else 2,
                group[0].organization_id,
            )


def _order(tie: InferredTie) -> tuple[int, int, str, int]:
    # The kind is a str already (StrEnum): reading .value would cost an enum lookup per tie.
    return (tie.person_a, tie.person_b, tie.kind, tie.organization_id or 0)
