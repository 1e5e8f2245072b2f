"""One user's network as an introduction graph: built from the database, cached per user.

Nodes are the user's self contact and every contact. Edges, one per pair of people:
- recorded ties (Tie: strength, context, since); the tie between the self contact and a
  contact is the relationship strength the user set;
- inferred ties (``intros.inference``), each with its evidence in words: worked together,
  trained together and classmates from everyone's affiliations (the user's own included),
  introduced-by links (``Contact.introduced_by``), and two contacts logged in the same
  interaction; a contact the user logged interactions with but never gave a strength is
  linked to the user as an inferred tie too, so that nobody the user has met is a dead end.
A recorded tie wins over anything inferred for the same pair: the user's own judgement of a
relationship beats a guess. Among inferred ties for one pair, the cheapest explains it.

Costs come from ``intros.cost``, with the recency and sentiment of the last interaction
between the two: for the user and a contact, the contact's last logged interaction; for two
contacts, the last interaction both took part in, if any.

Building takes four queries (contacts, ties, affiliations with their organization, the
people of every interaction), all ``values_list``: no model instances, no per-row queries.
Costs are computed with numpy, once per distinct (strength, days, sentiment) set; evidence
is put into words only for the links of the chains shown (``PersonalGraph.link``). For
5,000 contacts and 50,000 ties most of the time goes to the inference over affiliations
(see PEERS) and to reading the rows; figures in bench/RESULTS.md ("Introductions from the
database").

The built graph is cached in process, per user, in a small LRU. Each use first asks the
database for a version (one query: counts and latest updates of the user's contacts, ties,
affiliations, organizations and interactions; a deletion changes a count) and rebuilds when
it differs, or when the day has changed (recency is counted in days). The latest update
comes from an (owner, updated_at) index, but the counts still walk each table's index
entries of the user, so the check is the largest share of a page's time on a large network.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import numpy as np
import numpy.typing as npt
from django.db.models import CharField, Count, Max, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from curbside.interactions.models import Interaction
from curbside.network.models import Affiliation, Contact, Organization, Tie

from .cost import edge_cost, explain_link
from .inference import (
    AffiliationRecord,
    InferredKind,
    InferredTie,
    infer_from_affiliations,
    infer_from_co_participants,
    infer_from_introductions,
)
from .paths import Graph

if TYPE_CHECKING:
    from curbside.accounts.models import User

__all__ = [
    "ChainLink",
    "LinkKind",
    "Membership",
    "PersonalGraph",
    "graph_build",
    "graph_cache_clear",
    "graph_version",
    "personal_graph",
]

LinkKind = Literal["recorded", "inferred"]
RECORDED: LinkKind = "recorded"
INFERRED: LinkKind = "inferred"
NEGATIVE = Interaction.Sentiment.NEGATIVE.value
MEMBERSHIP = Affiliation.Kind.MEMBERSHIP.value
# Each school, program or job record is paired with the PEERS others whose years are nearest
# (intros.inference): plenty for chains, which need a few good links per person, and it
# keeps a 1,000-person hospital from turning into half a million guesses.
PEERS = 10
CACHE_SIZE = 8  # users whose graphs stay in memory (about 20 MB each at 5,000 contacts)

Version = tuple[Any, ...]
# contact, organization, its name and kind, kind, role, start, end, is decision maker
AffiliationRow = tuple[int, int, str, str, str, str, int | None, int | None, bool]


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One link of a chain, and why it is strong or weak. Inferred links are never known."""

    from_id: int
    to_id: int
    kind: LinkKind
    strength: int
    evidence: str
    cost: float

    @property
    def is_inferred(self) -> bool:
        return self.kind == INFERRED


class Membership(NamedTuple):
    """A person's affiliation with an organization, as chains to it need it."""

    contact_id: int
    organization_id: int
    organization_name: str
    kind: str
    role: str
    start_year: int | None
    end_year: int | None
    is_decision_maker: bool

    @property
    def is_current(self) -> bool:
        return self.end_year is None

    @property
    def years(self) -> str:
        if self.start_year and self.end_year:
            return f"{self.start_year}–{self.end_year}"
        if self.start_year:
            return f"since {self.start_year}"
        return str(self.end_year or "")


