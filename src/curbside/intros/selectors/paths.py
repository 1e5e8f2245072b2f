"""Chains of people from the user to a target person or organization, with their reasons.

Every function takes the owner first. The graph comes from `intros.graph` (one query when
it is cached, five when it is built); the people of all the chains are then loaded in one
query. Another user's contacts are never in the owner's graph, so they never appear.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.db.models import Q

from curbside.interactions.models import Interaction
from curbside.intros import drafts
from curbside.intros.graph import ChainLink, Membership, PersonalGraph, personal_graph
from curbside.intros.paths import k_best_paths
from curbside.network.models import Contact, ContactEmail, Organization

from .ground import common_ground

if TYPE_CHECKING:
    from curbside.accounts.models import User

__all__ = [
    "MAX_HOPS",
    "MAX_K",
    "Chain",
    "ChainLink",
    "IntroDraft",
    "ReachTarget",
    "chain_get",
    "intro_draft",
    "intro_paths",
    "reach_targets",
]

MAX_K = 10
# Three people between the user and the target at most: beyond that an introduction is a
# favour asked of a stranger's friend's friend, and nobody passes it on.
MAX_HOPS = 4
# How to say an affiliation that has no role written down, now and in the past.
UNNAMED_ROLES = {
    ("employment", True): "Works",
    ("employment", False): "Worked",
    ("training", True): "Trains",
    ("training", False): "Trained",
    ("education", True): "Studies",
    ("education", False): "Studied",
    ("membership", True): "Member",
    ("membership", False): "Was a member",
}


@dataclass(frozen=True, slots=True)
class Chain:
    """People from the user (first) to the target (last), each link with its reason.

    `target_affiliation` says how the target is tied to the organization asked about, or
    their current role when the target is a person ("Department chair at Mercy Hospital
    since 2019, decision maker")."""

    contact_ids: tuple[int, ...]  # starts with the self contact's id
    people: tuple[Contact, ...]
    links: tuple[ChainLink, ...]
    total_cost: float
    target_affiliation: str = ""

    @property
    def first(self) -> Contact:
        """Whom the user asks: the first person after the user."""
        return self.people[1]

    @property
    def target(self) -> Contact:
        return self.people[-1]

    @property
    def is_direct(self) -> bool:
        """The user knows the target: there is nobody to ask for an introduction."""
        return len(self.people) == 2

    @property
    def n_inferred(self) -> int:
        return sum(link.is_inferred for link in self.links)

    @property
    def steps(self) -> list[tuple[Contact, ChainLink]]:
        """Each person after the user with the link that reaches them."""
        return list(zip(self.people[1:], self.links, strict=True))

    @property
    def ids_param(self) -> str:
        """The chain as it is carried in a URL: "12,34,56"."""
        return ",".join(str(pk) for pk in self.contact_ids)


@dataclass(frozen=True, slots=True)
class ReachTarget:
    """A person or an organization the search box offers."""

    kind: Literal["contact", "organization"]
    pk: int
    name: str
    detail: str


def intro_paths(
    *,
    owner: User,
    to_contact: Contact | None = None,
    to_organization: Organization | None = None,
    decision_makers_only: bool = False,
    k: int = 3,
) -> list[Chain]:
    """The k best chains to a person, or to anyone at an organization (people there now
    first, then people who were there), or to its current decision makers only."""
    if (to_contact is None) == (to_organization is None):
        raise ValueError("Give a person or an organization to reach, not both.")
    k = max(1, min(k, MAX_K))
    graph = personal_graph(owner=owner)
    me = graph.self_node
    if me is None:
        return []
    found: list[tuple[tuple[int, ...], str]] = []
    if to_contact is not None:
        node = graph.nodes.get(to_contact.pk)
        if node is None or node == me or to_contact.owner_id != owner.pk:
            return []
        role = _role(graph.affiliations.get(to_contact.pk, ()))
        found = [
            (path.nodes, role)
            for path in k_best_paths(graph.graph, me, [node], k, max_hops=MAX_HOPS)
        ]
    elif to_organization is not None and to_organization.owner_id == owner.pk:
        found = _to_organization(graph, to_organization.pk, decision_makers_only, k)
    return _chains(owner, graph, found)


def _to_organization(
    graph: PersonalGraph, organization_id: int, decision_makers_only: bool, k: int
) -> list[tuple[tuple[int, ...], str]]:
    me = graph.self_node
    if me is None:
        return []
    best: dict[int, Membership] = {}
    for membership in graph.memberships.get(organization_id, ()):
        if membership.contact_id == graph.self_id:
            continue
        if decision_makers_only and not (membership.is_decision_maker and membership.is_current):
            continue
        held = best.get(membership.contact_id)
        if held is None or _rank(membership) < _rank(held):
            best[membership.contact_id] = membership
    # People there now come first. People who were there only fill the remaining places,
    # and a chain to one of them ends at the first member it reaches: it never passes
    # through someone there now (that chain would already end there).
    now = [graph.nodes[pk] for pk, m in best.items() if m.is_current]
    before = {graph.nodes[pk] for pk, m in best.items() if not m.is_current}
    paths = k_best_paths(graph.graph, me, now, k, max_hops=MAX_HOPS) if now else []
    if before and len(paths) < k:
        anyone = [*now, *before]
        more = k_best_paths(graph.graph, me, anyone, 2 * k, max_hops=MAX_HOPS)
        paths += [path for path in more if path.nodes[-1] in before][: k - len(paths)]
    return [(path.nodes, _describe(best[graph.contact_ids[path.nodes[-1]]])) for path in paths]


def _rank(membership: Membership) -> tuple[bool, bool, int]:
    """The affiliation that says most: current before past, deciders first, latest first."""
    return (
        not membership.is_current,
        not membership.is_decision_maker,
        -(membership.end_year or membership.start_year or 0),
    )


def _describe(membership: Membership) -> str:
    """ "Department chair at Mercy Hospital since 2019, decision maker"."""
    what = membership.role or UNNAMED_ROLES.get((membership.kind, membership.is_current), "")
    what = what or "Affiliated"
    text = f"{what} at {membership.organization_name}"
    if membership.years:
        text += f" {membership.years}" if membership.is_current else f" ({membership.years})"
    if not membership.is_current:
        text += ", no longer there"
    elif membership.is_decision_maker:
        text += ", decision maker"
    return text


def _role(memberships: Iterable[Membership]) -> str:
    """A person's current role that matters most, for a chain to them."""
    work = [m for m in memberships if m.is_current and m.kind != "membership"]
    return _describe(min(work, key=_rank)) if work else ""


def _chains(
    owner: User, graph: PersonalGraph, found: Sequence[tuple[tuple[int, ...], str]]
) -> list[Chain]:
    """Chains with their people (one query for all of them) and explained links."""
    paths = [tuple(graph.contact_ids[node] for node in nodes) for nodes, _ in found]
    wanted = {pk for ids in paths for pk in ids}
    people = Contact.objects.filter(owner=owner).in_bulk(wanted) if wanted else {}
    chains = []
    for ids, (_, affiliation) in zip(paths, found, strict=True):
        if not all(pk in people for pk in ids):
            continue  # deleted since the graph was read
        links = tuple(_links(graph, ids))
        chains.append(
            Chain(
                contact_ids=ids,
                people=tuple(people[pk] for pk in ids),
                links=links,
                total_cost=sum(link.cost for link in links),
                target_affiliation=affiliation,
            )
        )
    return chains


def _links(graph: PersonalGraph, ids: Sequence[int]) -> Iterable[ChainLink]:
    for a, b in itertools.pairwise(ids):
        link = graph.link(a, b)
        if link is None:  # a chain the engine found is linked all along
            raise LookupError(f"No link between contacts {a} and {b}.")
        yield link


def chain_get(
    *, owner: User, contact_ids: Sequence[int], organization: Organization | None = None
) -> Chain | None:
    """A chain carried in a URL, checked again: it starts with the user, every id is one of
    the owner's contacts, nobody appears twice, and each two in a row are linked. None if
    any of it fails."""
    ids = tuple(contact_ids)
    if len(ids) < 2 or len(set(ids)) != len(ids) or len(ids) > MAX_HOPS + 1:
        return None
    graph = personal_graph(owner=owner)
    if ids[0] != graph.self_id or not all(pk in graph.nodes for pk in ids):
        return None
    if any(graph.link(a, b) is None for a, b in itertools.pairwise(ids)):
        return None
    if organization is not None and organization.owner_id == owner.pk:
        held = [m for m in graph.memberships.get(organization.pk, ()) if m.contact_id == ids[-1]]
        affiliation = _describe(min(held, key=_rank)) if held else ""
    else:
        affiliation = _role(graph.affiliations.get(ids[-1], ()))
    chains = _chains(owner, graph, [(tuple(graph.nodes[pk] for pk in ids), affiliation)])
    return chains[0] if chains else None


def reach_targets(*, owner: User, query: str, limit: int = 10) -> list[ReachTarget]:
    """People and organizations whose name matches every word of `query`: two queries."""
    words = query.split()
    if not words:
        return []
    contacts = Contact.objects.filter(owner=owner, is_self=False)
    organizations = Organization.objects.filter(owner=owner)
    for word in words:
        contacts = contacts.filter(Q(full_name__icontains=word))
        organizations = organizations.filter(name__icontains=word)
    found: list[ReachTarget] = [
        ReachTarget("contact", pk, name, " · ".join(p for p in (specialty, city) if p))
        for pk, name, specialty, city in contacts.order_by(
            "last_name", "first_name", "pk"
        ).values_list("pk", "full_name", "specialty", "city")[:limit]
    ]
    found += [
        ReachTarget(
            "organization",
            pk,
            name,
            " · ".join(p for p in (dict(Organization.Kind.choices).get(kind, ""), city) if p),
        )
        for pk, name, kind, city in organizations.order_by("name", "pk").values_list(
            "pk", "name", "kind", "city"
        )[:limit]
    ]
    return found


@dataclass(frozen=True, slots=True)
class IntroDraft:
    """The message asking the first person of a chain for an introduction."""

    chain: Chain
    draft: drafts.Draft
    email: str  # the first person's primary address, "" if none
    last_positive: Interaction | None
    common_ground: tuple[str, ...]


def intro_draft(
    *, owner: User, chain: Chain, organization: Organization | None = None
) -> IntroDraft:
    """Gather the facts for the draft: the last interaction with the first person that went
    well, the common ground with them, their address. Five queries."""
    first = chain.first
    last_positive = (
        Interaction.objects.filter(
            owner=owner, contacts=first, sentiment=Interaction.Sentiment.POSITIVE
        )
        .order_by("-happened_on", "-pk")
        .first()
    )
    ground = common_ground(owner=owner, contact=first)
    phrases = tuple(ground.summary_phrases()) if not ground.is_empty else ()
    email = (
        ContactEmail.objects.filter(owner=owner, contact=first)
        .order_by("-is_primary", "pk")
        .values_list("email", flat=True)
        .first()
    ) or ""
    target = chain.target
    next_person = chain.people[2] if len(chain.people) > 3 else None
    request = drafts.IntroRequest(
        my_name=chain.people[0].full_name,
        reader_name=first.first_name or first.full_name,
        target_name=target.display_name,
        target_role=_role_phrase(chain.target_affiliation),
        organization_name=organization.name if organization is not None else "",
        next_name=next_person.full_name if next_person is not None else "",
        last_positive=None
        if last_positive is None
        else drafts.PastInteraction(
            last_positive.happened_on, last_positive.get_kind_display(), last_positive.summary
        ),
        common_ground=phrases,
    )
    return IntroDraft(chain, drafts.intro_request_draft(request), email, last_positive, phrases)


def _role_phrase(affiliation: str) -> str:
    """ "Department chair at Mercy Hospital since 2019, decision maker" → "department chair
    at Mercy Hospital": the why, without the bookkeeping."""
    role = affiliation.split(", ")[0]
    for marker in (" since ", " ("):
        role = role.split(marker)[0]
    return role[:1].lower() + role[1:] if role[:2] != role[:2].upper() else role
