"""The best chains of people from one person to a target: the warm-introduction engine.

Approach
    The network is an undirected weighted graph held in CSR arrays (compressed sparse
    rows): ``indptr`` (int64, one entry per node plus one) points into ``indices`` (int32,
    the neighbours) and ``costs`` (float64, the cost of each edge, from ``intros.cost``).
    Every edge is stored in both directions, and each row lists the cheapest links first.
    A chain ends at the first target it reaches: a target is a set of nodes (one person,
    everyone at an organization, or only its decision makers), and reaching anyone in it
    is enough.

    ``best_path`` runs a bidirectional Dijkstra: a forward search from the source and a
    backward search from all targets at once (each at cost 0), always advancing the side
    that has scanned fewer edges. Whenever a label is set on a node the other side has
    labelled, the sum is a candidate meeting; the search stops as soon as the two queue
    heads add up to no less than the best meeting, so it settles two small balls around
    the ends instead of the whole graph. Two prunings keep the balls small (about a third
    of the edges scanned, half the time, on clustered graphs): once a meeting is known, a
    label that could not beat it even through the nearest unsettled node of the other side
    is dropped, and since rows are cheapest first the scan of a row stops there; and a
    node the other side has settled is not entered, because that side relaxed the same
    edge the other way and the meeting was counted at this end.

    ``k_best_paths`` is Yen's algorithm with Lawler's rule (a new chain only spurs from
    where it left its parent): each new chain deviates from an earlier one at a spur node,
    found by the same bidirectional search with the root of the chain banned (a set of
    nodes) and the edges already used from the spur node banned (a set of next nodes);
    nothing is copied. A spur search starts with the cost of the candidate that would
    already complete the k chains as its bound, so hopeless spurs stop early.

    ``max_hops`` caps the number of links. The plain search runs first; when its chain is
    too long, the search is repeated on the (node, hops) state space with dominance
    pruning (a label is dropped when the same node was settled with no more hops), which
    is exact and at most ``max_hops + 1`` times the work.

Limits
    Node ids are 0..n-1 below 2**31; edge costs must be positive and at most MAX_COST
    (1e30). Inner loops read a node's neighbours through memoryview slices (``.tolist()``),
    never one numpy scalar at a time; the search state lives in dicts, so one query costs
    memory in proportion to the nodes it touches, not to the graph. The graph is
    immutable: build a new one when the network changes.

Complexity
    Building: O(m log m) for m edges (a sort to drop duplicate pairs, another to order
    rows by cost; about 7 s for 10M edges), and 8(n + 1) + 24m bytes (2m directed entries
    of 4 + 8 bytes): about 250 MB for 1M nodes and 10M edges. One best chain:
    O(b log b) where b is the number of edges scanned by both searches, a tiny fraction
    of m on clustered networks. k best chains: up to (k - 1) x L spur searches for chains
    of L nodes; the bound makes most of them small, and three chains cost about five
    best-chain searches. Figures for 1M people and 10M edges are in bench/RESULTS.md
    ("Introductions").
"""

from __future__ import annotations

import heapq
import math
import operator
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any, SupportsIndex

import numpy as np
import numpy.typing as npt

__all__ = ["Graph", "IntroPath", "best_path", "k_best_paths"]

MAX_COST = 1e30  # far beyond any real cost; keeps costs distinct when rounded to float32
_INF = math.inf
_NO_NODES: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class IntroPath:
    """A chain of people from the source to a target, and its total cost."""

    nodes: tuple[int, ...]
    cost: float

    @property
    def n_hops(self) -> int:
        return len(self.nodes) - 1


