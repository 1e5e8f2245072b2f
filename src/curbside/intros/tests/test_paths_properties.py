"""The path engine against networkx on hundreds of random small graphs.

networkx sees the same edges (with the costs the engine stored) as a directed graph in
which a target has no way out except to a super-sink: a chain ends at the first target it
reaches, which is what the engine promises.
"""

import itertools
import math
import random

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from curbside.intros.paths import Graph, best_path, k_best_paths

SINK = "sink"
COSTS = st.one_of(
    st.sampled_from([1.0, 1.5, 2.0, 2.25, 3.0]),  # ties, as real cost tables give
    st.floats(min_value=0.05, max_value=20.0, allow_nan=False, allow_infinity=False),
)
FEW_EXAMPLES = settings(derandomize=True, max_examples=300, deadline=None)


@st.composite
def problems(draw):
    n = draw(st.integers(min_value=2, max_value=9))
    nodes = st.integers(min_value=0, max_value=n - 1)
    edges = draw(
        st.lists(st.tuples(nodes, nodes, COSTS).filter(lambda e: e[0] != e[1]), max_size=3 * n)
    )
    source = draw(nodes)
    targets = draw(st.sets(nodes, min_size=1, max_size=3))
    max_hops = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=4)))
    k = draw(st.integers(min_value=1, max_value=5))
    return build(n, edges), source, targets, max_hops, k


def build(n, edges):
    sources, ends, costs = zip(*edges, strict=True) if edges else ((), (), ())
    return Graph.from_edges(n, sources, ends, costs)


def reference(graph, targets):
    """The engine's graph in networkx, with targets leading only to the sink."""
    g = nx.DiGraph()
    g.add_nodes_from([*range(graph.n), SINK])
    for u in range(graph.n):
        if u in targets:
            g.add_edge(u, SINK, weight=0.0)
            continue
        for v in graph.neighbours(u):
            g.add_edge(u, v, weight=graph.edge_cost(u, v))
    return g


def chain_cost(g, nodes):
    return sum(g[a][b]["weight"] for a, b in itertools.pairwise(nodes))


def all_costs(g, source, max_hops):
    """Every simple chain's cost, brute force (the graphs are tiny)."""
    cutoff = None if max_hops is None else max_hops + 1  # + the link to the sink
    paths = nx.all_simple_paths(g, source, SINK, cutoff=cutoff)
    return sorted(chain_cost(g, p) for p in paths)


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@FEW_EXAMPLES
@given(problems())
def test_the_best_chain_costs_what_networkx_finds(problem):
    graph, source, targets, max_hops, _ = problem
    g = reference(graph, targets)

    path = best_path(graph, source, targets, max_hops=max_hops)

    if source in targets:
        assert path is not None
        assert path.nodes == (source,)
        assert path.cost == 0
    elif max_hops is None:
        try:
            expected = nx.dijkstra_path_length(g, source, SINK)
        except nx.NetworkXNoPath:
            assert path is None
        else:
            assert path is not None
            assert close(path.cost, expected)
    else:
        costs = all_costs(g, source, max_hops)
        assert (path is None) == (not costs)
        if path is not None:
            assert close(path.cost, costs[0])
            assert path.n_hops <= max_hops


@FEW_EXAMPLES
@given(problems())
def test_the_k_best_chains_match_networkx_simple_paths(problem):
    graph, source, targets, max_hops, k = problem
    g = reference(graph, targets)

    paths = k_best_paths(graph, source, targets, k, max_hops=max_hops)

    if source in targets:
        assert [p.nodes for p in paths] == [(source,)]
        return
    if max_hops is None:
        expected = (
            [
                chain_cost(g, p)
                for p in itertools.islice(nx.shortest_simple_paths(g, source, SINK, "weight"), k)
            ]
            if nx.has_path(g, source, SINK)
            else []
        )
    else:
        expected = all_costs(g, source, max_hops)[:k]
    assert len(paths) == len(expected)
    assert all(close(p.cost, c) for p, c in zip(paths, expected, strict=True))
    assert len({p.nodes for p in paths}) == len(paths)
    assert all(a.cost <= b.cost for a, b in itertools.pairwise(paths))
    for p in paths:
        assert p.nodes[0] == source
        assert p.nodes[-1] in targets
        assert targets.isdisjoint(p.nodes[:-1])
        assert len(set(p.nodes)) == len(p.nodes)
        assert close(p.cost, chain_cost(g, p.nodes))
        assert max_hops is None or p.n_hops <= max_hops


@FEW_EXAMPLES
@given(problems())
def test_the_best_chain_is_the_first_of_the_k_best(problem):
    graph, source, targets, max_hops, k = problem

    best = best_path(graph, source, targets, max_hops=max_hops)
    paths = k_best_paths(graph, source, targets, k, max_hops=max_hops)

    assert (best is None) == (paths == [])
    if best is not None:
        assert close(paths[0].cost, best.cost)


@st.composite
def larger_problems(draw):
    """Sparse graphs of 30–200 nodes from a seeded generator: hypothesis keeps drawn lists
    short, and these must be big enough for both searches to prune and stop early."""
    rng = random.Random(draw(st.integers(min_value=0, max_value=2**32)))
    n = rng.randint(30, 200)
    edges = [
        (rng.randrange(n), rng.randrange(n), rng.choice([1.0, 1.5, 2.25, rng.uniform(0.5, 10)]))
        for _ in range(n * rng.randint(1, 4))
    ]
    graph = build(n, [e for e in edges if e[0] != e[1]])
    source = rng.randrange(n)
    targets = set(rng.sample(range(n), rng.randint(1, 4))) - {source}
    return graph, source, targets, rng.randint(1, 4)


@settings(derandomize=True, max_examples=120, deadline=None)
@given(larger_problems())
def test_on_larger_graphs_the_search_that_stops_early_still_finds_the_best(problem):
    graph, source, targets, k = problem
    g = reference(graph, targets)

    paths = k_best_paths(graph, source, targets, k)
    best = best_path(graph, source, targets)

    if not nx.has_path(g, source, SINK):
        assert best is None
        assert paths == []
        return
    expected = [
        chain_cost(g, p)
        for p in itertools.islice(nx.shortest_simple_paths(g, source, SINK, "weight"), k)
    ]
    assert best is not None
    assert close(best.cost, expected[0])
    assert len(paths) == len(expected)
    assert all(close(p.cost, c) for p, c in zip(paths, expected, strict=True))
