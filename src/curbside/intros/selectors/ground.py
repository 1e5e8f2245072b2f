"""Common ground with a contact, latent connections and the network map.

Every function takes the owner first and runs a fixed number of queries, whatever the
size of the network.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from rapidfuzz import fuzz

from curbside.intros.inference import (
    AffiliationRecord,
    infer_from_affiliations,
    infer_from_introductions,
)
from curbside.intros.svg import MapEdge, MapNode
from curbside.network.models import Affiliation, Contact, Organization, Tie

if TYPE_CHECKING:
    from curbside.accounts.models import User

__all__ = [
    "CommonGround",
    "LatentConnection",
    "MutualContact",
    "NetworkMap",
    "SharedPlace",
    "common_ground",
    "latent_connection_get",
    "latent_connections",
    "network_map",
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


# The network map -----------------------------------------------------------------------

MAP_LIMIT = 200
MAP_ORGANIZATIONS = 25  # organizations drawn: those most shown people are affiliated with
MAP_INFERRED = 150  # inferred ties drawn at most, strongest first


@dataclass(frozen=True, slots=True)
class NetworkMap:
    """The user's neighbourhood, ready to draw: node 0 is the user's self contact."""

    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    contacts: tuple[Contact, ...]  # the people shown, self first, strongest ties next
    chain: tuple[Contact, ...]  # the highlighted chain, self first ("" when none)
    n_matching: int  # contacts matching the filters
    n_left_out: int  # of those, not drawn (beyond the limit)


def network_map(
    *,
    owner: User,
    organization: Organization | None = None,
    tag: str | None = None,
    specialty: str | None = None,
    limit: int = MAP_LIMIT,
    chain: Sequence[int] = (),
) -> NetworkMap:
    """The self, the `limit` closest contacts matching the filters (strongest tie first) and
    the people of `chain` (contact ids from the self, checked against the owner), with the
    ties among them, inferred ties and the organizations they share.

    Six queries (five without a chain): the self, the contacts with their tie strength,
    their count, the chain's people, the ties among everyone shown, their affiliations with
    organizations."""
    from curbside.network import selectors as network_selectors

    me = Contact.objects.filter(owner=owner, is_self=True).first()
    if me is None:
        return NetworkMap((), (), (), (), 0, 0)
    matching = network_selectors.contact_list(
        owner=owner,
        tag=tag or "",
        specialty=specialty or "",
        organization_id=organization.pk if organization else None,
        sort="strength",
    ).prefetch_related(None)
    shown = list(matching[: max(limit, 0)])
    n_matching = matching.count()
    chain_people = _chain_people(owner, me, chain)
    people = {me.pk: me} | {c.pk: c for c in shown}
    for person in chain_people:
        people.setdefault(person.pk, person)
    ids = list(people)
    ties = list(
        Tie.objects.filter(owner=owner, person_a_id__in=ids, person_b_id__in=ids).only(
            "person_a_id", "person_b_id", "strength", "context"
        )
    )
    affiliations = list(
        Affiliation.objects.filter(owner=owner, contact_id__in=ids).select_related("organization")
    )
    nodes, edges = _map_drawing(me, list(people.values()), ties, affiliations, chain_people)
    return NetworkMap(
        nodes=nodes,
        edges=edges,
        contacts=tuple(people.values()),
        chain=tuple(chain_people),
        n_matching=n_matching,
        n_left_out=max(n_matching - len(shown), 0),
    )


def _chain_people(owner: User, me: Contact, chain: Sequence[int]) -> list[Contact]:
    """The chain's people in order, or none when it is not a chain of the owner's own
    people starting with the self."""
    if len(chain) < 2 or chain[0] != me.pk or len(set(chain)) != len(chain):
        return []
    found = {c.pk: c for c in Contact.objects.filter(owner=owner, pk__in=chain[1:])}
    if len(found) != len(chain) - 1:
        return []
    return [me, *(found[pk] for pk in chain[1:])]


def _map_drawing(
    me: Contact,
    people: list[Contact],
    ties: list[Tie],
    affiliations: list[Affiliation],
    chain: list[Contact],
) -> tuple[tuple[MapNode, ...], tuple[MapEdge, ...]]:
    on_chain = {c.pk for c in chain}
    chain_pairs = {frozenset((a.pk, b.pk)) for a, b in pairwise(chain)}
    index = {person.pk: i for i, person in enumerate(people)}
    nodes = [
        MapNode(
            kind="self" if person.pk == me.pk else "contact",
            label="You" if person.pk == me.pk else _map_label(person),
            title=_map_title(person, me),
            href=(
                reverse("network:contact_detail", args=[person.pk])
                if person.pk == me.pk
                else f"{reverse('intros:map')}?to_contact={person.pk}"
            ),
            is_on_chain=person.pk in on_chain,
        )
        for person in people
    ]
    edges: list[MapEdge] = []
    known: set[frozenset[int]] = set()
    names = {person.pk: person.full_name for person in people}
    for tie in ties:
        pair = frozenset((tie.person_a_id, tie.person_b_id))
        known.add(pair)
        a, b = names[tie.person_a_id], names[tie.person_b_id]
        if me.pk in pair:
            words = f"You know {b if tie.person_a_id == me.pk else a}: {tie.strength}/5"
        else:
            words = f"{a} knows {b}: {tie.strength}/5"
        edges.append(
            MapEdge(
                index[tie.person_a_id],
                index[tie.person_b_id],
                "recorded",
                tie.strength,
                words + (f" ({tie.context})" if tie.context else ""),
                is_on_chain=pair in chain_pairs,
            )
        )
    # Organizations shared by at least two people drawn (or on the chain), most shared first.
    members: defaultdict[int, set[int]] = defaultdict(set)
    organizations: dict[int, Organization] = {}
    for affiliation in affiliations:
        members[affiliation.organization_id].add(affiliation.contact_id)
        organizations[affiliation.organization_id] = affiliation.organization
    drawn = sorted(
        (pk for pk, group in members.items() if len(group) >= 2),
        key=lambda pk: (-len(members[pk]), organizations[pk].name.lower(), pk),
    )[:MAP_ORGANIZATIONS]
    drawn_ids = set(drawn)
    for organization_id in drawn:
        organization = organizations[organization_id]
        nodes.append(
            MapNode(
                kind="organization",
                label=organization.name,
                title=f"{organization.name}: {len(members[organization_id])} people shown",
                href=reverse("network:organization_detail", args=[organization_id]),
            )
        )
        edges.extend(
            MapEdge(
                index[person_id],
                len(nodes) - 1,
                "affiliation",
                1,
                f"{names[person_id]}: {organization.name}",
            )
            for person_id in sorted(members[organization_id])
        )
    # Inferred ties, where no tie was recorded and no drawn organization already links them.
    records = [
        AffiliationRecord(
            person_id=a.contact_id,
            organization_id=a.organization_id,
            organization_name=a.organization.name,
            organization_kind=a.organization.kind,
            affiliation_kind=a.kind,
            start_year=a.start_year,
            end_year=a.end_year,
        )
        for a in affiliations
        if a.organization_id not in drawn_ids
    ]
    inferred = [
        *infer_from_affiliations(records, current_year=timezone.localdate().year),
        *infer_from_introductions(
            (person.pk, person.introduced_by_id)
            for person in people
            if person.introduced_by_id in index
        ),
    ]
    inferred.sort(key=lambda t: (-t.strength, t.person_a, t.person_b))
    n_inferred = 0
    for guess in inferred:
        pair = frozenset((guess.person_a, guess.person_b))
        if pair in known or n_inferred >= MAP_INFERRED:
            continue
        known.add(pair)
        n_inferred += 1
        a, b = names[guess.person_a], names[guess.person_b]
        edges.append(
            MapEdge(
                index[guess.person_a],
                index[guess.person_b],
                "inferred",
                guess.strength,
                f"{a} and {b}: {guess.evidence} (inferred)",
                is_on_chain=pair in chain_pairs,
            )
        )
    # A chain may go through a link not drawn above (shared history at an organization
    # drawn as a node, or met at an interaction): the chain is always drawn whole.
    for first, second in pairwise(chain):
        if frozenset((first.pk, second.pk)) not in known:
            edges.append(
                MapEdge(
                    index[first.pk],
                    index[second.pk],
                    "inferred",
                    2,
                    f"{first.full_name} and {second.full_name} (inferred)",
                    is_on_chain=True,
                )
            )
    return tuple(nodes), tuple(edges)


def _map_label(person: Contact) -> str:
    """Short enough for the map: "J. Roe"."""
    if person.first_name and person.last_name:
        return f"{person.first_name[0]}. {person.last_name}"
    return person.full_name


def _map_title(person: Contact, me: Contact) -> str:
    if person.pk == me.pk:
        return f"You ({person.full_name})"
    details = [person.display_name]
    if person.specialty:
        details.append(person.specialty)
    strength = getattr(person, "strength", 0)
    details.append(f"your tie {strength}/5" if strength else "no tie recorded with you")
    return " · ".join(details)