class Graph:
    """An immutable undirected weighted graph in CSR arrays."""

    __slots__ = ("_costs", "_indices", "_indptr", "_slack", "costs", "indices", "indptr", "n")

    def __init__(
        self,
        indptr: npt.NDArray[np.int64],
        indices: npt.NDArray[np.int32],
        costs: npt.NDArray[np.float64],
    ) -> None:
        """Wrap CSR arrays as from_edges makes them: symmetric, without duplicate pairs,
        each row ordered by cost (at least to float32 precision)."""
        self.n = len(indptr) - 1
        self.indptr = np.ascontiguousarray(indptr, dtype=np.int64)
        self.indices = np.ascontiguousarray(indices, dtype=np.int32)
        self.costs = np.ascontiguousarray(costs, dtype=np.float64)
        # memoryviews give Python ints and floats without numpy's per-scalar overhead.
        self._indptr: Any = self.indptr.data
        self._indices: Any = self.indices.data
        self._costs: Any = self.costs.data
        # How far a row may be out of cost order: two float32 roundings, with room to spare.
        largest = float(self.costs.max()) if len(self.costs) else 0.0
        self._slack = largest * 2.0**-21 + 2.0**-140

    @classmethod
    def from_edges(
        cls,
        n: int,
        sources: npt.ArrayLike,
        targets: npt.ArrayLike,
        costs: npt.ArrayLike,
    ) -> Graph:
        """Build from parallel edge arrays; keeps the cheapest of duplicate pairs."""
        if n < 0 or n >= 2**31:
            raise ValueError(f"n must be between 0 and 2**31 - 1, not {n}.")
        src = np.asarray(sources, dtype=np.int64).ravel()
        dst = np.asarray(targets, dtype=np.int64).ravel()
        cost = np.asarray(costs, dtype=np.float64).ravel()
        if not len(src) == len(dst) == len(cost):
            raise ValueError("sources, targets and costs must have the same length.")
        if len(src):
            if min(int(src.min()), int(dst.min())) < 0 or max(int(src.max()), int(dst.max())) >= n:
                raise ValueError(f"Node ids must be between 0 and {n - 1}.")
            if not np.all((cost > 0) & (cost <= MAX_COST)):
                raise ValueError(f"Edge costs must be greater than 0 and at most {MAX_COST:g}.")
            if np.any(src == dst):
                raise ValueError("An edge cannot join a node to itself.")
        # One int64 key per directed entry: sorting it groups duplicates and orders each row.
        keys = np.concatenate((src * n + dst, dst * n + src))
        del src, dst
        doubled = np.concatenate((cost, cost))
        del cost
        order = np.argsort(keys)
        keys = keys[order]
        doubled = doubled[order]
        del order
        if len(keys):
            starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
            if len(starts) < len(keys):
                doubled = np.minimum.reduceat(doubled, starts)
                keys = keys[starts]
            del starts
        rows = keys // n if n else keys
        columns = keys - rows * n
        del keys
        # Cheapest first within each row, so a scan can stop at the first neighbour too dear
        # (see _bidirectional). Rounding costs to float32 for the sort keeps row and cost in
        # one int64 key (positive float32 bit patterns sort like the numbers); rounding is
        # monotonic, so the order is only loose among costs equal in float32, which the
        # search allows for with `slack`.
        float32_bits = doubled.astype(np.float32).view(np.uint32).astype(np.int64)
        order = np.argsort((rows << 32) | float32_bits)
        del float32_bits
        indices = columns[order].astype(np.int32)
        doubled = doubled[order]
        del columns, order
        counts = np.bincount(rows, minlength=n) if len(rows) else np.zeros(n, dtype=np.int64)
        del rows
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return cls(indptr, indices, doubled)

    @property
    def n_edges(self) -> int:
        """Undirected edges (each is stored twice)."""
        return len(self.indices) // 2

    @property
    def nbytes(self) -> int:
        return int(self.indptr.nbytes + self.indices.nbytes + self.costs.nbytes)

    def neighbours(self, node: int) -> list[int]:
        """Everyone tied to node, cheapest link first."""
        start, end = self._indptr[node], self._indptr[node + 1]
        result: list[int] = self._indices[start:end].tolist()
        return result

    def edge_cost(self, a: int, b: int) -> float:
        """The cost of edge a–b; KeyError if there is none."""
        start, end = self._indptr[a], self._indptr[a + 1]
        try:
            position = start + self._indices[start:end].tolist().index(b)
        except ValueError:
            raise KeyError((a, b)) from None
        cost: float = self._costs[position]
        return cost

    def path_cost(self, nodes: Iterable[int]) -> float:
        """The sum of the edge costs along a chain, from its start."""
        total = 0.0
        previous = None
        for node in nodes:
            if previous is not None:
                total += self.edge_cost(previous, node)
            previous = node
        return total

    def _check(self, node: int) -> None:
        if not 0 <= node < self.n:
            raise ValueError(f"Node {node} is not in the graph (0..{self.n - 1}).")


