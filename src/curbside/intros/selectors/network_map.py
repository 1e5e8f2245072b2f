"""The network map: the user's neighbourhood (self, contacts, ties, organizations) laid out
for the SVG drawing, with the best chain to a chosen person highlighted.

It runs a fixed number of queries, whatever the size of the network.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from curbside.intros.inference import (
    AffiliationRecord,
    infer_from_affiliations,
    infer_from_introductions,
)
from curbside.intros.svg import MapEdge, MapNode
from curbside.network.models import Affiliation, Contact, Organization, Tie

if TYPE_CHECKING:
    from curbside.accounts.models import User

__all__ = ["MAP_LIMIT", "NetworkMap", "network_map"]

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