class LastInteraction(NamedTuple):
    happened_on: date
    sentiment: str


@dataclass(frozen=True, slots=True, eq=False)
class PersonalGraph:
    """The graph engine's arrays plus what it takes to explain a link, for one user.

    Node i is the contact `contact_ids[i]`. `pair_keys` (sorted) holds lo * n + hi for every
    linked pair of nodes lo < hi; at the same position, `pair_inferred` says whether the link
    is inferred, `pair_strength` its strength and `pair_ref` where its evidence is: the row
    in `tie_rows` of a recorded tie, or else (after them) the sentence in `evidence` saying
    why a tie was inferred. Words are put together only for the links shown.
    """

    version: Version
    today: date
    graph: Graph
    self_id: int | None
    contact_ids: list[int]
    nodes: dict[int, int]
    pair_keys: npt.NDArray[np.int64]
    pair_inferred: npt.NDArray[np.bool_]
    pair_strength: npt.NDArray[np.int8]
    pair_ref: npt.NDArray[np.int32]
    tie_rows: list[tuple[int, int, int, str, int | None]]
    evidence: list[str]
    last_with_me: dict[int, LastInteraction]
    last_shared: dict[tuple[int, int], LastInteraction]
    memberships: dict[int, list[Membership]]  # by organization id
    affiliations: dict[int, list[Membership]]  # by contact id

    @property
    def self_node(self) -> int | None:
        return None if self.self_id is None else self.nodes[self.self_id]

    def link(self, from_id: int, to_id: int) -> ChainLink | None:
        """The link between two contacts (by id), or None when they are not linked."""
        a, b = self.nodes.get(from_id), self.nodes.get(to_id)
        if a is None or b is None or a == b:
            return None
        lo, hi = min(a, b), max(a, b)
        key = lo * self.graph.n + hi
        position = int(np.searchsorted(self.pair_keys, key))
        if position == len(self.pair_keys) or int(self.pair_keys[position]) != key:
            return None
        inferred = bool(self.pair_inferred[position])
        strength = int(self.pair_strength[position])
        ref = int(self.pair_ref[position])
        if ref < len(self.tie_rows):
            _, _, _, context, since = self.tie_rows[ref]
            evidence = _tie_context(context, since)
        else:
            evidence = self.evidence[ref - len(self.tie_rows)]
        last = self.last_between(from_id, to_id)
        days = None if last is None else max(0, (self.today - last.happened_on).days)
        sentiment = None if last is None else last.sentiment
        return ChainLink(
            from_id=from_id,
            to_id=to_id,
            kind=INFERRED if inferred else RECORDED,
            strength=strength,
            evidence=explain_link(
                inferred=inferred,
                strength=strength,
                days_since_last=days,
                last_sentiment=sentiment,
                evidence=evidence,
            ),
            cost=_cost(strength, days, sentiment, inferred),
        )

    def last_between(self, a: int, b: int) -> LastInteraction | None:
        """The user's last interaction with a contact, or the last one two contacts shared."""
        if a == self.self_id:
            return self.last_with_me.get(b)
        if b == self.self_id:
            return self.last_with_me.get(a)
        return self.last_shared.get((a, b) if a < b else (b, a))


def _tie_context(context: str, since: int | None) -> str:
    if since is None or str(since) in context:
        return context
    return f"{context}, since {since}" if context else f"since {since}"


@lru_cache(maxsize=65536)
def _cost(strength: int, days: int | None, sentiment: str | None, inferred: bool) -> float:
    """edge_cost, remembered: a network has few distinct (strength, days, sentiment) sets."""
    return edge_cost(
        strength=strength, days_since_last=days, last_sentiment=sentiment, inferred=inferred
    )