def best_path(
    graph: Graph,
    source: SupportsIndex,
    targets: Collection[SupportsIndex],
    *,
    max_hops: int | None = None,
) -> IntroPath | None:
    """The cheapest chain from source to anyone in targets, or None if there is none."""
    source = operator.index(source)
    target_set = _target_set(graph, source, targets)
    if max_hops is not None and max_hops < 0:
        raise ValueError("max_hops cannot be negative.")
    if source in target_set:
        return IntroPath((source,), 0.0)
    if max_hops == 0 or not target_set:
        return None
    nodes = _search(graph, source, target_set, _NO_NODES, _NO_NODES, _INF, max_hops)
    return None if nodes is None else IntroPath(nodes, graph.path_cost(nodes))


def k_best_paths(
    graph: Graph,
    source: SupportsIndex,
    targets: Collection[SupportsIndex],
    k: int = 3,
    *,
    max_hops: int | None = None,
) -> list[IntroPath]:
    """The k cheapest simple chains from source to targets, cheapest first (Yen)."""
    if k < 1:
        raise ValueError("k must be at least 1.")
    first = best_path(graph, source, targets, max_hops=max_hops)
    if first is None:
        return []
    if len(first.nodes) == 1:
        return [first]  # every other chain would leave a target behind
    target_set = _target_set(graph, first.nodes[0], targets)
    found = [first]
    candidates: list[tuple[float, tuple[int, ...], int]] = []
    seen = {first.nodes}
    deviation = 0
    while len(found) < k:
        previous = found[-1].nodes
        # Lawler: spurs before the point where this chain left its parent were all tried
        # with the parent, with the same root and the same used edges.
        for i in range(deviation, len(previous) - 1):
            spur = previous[i]
            root = previous[: i + 1]
            budget = None if max_hops is None else max_hops - i
            if budget is not None and budget < 1:
                break
            used_next = frozenset(p.nodes[i + 1] for p in found if p.nodes[: i + 1] == root)
            root_cost = graph.path_cost(root)
            # A spur that cannot beat the candidate completing the k chains is not needed.
            needed = k - len(found)
            limit = _INF
            if len(candidates) >= needed:
                limit = heapq.nsmallest(needed, candidates)[-1][0] - root_cost
            banned = frozenset(root[:-1])
            spur_nodes = _search(graph, spur, target_set, banned, used_next, limit, budget)
            if spur_nodes is None:
                continue
            nodes = root[:-1] + spur_nodes
            if nodes not in seen:
                seen.add(nodes)
                heapq.heappush(candidates, (graph.path_cost(nodes), nodes, i))
        if not candidates:
            break
        cost, nodes, deviation = heapq.heappop(candidates)
        found.append(IntroPath(nodes, cost))
    return found


def _target_set(graph: Graph, source: int, targets: Collection[SupportsIndex]) -> frozenset[int]:
    """Checks the ids; plain ints even from numpy ones, so chains hold plain ints."""
    graph._check(source)
    target_set = frozenset(operator.index(t) for t in targets)
    for target in target_set:
        graph._check(target)
    return target_set


