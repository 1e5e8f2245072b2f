"""Common ground with a contact, and latent connections (the map is in `network_map`).

Every function takes the owner first and runs a fixed number of queries, whatever the
size of the network.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from rapidfuzz import fuzz

from curbside.intros.inference import (
    AffiliationRecord,
    infer_from_affiliations,
)
from curbside.network.models import Affiliation, Contact, Tie

if TYPE_CHECKING:
    from curbside.accounts.models import User

__all__ = [
    "CommonGround",
    "LatentConnection",
    "MutualContact",
    "SharedPlace",
    "common_ground",
    "latent_connection_get",
    "latent_connections",
    "person_name",
    "shared_terms",
    "split_terms",
]

EDUCATION = Affiliation.Kind.EDUCATION.value
TRAINING = Affiliation.Kind.TRAINING.value
EMPLOYMENT = Affiliation.Kind.EMPLOYMENT.value
MEMBERSHIP = Affiliation.Kind.MEMBERSHIP.value
MIXED = "mixed"  # both have been there, in different capacities (one trained, one worked)
TERM_MATCH = 90  # rapidfuzz token_sort_ratio at or above which two terms are the same
MUTUALS_NAMED = 3  # mutual contacts named in the summary before "and N others"
PHYSICIAN_CREDENTIALS = frozenset({"MD", "DO", "MBBS", "MBCHB"})


@dataclass(frozen=True, slots=True)
class SharedPlace:
    """An organization both people have been at. `kind` is the affiliation kind both share
    (education, training, employment, membership) or "mixed"."""

    organization_id: int
    organization_name: str
    kind: str
    my_years: str
    their_years: str
    overlap_years: str  # "" when none
    is_overlapping: bool


@dataclass(frozen=True, slots=True)
class MutualContact:
    contact: Contact
    my_strength: int
    their_strength: int


@dataclass(frozen=True, slots=True)
class CommonGround:
    """What the user shares with a contact, for the contact's page and intro drafts."""

    schools: tuple[SharedPlace, ...]
    programs: tuple[SharedPlace, ...]
    employers: tuple[SharedPlace, ...]
    research_interests: tuple[str, ...]
    procedures: tuple[str, ...]
    mutual_contacts: tuple[MutualContact, ...]
    memberships: tuple[SharedPlace, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (
            self.schools
            or self.programs
            or self.employers
            or self.research_interests
            or self.procedures
            or self.mutual_contacts
            or self.memberships
        )

    def summary_phrases(self) -> list[str]:
        """Short phrases for a message: overlapping history first, then shared interests."""
        places = sorted(
            [*self.schools, *self.programs, *self.employers],
            key=lambda place: not place.is_overlapping,
        )
        phrases = [_place_phrase(place) for place in places]
        if self.research_interests:
            phrases.append(f"we share an interest in {_and_join(self.research_interests)}")
        if self.procedures:
            phrases.append(f"we both perform {_and_join(self.procedures)}")
        if self.mutual_contacts:
            names = [person_name(m.contact) for m in self.mutual_contacts[:MUTUALS_NAMED]]
            rest = len(self.mutual_contacts) - len(names)
            if rest:
                names.append(f"{rest} other{'s' if rest > 1 else ''}")
            phrases.append(f"we both know {_and_join(names)}")
        phrases.extend(
            f"we are both members of {place.organization_name}" for place in self.memberships
        )
        return phrases


def person_name(contact: Contact) -> str:
    """The name to use in a sentence: "Dr. Jane Roe" for a physician."""
    if contact.honorific:
        return f"{contact.honorific} {contact.full_name}"
    credentials = {c.strip().upper().replace(".", "") for c in contact.credentials.split(",")}
    credentials = {part for c in credentials for part in c.split()}
    return f"Dr. {contact.full_name}" if credentials & PHYSICIAN_CREDENTIALS else contact.full_name


def _and_join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _place_phrase(place: SharedPlace) -> str:
    name = place.organization_name
    years = f" (you {place.their_years}, me {place.my_years})"
    if not (place.my_years and place.their_years):
        years = ""
    if place.kind == EDUCATION:
        if place.is_overlapping and place.my_years == place.their_years:
            return f"we were classmates at {name} (class of {place.my_years})"
        if place.is_overlapping:
            return f"we were at {name} together (classes of {place.overlap_years})"
        classes = f" (you class of {place.their_years}, me {place.my_years})" if years else ""
        return f"we both studied at {name}{classes}"
    if place.kind == TRAINING:
        return f"we both trained at {name}{years}"
    if place.kind == EMPLOYMENT:
        return f"we both worked at {name}{years}"
    return f"we have both been at {name}{years}"


# Years ---------------------------------------------------------------------------------


def _span(affiliation: Affiliation, current_year: int) -> tuple[int, int] | None:
    """Inclusive years, as intros.inference reads them: open-ended means until now."""
    end = affiliation.end_year if affiliation.end_year is not None else current_year
    start = affiliation.start_year if affiliation.start_year is not None else end
    return (start, end) if start <= end else None


def _years(kind: str, affiliations: Sequence[Affiliation]) -> str:
    if kind == EDUCATION:
        years = sorted({str(a.end_year) for a in affiliations if a.end_year})
        return ", ".join(years)
    return ", ".join(a.years for a in affiliations if a.years)


def _overlap(
    kind: str, mine: Sequence[Affiliation], theirs: Sequence[Affiliation], current_year: int
) -> str:
    """The years both were there ("" when none); classes at most a year apart for schools."""
    if kind == EDUCATION:
        pairs = sorted(
            (abs(a.end_year - b.end_year), a.end_year, b.end_year)
            for a in mine
            for b in theirs
            if a.end_year and b.end_year and abs(a.end_year - b.end_year) <= 1
        )
        if not pairs:
            return ""
        _, my_class, their_class = pairs[0]
        low, high = sorted((my_class, their_class))
        return str(low) if low == high else f"{low} and {high}"
    best: tuple[int, int, int] | None = None
    for a in mine:
        for b in theirs:
            span_a, span_b = _span(a, current_year), _span(b, current_year)
            if span_a is None or span_b is None:
                continue
            low, high = max(span_a[0], span_b[0]), min(span_a[1], span_b[1])
            if low <= high and (best is None or high - low > best[0]):
                is_current = a.end_year is None and b.end_year is None
                best = (high - low, low, -1 if is_current else high)
    if best is None:
        return ""
    _, low, high = best
    if high == -1:
        return f"{low}–present"
    return str(low) if low == high else f"{low}–{high}"


def _shared_places(
    mine: Iterable[Affiliation], theirs: Iterable[Affiliation], current_year: int
) -> dict[str, list[SharedPlace]]:
    """Organizations both have affiliations with, by the kind they share."""
    by_org_mine: defaultdict[int, list[Affiliation]] = defaultdict(list)
    by_org_theirs: defaultdict[int, list[Affiliation]] = defaultdict(list)
    for affiliation in mine:
        by_org_mine[affiliation.organization_id].append(affiliation)
    for affiliation in theirs:
        by_org_theirs[affiliation.organization_id].append(affiliation)
    places: dict[str, list[SharedPlace]] = defaultdict(list)
    for organization_id in sorted(by_org_mine.keys() & by_org_theirs.keys()):
        my_rows, their_rows = by_org_mine[organization_id], by_org_theirs[organization_id]
        name = my_rows[0].organization.name
        kinds = {a.kind for a in my_rows} & {a.kind for a in their_rows}
        groups = [
            (
                kind,
                [a for a in my_rows if a.kind == kind],
                [a for a in their_rows if a.kind == kind],
            )
            for kind in (EDUCATION, TRAINING, EMPLOYMENT, MEMBERSHIP)
            if kind in kinds
        ] or [(MIXED, my_rows, their_rows)]
        for kind, my_group, their_group in groups:
            overlap = _overlap(kind, my_group, their_group, current_year)
            places[kind].append(
                SharedPlace(
                    organization_id=organization_id,
                    organization_name=name,
                    kind=kind,
                    my_years=_years(kind, my_group),
                    their_years=_years(kind, their_group),
                    overlap_years=overlap,
                    is_overlapping=bool(overlap),
                )
            )
    for kind_places in places.values():
        kind_places.sort(key=lambda p: (not p.is_overlapping, p.organization_name.lower()))
    return places


# Free-text terms -------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[,;\n\r]+")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCTUATION = " .:-–—•*()[]\"'"


def split_terms(text: str) -> list[str]:
    """Comma, semicolon or newline separated terms, trimmed, without duplicates."""
    terms: dict[str, str] = {}
    for raw in _SEPARATORS.split(text):
        term = _SPACES.sub(" ", raw).strip(_EDGE_PUNCTUATION)
        if term:
            terms.setdefault(_normalised(term), term)
    return list(terms.values())


def _normalised(term: str) -> str:
    term = term.casefold().replace("-", " ").replace("&", " and ")
    return _SPACES.sub(" ", term).strip(_EDGE_PUNCTUATION)


def shared_terms(mine: str, theirs: str) -> tuple[str, ...]:
    """Terms in both texts (in the user's own words), matched case-insensitively and with
    rapidfuzz so that "Point of care ultrasound" meets "point-of-care ultrasound"."""
    their_terms = [_normalised(t) for t in split_terms(theirs)]
    shared = []
    for term in split_terms(mine):
        key = _normalised(term)
        if any(
            key == other or fuzz.token_sort_ratio(key, other) >= TERM_MATCH for other in their_terms
        ):
            shared.append(term)
    return tuple(shared)


# Selector ------------------------------------------------------------------------------


def common_ground(*, owner: User, contact: Contact) -> CommonGround:
    """What the user's self contact shares with `contact`. Three queries: the self contact,
    both people's affiliations, and the ties of the contact plus the self's ties to them."""
    me = Contact.objects.filter(owner=owner, is_self=True).first()
    if me is None or contact.owner_id != owner.pk or contact.pk == me.pk:
        return CommonGround((), (), (), (), (), ())
    current_year = timezone.localdate().year
    affiliations = (
        Affiliation.objects.filter(owner=owner, contact_id__in=(me.pk, contact.pk))
        .select_related("organization")
        .order_by("start_year", "end_year", "pk")
    )
    mine = [a for a in affiliations if a.contact_id == me.pk]
    theirs = [a for a in affiliations if a.contact_id == contact.pk]
    places = _shared_places(mine, theirs, current_year)
    return CommonGround(
        schools=tuple(places.get(EDUCATION, ())),
        programs=tuple(places.get(TRAINING, ())),
        employers=(*places.get(EMPLOYMENT, ()), *places.get(MIXED, ())),
        research_interests=shared_terms(me.research_interests, contact.research_interests),
        procedures=shared_terms(me.procedures, contact.procedures),
        mutual_contacts=_mutual_contacts(owner, me, contact),
        memberships=tuple(places.get(MEMBERSHIP, ())),
    )


def _mutual_contacts(owner: User, me: Contact, contact: Contact) -> tuple[MutualContact, ...]:
    """People with a recorded tie to both, strongest first (by the weaker of the two ties).

    One query: the contact's ties, and the self's ties to the contact's neighbours only
    (so a network of thousands does not load every self tie)."""
    neighbours_a = Tie.objects.filter(owner=owner, person_b=contact).values("person_a")
    neighbours_b = Tie.objects.filter(owner=owner, person_a=contact).values("person_b")
    ties = (
        Tie.objects.filter(owner=owner)
        .filter(
            Q(person_a=contact)
            | Q(person_b=contact)
            | (Q(person_a=me) & (Q(person_b__in=neighbours_a) | Q(person_b__in=neighbours_b)))
            | (Q(person_b=me) & (Q(person_a__in=neighbours_a) | Q(person_a__in=neighbours_b)))
        )
        .select_related("person_a", "person_b")
    )
    theirs: dict[int, int] = {}
    mine: dict[int, int] = {}
    people: dict[int, Contact] = {}
    for tie in ties:
        if contact.pk in (tie.person_a_id, tie.person_b_id):
            other = tie.other(contact.pk)
            theirs[other.pk] = tie.strength
            people[other.pk] = other
        if me.pk in (tie.person_a_id, tie.person_b_id):
            mine[tie.other(me.pk).pk] = tie.strength
    mutuals = [
        MutualContact(people[pk], mine[pk], theirs[pk])
        for pk in theirs.keys() & mine.keys()
        if pk not in (me.pk, contact.pk)
    ]
    mutuals.sort(
        key=lambda m: (
            -min(m.my_strength, m.their_strength),
            -(m.my_strength + m.their_strength),
            m.contact.full_name.lower(),
            m.contact.pk,
        )
    )
    return tuple(mutuals)


# Latent connections --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LatentConnection:
    """A contact the user never recorded as known but shares history with, and why."""

    contact: Contact
    evidence: tuple[str, ...]  # "trained together at Denver Health 2017–2019", best first
    strength: int  # the strongest inferred tie's guess on the 1–5 scale
    kinds: tuple[str, ...]  # classmates, trained_together, worked_together


def latent_connections(*, owner: User) -> list[LatentConnection]:
    """Contacts with no tie to the user's self who went to school (class ±1 year), trained
    or worked (overlapping years) where the user did; strongest evidence first. One query."""
    return _latent(owner, contact_id=None)


def latent_connection_get(*, owner: User, contact: Contact) -> LatentConnection | None:
    """The latent connection with one contact, or None (already known, or nothing shared)."""
    found = _latent(owner, contact_id=contact.pk)
    return found[0] if found else None


def _latent(owner: User, *, contact_id: int | None) -> list[LatentConnection]:
    me = Contact.objects.filter(owner=owner, is_self=True).values("pk")[:1]
    my_places = Affiliation.objects.filter(owner=owner, contact__is_self=True)
    known = Tie.objects.filter(owner=owner).filter(
        Q(person_a=Subquery(me), person_b=OuterRef("contact_id"))
        | Q(person_b=Subquery(me), person_a=OuterRef("contact_id"))
    )
    # The self's own affiliations come back too (they are at the same places): the rules
    # compare each person's records with them.
    rows = (
        Affiliation.objects.filter(
            owner=owner, organization_id__in=my_places.values("organization_id")
        )
        .filter(~Exists(known))
        .select_related("contact", "organization")
        .order_by("contact_id", "pk")
    )
    if contact_id is not None:
        rows = rows.filter(Q(contact_id=contact_id) | Q(contact__is_self=True))
    mine: list[AffiliationRecord] = []
    theirs: defaultdict[int, list[AffiliationRecord]] = defaultdict(list)
    people: dict[int, Contact] = {}
    for row in rows:
        record = AffiliationRecord(
            person_id=row.contact_id,
            organization_id=row.organization_id,
            organization_name=row.organization.name,
            organization_kind=row.organization.kind,
            affiliation_kind=row.kind,
            start_year=row.start_year,
            end_year=row.end_year,
            role=row.role,
        )
        if row.contact.is_self:
            mine.append(record)
        else:
            theirs[row.contact_id].append(record)
            people[row.contact_id] = row.contact
    current_year = timezone.localdate().year
    found = []
    # One small inference per person (the user's records and theirs): only pairs with the
    # user matter here, and a hospital's hundreds of colleagues are never paired together.
    for person_id, records in theirs.items():
        ties = infer_from_affiliations(
            [*mine, *records], current_year=current_year, max_peers=len(mine) + len(records)
        )
        if not ties:
            continue
        ties.sort(key=lambda t: (-t.strength, t.evidence))
        found.append(
            LatentConnection(
                contact=people[person_id],
                evidence=tuple(dict.fromkeys(t.evidence for t in ties)),
                strength=ties[0].strength,
                kinds=tuple(dict.fromkeys(t.kind.value for t in ties)),
            )
        )
    found.sort(
        key=lambda c: (
            -c.strength,
            -len(c.evidence),
            c.contact.last_name.lower(),
            c.contact.full_name.lower(),
            c.contact.pk,
        )
    )
    return found