def graph_version(*, owner: User) -> Version:
    """One query: for each kind of row, how many the user has and when one last changed
    ("50000/2026-06-01 12:00:00"). Each part reads the rows once, with no grouping."""
    from curbside.accounts.models import User

    columns: list[Subquery] = []
    for model in (Contact, Tie, Affiliation, Organization, Interaction):
        # A constant to group by is dropped from the SQL: one plain aggregate per table.
        rows = model._default_manager.filter(owner=owner).order_by().annotate(one=Value(1))
        stamp = Concat(
            Cast(Count("pk"), CharField()),
            Value("/"),
            Cast(Max("updated_at"), CharField()),
            output_field=CharField(),
        )
        columns.append(Subquery(rows.values("one").annotate(stamp=stamp).values("stamp")))
    row = User.objects.filter(pk=owner.pk).values_list(*columns).first()
    return tuple(row or ())


def graph_build(*, owner: User, today: date, version: Version = ()) -> PersonalGraph:
    """Read the user's network (four queries) and build its graph."""
    contact_rows: list[tuple[int, bool, str, int | None]] = list(
        Contact.objects.filter(owner=owner)
        .order_by("pk")
        .values_list("pk", "is_self", "full_name", "introduced_by_id")
    )
    tie_rows: list[tuple[int, int, int, str, int | None]] = list(
        Tie.objects.filter(owner=owner)
        .order_by()
        .values_list("person_a_id", "person_b_id", "strength", "context", "since")
    )
    affiliation_rows: list[AffiliationRow] = list(
        Affiliation.objects.filter(owner=owner)
        .order_by("organization_id", "pk")
        .values_list(
            "contact_id",
            "organization_id",
            "organization__name",
            "organization__kind",
            "kind",
            "role",
            "start_year",
            "end_year",
            "is_decision_maker",
        )
    )
    participant_rows = list(
        Interaction.contacts.through.objects.filter(interaction__owner=owner)
        .order_by("interaction__happened_on", "interaction_id")
        .values_list(
            "interaction_id", "contact_id", "interaction__happened_on", "interaction__sentiment"
        )
    )
    # Hundreds of thousands of small objects (rows, inferred ties) live for a moment and
    # hold no cycles: the cyclic collector would only re-scan them, again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _assemble(
            version=version,
            today=today,
            contact_rows=contact_rows,
            tie_rows=tie_rows,
            affiliation_rows=affiliation_rows,
            participant_rows=participant_rows,
        )
    finally:
        if collecting:
            gc.enable()


def _assemble(
    *,
    version: Version,
    today: date,
    contact_rows: list[tuple[int, bool, str, int | None]],
    tie_rows: list[tuple[int, int, int, str, int | None]],
    affiliation_rows: list[AffiliationRow],
    participant_rows: list[tuple[int, int, date, str]],
) -> PersonalGraph:
    contact_ids = [row[0] for row in contact_rows]
    nodes = {pk: i for i, pk in enumerate(contact_ids)}
    self_id = next((row[0] for row in contact_rows if row[1]), None)
    last_with_me, last_shared, met_pairs, n_met = _interactions(participant_rows)
    inferred = _inferred(
        self_id=self_id,
        contact_rows=contact_rows,
        affiliation_rows=affiliation_rows,
        met_pairs=met_pairs,
        n_met=n_met,
        current_year=today.year,
    )
    graph, pairs = _arrays(
        contact_ids=contact_ids,
        self_id=self_id,
        tie_rows=tie_rows,
        inferred=inferred,
        last_with_me=last_with_me,
        last_shared=last_shared,
        today=today,
    )
    memberships: defaultdict[int, list[Membership]] = defaultdict(list)
    affiliations: defaultdict[int, list[Membership]] = defaultdict(list)
    for row in affiliation_rows:
        contact_id, org_id, org_name, _, kind, role, start, end, decides = row
        membership = Membership(contact_id, org_id, org_name, kind, role, start, end, decides)
        memberships[org_id].append(membership)
        affiliations[contact_id].append(membership)
    return PersonalGraph(
        version=version,
        today=today,
        graph=graph,
        self_id=self_id,
        contact_ids=contact_ids,
        nodes=nodes,
        pair_keys=pairs.keys,
        pair_inferred=pairs.inferred,
        pair_strength=pairs.strength,
        pair_ref=pairs.ref,
        tie_rows=tie_rows,
        evidence=[tie.evidence for tie in inferred],
        last_with_me=last_with_me,
        last_shared=last_shared,
        memberships=dict(memberships),
        affiliations=dict(affiliations),
    )