def _search(
    graph: Graph,
    source: int,
    targets: frozenset[int],
    banned: frozenset[int],
    banned_next: frozenset[int],
    limit: float,
    max_hops: int | None,
) -> tuple[int, ...] | None:
    """A chain cheaper than limit (and within max_hops), from the plain search first."""
    nodes = _bidirectional(graph, source, targets, banned, banned_next, limit)
    if nodes is None or max_hops is None or len(nodes) - 1 <= max_hops:
        return nodes
    return _bidirectional_hops(graph, source, targets, banned, banned_next, limit, max_hops)


def _bidirectional(
    graph: Graph,
    source: int,
    targets: frozenset[int],
    banned: frozenset[int],
    banned_next: frozenset[int],
    limit: float,
) -> tuple[int, ...] | None:
    """Bidirectional Dijkstra from source to the nearest target, cheaper than limit.

    Nodes in `banned` are never entered; the edges source–x for x in `banned_next` are
    never used (Yen's spur constraints). Targets end a chain: the forward search does not
    expand them and the backward search starts from all of them. The backward search never
    enters the source: a chain that meets there is also found one step later, at the
    source's neighbour, so the search runs on the graph without edges into the source,
    which has the same chains from it.
    """
    indptr, indices, costs = graph._indptr, graph._indices, graph._costs
    push, pop = heapq.heappush, heapq.heappop
    # A label below every real distance blocks a node: it can never be improved.
    blocked = dict.fromkeys(banned, -1.0)
    dist_f: dict[int, float] = {**blocked, source: 0.0}
    dist_b: dict[int, float] = {**blocked, source: -1.0, **dict.fromkeys(targets, 0.0)}
    parent_f: dict[int, int] = {}
    parent_b: dict[int, int] = dict.fromkeys(targets, -1)
    heap_f: list[tuple[float, int]] = []
    heap_b: list[tuple[float, int]] = [(0.0, t) for t in targets]
    best, meet = limit, -1
    # Advance the side that has scanned fewer edges: balancing work beats balancing queue
    # lengths when the target side starts from a whole organization.
    work_f = work_b = 0
    slack = graph._slack
    start, end = indptr[source], indptr[source + 1]
    for v, c in zip(indices[start:end].tolist(), costs[start:end].tolist()):  # noqa: B905
        if c < best and c < dist_f.get(v, _INF) and v not in banned_next:
            dist_f[v] = c
            parent_f[v] = source
            push(heap_f, (c, v))
            if v in targets and c < best:
                best, meet = c, v
    while heap_f and heap_b:
        top_f, top_b = heap_f[0][0], heap_b[0][0]
        if top_f + top_b >= best:
            break
        if work_f <= work_b:
            d, u = pop(heap_f)
            if d > dist_f[u] or u in targets:
                continue  # a stale entry, or a chain that already ends
            start, end = indptr[u], indptr[u + 1]
            work_f += end - start
            dist, parent, other, heap, other_top = dist_f, parent_f, dist_b, heap_f, top_b
        else:
            d, u = pop(heap_b)
            if d > dist_b[u]:
                continue
            start, end = indptr[u], indptr[u + 1]
            work_b += end - start
            dist, parent, other, heap, other_top = dist_b, parent_b, dist_f, heap_b, top_f
        # Any node the other side has not settled is at least other_top from its end, so a
        # label of `bound` or more cannot lead to a cheaper chain; the row is cheapest
        # first, so the scan stops at the first such label (give or take float32 order).
        bound = best - other_top
        stop = bound + slack
        # The hot loop: plain ints and floats from memoryview slices, no numpy scalars.
        for v, c in zip(indices[start:end].tolist(), costs[start:end].tolist()):  # noqa: B905
            nd = d + c
            if nd >= bound:
                if nd >= stop:
                    break
                continue
            if nd < dist.get(v, _INF):
                through = other.get(v)
                if through is not None:
                    if through < other_top:
                        # Settled by the other side, which relaxed this edge the other way:
                        # the chain through v was already counted as a meeting at u.
                        continue
                    if nd + through < best:
                        best, meet = nd + through, v
                        bound = best - other_top
                        stop = bound + slack
                dist[v] = nd
                parent[v] = u
                push(heap, (nd, v))
    if meet < 0:
        return None
    chain = []
    node = meet
    while node != source:
        chain.append(node)
        node = parent_f[node]
    chain.append(source)
    chain.reverse()
    node = parent_b[meet]
    while node >= 0:
        chain.append(node)
        node = parent_b[node]
    return tuple(chain)


