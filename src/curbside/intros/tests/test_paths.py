"""The path engine on hand-built graphs: building, best chain, k best chains, limits."""

import numpy as np
import pytest

from curbside.intros.paths import Graph, IntroPath, best_path, k_best_paths


def graph(n, edges):
    sources, targets, costs = zip(*edges, strict=True) if edges else ((), (), ())
    return Graph.from_edges(n, sources, targets, costs)


# Three chains from 0 to 3: 0-1-2-3 (3 links, cost 3), 0-4-3 (2 links, 4.5), 0-3 (1 link, 5).
DIAMOND = [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (0, 3, 5.0), (0, 4, 2.0), (4, 3, 2.5)]


def test_building_stores_every_edge_both_ways_with_the_cheapest_neighbour_first():
    g = graph(4, [(0, 1, 2.5), (2, 0, 1.5), (3, 2, 1.0)])

    assert g.indptr.tolist() == [0, 2, 3, 5, 6]
    assert g.neighbours(0) == [2, 1]
    assert g.neighbours(2) == [3, 0]
    assert g.costs[g.indptr[2] : g.indptr[3]].tolist() == [1.0, 1.5]
    assert g.edge_cost(0, 2) == g.edge_cost(2, 0) == 1.5
    assert g.n_edges == 3
    assert (g.indptr.dtype, g.indices.dtype, g.costs.dtype) == (np.int64, np.int32, np.float64)


def test_building_keeps_the_cheapest_of_duplicate_pairs_in_either_direction():
    g = graph(2, [(0, 1, 3.0), (1, 0, 2.0), (0, 1, 4.0)])

    assert g.n_edges == 1
    assert g.edge_cost(0, 1) == 2.0
    assert g.edge_cost(1, 0) == 2.0


def test_a_missing_edge_has_no_cost():
    with pytest.raises(KeyError):
        graph(3, [(0, 1, 1.0)]).edge_cost(0, 2)


def test_a_graph_without_edges_is_allowed():
    g = graph(3, [])

    assert g.n_edges == 0
    assert best_path(g, 0, {2}) is None
    assert k_best_paths(g, 0, {2}) == []


@pytest.mark.parametrize(
    ("edges", "message"),
    [
        ([(0, 1, 0.0)], "greater than 0"),
        ([(0, 1, -1.0)], "greater than 0"),
        ([(0, 1, float("nan"))], "greater than 0"),
        ([(0, 1, float("inf"))], "at most 1e"),
        ([(0, 1, 1e31)], "at most 1e"),
        ([(0, 0, 1.0)], "itself"),
        ([(0, 3, 1.0)], "between 0 and 2"),
        ([(-1, 2, 1.0)], "between 0 and 2"),
    ],
)
def test_building_rejects_bad_edges(edges, message):
    with pytest.raises(ValueError, match=message):
        graph(3, edges)


def test_building_rejects_arrays_of_different_lengths():
    with pytest.raises(ValueError, match="same length"):
        Graph.from_edges(3, [0, 1], [1], [1.0])


def test_the_best_chain_takes_the_cheapest_route_not_the_shortest():
    path = best_path(graph(5, DIAMOND), 0, {3})

    assert path == IntroPath((0, 1, 2, 3), 3.0)
    assert path.n_hops == 3


def test_the_best_chain_to_a_group_ends_at_its_nearest_member():
    g = graph(5, DIAMOND)

    assert best_path(g, 0, {3, 4}) == IntroPath((0, 4), 2.0)
    assert best_path(g, 0, {2, 3}) == IntroPath((0, 1, 2), 2.0)


def test_a_chain_from_someone_in_the_target_is_just_them():
    g = graph(5, DIAMOND)

    assert best_path(g, 3, {3, 4}) == IntroPath((3,), 0.0)
    assert k_best_paths(g, 3, {3, 4}, 3) == [IntroPath((3,), 0.0)]


def test_an_unreachable_target_has_no_chain():
    g = graph(6, [*DIAMOND])  # node 5 has no ties

    assert best_path(g, 0, {5}) is None
    assert k_best_paths(g, 0, {5}) == []
    assert best_path(g, 0, set()) is None


def test_max_hops_finds_the_cheapest_chain_that_is_short_enough():
    g = graph(5, DIAMOND)

    assert best_path(g, 0, {3}, max_hops=2) == IntroPath((0, 4, 3), 4.5)
    assert best_path(g, 0, {3}, max_hops=1) == IntroPath((0, 3), 5.0)
    assert best_path(g, 0, {3}, max_hops=3) == IntroPath((0, 1, 2, 3), 3.0)
    assert best_path(g, 0, {3}, max_hops=0) is None
    assert best_path(g, 3, {3}, max_hops=0) == IntroPath((3,), 0.0)


def test_max_hops_rules_out_long_chains_from_the_k_best():
    g = graph(5, DIAMOND)

    paths = k_best_paths(g, 0, {3}, 5, max_hops=2)

    assert paths == [IntroPath((0, 4, 3), 4.5), IntroPath((0, 3), 5.0)]


def test_the_k_best_chains_come_cheapest_first_without_repeats():
    paths = k_best_paths(graph(5, DIAMOND), 0, {3}, 10)

    assert paths == [
        IntroPath((0, 1, 2, 3), 3.0),
        IntroPath((0, 4, 3), 4.5),
        IntroPath((0, 3), 5.0),
    ]
    assert k_best_paths(graph(5, DIAMOND), 0, {3}, 2) == paths[:2]


def test_a_chain_never_passes_through_one_target_to_reach_another():
    # 0 - 1 - 2, both 1 and 2 in the target: reaching 1 is enough.
    g = graph(3, [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 5.0)])

    assert k_best_paths(g, 0, {1, 2}, 5) == [IntroPath((0, 1), 1.0), IntroPath((0, 2), 5.0)]


def test_k_must_be_positive_and_nodes_must_exist():
    g = graph(5, DIAMOND)

    with pytest.raises(ValueError, match="k must be"):
        k_best_paths(g, 0, {3}, 0)
    with pytest.raises(ValueError, match="not in the graph"):
        best_path(g, 9, {3})
    with pytest.raises(ValueError, match="not in the graph"):
        best_path(g, 0, {-1})
    with pytest.raises(ValueError, match="negative"):
        best_path(g, 0, {3}, max_hops=-1)


def test_the_engine_reads_neighbours_without_numpy_scalars():
    # A guard for the hot loop: memoryview items are plain Python numbers.
    g = graph(5, DIAMOND)

    assert type(g._indices[0]) is int
    assert type(g._costs[0]) is float
    assert type(g._indptr[1]) is int


def test_graph_memory_is_the_three_arrays():
    g = graph(5, DIAMOND)

    assert g.nbytes == 6 * 8 + 12 * 4 + 12 * 8


def test_the_first_meeting_of_the_two_searches_is_not_taken_for_the_best():
    # Both searches reach node 1 first (0-1-2 costs 4); the cheaper chain 0-3-4-2 (3.8)
    # is only found by searching on until the queue heads rule everything else out.
    g = graph(5, [(0, 1, 2.0), (1, 2, 2.0), (0, 3, 1.4), (3, 4, 1.0), (4, 2, 1.4)])

    assert best_path(g, 0, {2}) == IntroPath((0, 3, 4, 2), 3.8)


def test_numpy_ids_give_chains_of_plain_ints():
    g = graph(5, DIAMOND)

    [path] = k_best_paths(g, np.int64(0), {np.int32(3)}, 1)

    assert path == IntroPath((0, 1, 2, 3), 3.0)
    assert {type(node) for node in path.nodes} == {int}