def _interactions(
    rows: list[tuple[int, int, date, str]],
) -> tuple[
    dict[int, LastInteraction],
    dict[tuple[int, int], LastInteraction],
    list[tuple[int, int]],
    dict[int, int],
]:
    """From (interaction, contact, date, sentiment) rows in date order: each contact's last
    interaction, each pair's last shared one, the pairs met together, and how many
    interactions each contact was in."""
    last_with_me: dict[int, LastInteraction] = {}
    n_met: defaultdict[int, int] = defaultdict(int)
    people: defaultdict[int, list[int]] = defaultdict(list)
    when: dict[int, LastInteraction] = {}
    for interaction_id, contact_id, happened_on, sentiment in rows:
        last = when.get(interaction_id)
        if last is None:
            last = when[interaction_id] = LastInteraction(happened_on, sentiment)
        last_with_me[contact_id] = last  # rows come in date order: the latest stays
        n_met[contact_id] += 1
        people[interaction_id].append(contact_id)
    last_shared: dict[tuple[int, int], LastInteraction] = {}
    met_pairs: list[tuple[int, int]] = []
    for interaction_id, group in people.items():  # in date order, as inserted
        if len(group) < 2:
            continue
        group.sort()
        last = when[interaction_id]
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                last_shared[a, b] = last
                met_pairs.append((a, b))
    return last_with_me, last_shared, met_pairs, n_met


def _inferred(
    *,
    self_id: int | None,
    contact_rows: list[tuple[int, bool, str, int | None]],
    affiliation_rows: list[AffiliationRow],
    met_pairs: list[tuple[int, int]],
    n_met: dict[int, int],
    current_year: int,
) -> list[InferredTie]:
    """Every inferred tie; those of pairs with a recorded tie are dropped later (_arrays)."""
    records = [
        AffiliationRecord(contact, org_id, org_name, org_kind, kind, start, end, role)
        for contact, org_id, org_name, org_kind, kind, role, start, end, _ in affiliation_rows
        if kind != MEMBERSHIP  # a society of thousands says nothing (intros.inference)
    ]
    names = {pk: name for pk, _, name, _ in contact_rows}
    introductions = [(pk, by) for pk, _, _, by in contact_rows if by is not None]
    ties = [
        *infer_from_affiliations(records, current_year=current_year, max_peers=PEERS),
        *infer_from_introductions(introductions, names=names),
        *infer_from_co_participants(met_pairs),
    ]
    if self_id is not None:
        # Someone the user met but never gave a strength: a guess from how often they met.
        for contact_id, n in n_met.items():
            a, b = sorted((self_id, contact_id))
            evidence = f"you logged {n} interaction{'s' if n > 1 else ''} together"
            ties.append(InferredTie(a, b, InferredKind.MET_TOGETHER, evidence, 2 if n == 1 else 3))
    return ties