def _bidirectional_hops(
    graph: Graph,
    source: int,
    targets: frozenset[int],
    banned: frozenset[int],
    banned_next: frozenset[int],
    limit: float,
    max_hops: int,
) -> tuple[int, ...] | None:
    """The same search over (node, hops) states: exact under a limit on links.

    A forward state (v, i) is v reached in i links from the source; a backward state
    (v, j) is v reaching a target in j links. They meet when i + j <= max_hops. A state is
    dropped when its node was already settled on the same side with no more links, since
    that label is no dearer (labels settle in cost order) and leaves more room.
    """
    indptr, indices, costs = graph._indptr, graph._indices, graph._costs
    push, pop = heapq.heappush, heapq.heappop
    width = max_hops + 1
    dist_f: dict[int, float] = {source * width: 0.0}
    dist_b: dict[int, float] = {t * width: 0.0 for t in targets}
    parent_f: dict[int, int] = {source * width: -1}
    parent_b: dict[int, int] = dict.fromkeys(dist_b, -1)
    fewest_f: dict[int, int] = {}
    fewest_b: dict[int, int] = {}
    heap_f: list[tuple[float, int]] = [(0.0, source * width)]
    heap_b: list[tuple[float, int]] = [(0.0, key) for key in dist_b]
    best, meet_f, meet_b = limit, -1, -1
    while heap_f and heap_b:
        if heap_f[0][0] + heap_b[0][0] >= best:
            break
        forward = len(heap_f) <= len(heap_b)
        if forward:
            d, key = pop(heap_f)
            u, hops = divmod(key, width)
            if fewest_f.get(u, width) <= hops:
                continue
            fewest_f[u] = hops
            if u in targets:
                continue
            dist, parent, other, fewest, heap = dist_f, parent_f, dist_b, fewest_f, heap_f
            skip_next = banned_next if u == source else _NO_NODES
        else:
            d, key = pop(heap_b)
            u, hops = divmod(key, width)
            if fewest_b.get(u, width) <= hops:
                continue
            fewest_b[u] = hops
            if u == source:
                continue
            dist, parent, other, fewest, heap = dist_b, parent_b, dist_f, fewest_b, heap_b
            skip_next = _NO_NODES
        hops += 1
        if hops > max_hops:
            continue
        start, end = indptr[u], indptr[u + 1]
        for v, c in zip(indices[start:end].tolist(), costs[start:end].tolist(), strict=True):
            if v in banned or v in skip_next:
                continue
            if not forward and v == source and u in banned_next:
                continue
            if fewest.get(v, width) <= hops:
                continue
            nd = d + c
            state = v * width + hops
            if nd < dist.get(state, _INF):
                dist[state] = nd
                parent[state] = key
                push(heap, (nd, state))
                base = v * width
                for other_hops in range(max_hops - hops + 1):
                    through = other.get(base + other_hops)
                    if through is not None and nd + through < best:
                        best = nd + through
                        if forward:
                            meet_f, meet_b = state, base + other_hops
                        else:
                            meet_f, meet_b = base + other_hops, state
    if meet_f < 0:
        return None
    chain = []
    key = meet_f
    while key >= 0:
        chain.append(key // width)
        key = parent_f[key]
    chain.reverse()
    key = parent_b[meet_b]
    while key >= 0:
        chain.append(key // width)
        key = parent_b[key]
    return tuple(chain)