def _arrays(
    *,
    contact_ids: list[int],
    self_id: int | None,
    tie_rows: list[tuple[int, int, int, str, int | None]],
    inferred: list[InferredTie],
    last_with_me: dict[int, LastInteraction],
    last_shared: dict[tuple[int, int], LastInteraction],
    today: date,
) -> tuple[Graph, _Pairs]:
    """The engine's graph, and for each linked pair what explains it: a recorded tie if
    there is one, else the cheapest inferred tie. Vectorised: Python touches each edge
    only to read it out of its row."""
    n = len(contact_ids)
    ids = np.asarray(contact_ids, dtype=np.int64)  # ascending: contacts come in pk order
    nodes = {pk: i for i, pk in enumerate(contact_ids)}
    n_ties = len(tie_rows)
    m = n_ties + len(inferred)
    if m == 0:
        empty = np.zeros(0, dtype=np.int64)
        graph = Graph.from_edges(n, empty, empty, np.zeros(0))
        pairs = _Pairs(empty, empty.astype(bool), empty.astype(np.int8), empty.astype(np.int32))
        return graph, pairs
    columns = list(zip(*tie_rows, strict=True))[:3] if tie_rows else [(), (), ()]
    person_a = np.concatenate(
        (np.array(columns[0], np.int64), np.array([t.person_a for t in inferred], np.int64))
    )
    person_b = np.concatenate(
        (np.array(columns[1], np.int64), np.array([t.person_b for t in inferred], np.int64))
    )
    strength = np.concatenate(
        (np.array(columns[2], np.int64), np.array([t.strength for t in inferred], np.int64))
    )
    # Pairs are stored lower pk first and nodes are numbered in pk order, so lo < hi.
    lo, hi = np.searchsorted(ids, person_a), np.searchsorted(ids, person_b)
    keys = lo * n + hi
    is_inferred = np.zeros(m, dtype=np.int64)
    is_inferred[n_ties:] = 1

    # The last interaction between the two ends: the user's with a contact, or the last
    # one two contacts shared. -1 days: none logged.
    days = np.full(m, -1, dtype=np.int64)
    negative = np.zeros(m, dtype=np.int64)
    node_days = np.full(n, -1, dtype=np.int64)
    node_negative = np.zeros(n, dtype=np.int64)
    for pk, last in last_with_me.items():
        node = nodes[pk]
        node_days[node] = max(0, (today - last.happened_on).days)
        node_negative[node] = last.sentiment == NEGATIVE
    if self_id is not None:
        me = nodes[self_id]
        other = np.where(lo == me, hi, lo)
        with_me = (lo == me) | (hi == me)
        days[with_me] = node_days[other[with_me]]
        negative[with_me] = node_negative[other[with_me]]
    if last_shared:
        shared = sorted((nodes[a] * n + nodes[b], last) for (a, b), last in last_shared.items())
        shared_keys = np.fromiter((key for key, _ in shared), np.int64, len(shared))
        shared_days = np.fromiter(
            (max(0, (today - last.happened_on).days) for _, last in shared), np.int64, len(shared)
        )
        shared_negative = np.fromiter(
            (last.sentiment == NEGATIVE for _, last in shared), np.int64, len(shared)
        )
        position = np.minimum(np.searchsorted(shared_keys, keys), len(shared) - 1)
        found = shared_keys[position] == keys
        days[found] = shared_days[position[found]]
        negative[found] = shared_negative[position[found]]

    # Few distinct (strength, days, sentiment, inferred) sets: cost each once.
    codes = ((days + 1) * 8 + strength) * 4 + negative * 2 + is_inferred
    distinct, inverse = np.unique(codes, return_inverse=True)
    table = np.fromiter(
        (
            _cost(
                int(code // 4 % 8),
                None if code // 32 == 0 else int(code // 32 - 1),
                NEGATIVE if code // 2 % 2 else None,
                bool(code % 2),
            )
            for code in distinct.tolist()
        ),
        np.float64,
        len(distinct),
    )
    costs = table[inverse.ravel()]

    order = np.lexsort((costs, is_inferred, keys))
    keys = keys[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    chosen = order[first]
    graph = Graph.from_edges(n, lo[chosen], hi[chosen], costs[chosen])
    pairs = _Pairs(
        keys=keys[first],
        inferred=is_inferred[chosen].astype(bool),
        strength=strength[chosen].astype(np.int8),
        ref=chosen.astype(np.int32),
    )
    return graph, pairs


class _Pairs(NamedTuple):
    keys: npt.NDArray[np.int64]
    inferred: npt.NDArray[np.bool_]
    strength: npt.NDArray[np.int8]
    ref: npt.NDArray[np.int32]


# The cache: a few users' graphs, rebuilt when their network changes.

_cache: OrderedDict[int, PersonalGraph] = OrderedDict()
_lock = threading.Lock()


def personal_graph(*, owner: User) -> PersonalGraph:
    """The user's graph: from the cache while the network and the day are unchanged."""
    today = timezone.localdate()
    version = (*graph_version(owner=owner), today)
    with _lock:
        cached = _cache.get(owner.pk)
        if cached is not None and cached.version == version:
            _cache.move_to_end(owner.pk)
            return cached
    built = graph_build(owner=owner, today=today, version=version)
    with _lock:
        _cache[owner.pk] = built
        _cache.move_to_end(owner.pk)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return built


def graph_cache_clear() -> None:
    with _lock:
        _cache.clear()
