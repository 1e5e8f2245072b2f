"""The map's layout and SVG: deterministic, inside the box, labels apart, text escaped."""

import re

import numpy as np
import pytest

from curbside.intros.layout import MAX_NODES, Box, LayoutEdge, layout
from curbside.intros.svg import MapEdge, MapNode, map_svg, short_label


def star(n: int, seed: int = 0) -> list[LayoutEdge]:
    rng = np.random.default_rng(seed)
    edges = [LayoutEdge(0, i, 1.0 + 0.5 * int(rng.integers(0, 5))) for i in range(1, n)]
    edges += [
        LayoutEdge(int(a), int(b), 1.5) for a, b in rng.integers(1, n, size=(n // 2, 2)) if a != b
    ]
    return edges


def test_the_same_input_and_seed_give_the_same_layout():
    edges = star(60)
    first = layout(60, edges, width=1000, height=800, seed=7)
    again = layout(60, edges, width=1000, height=800, seed=7)
    assert first == again


def test_the_centre_is_in_the_middle_and_every_node_inside_the_margins():
    placed = layout(120, star(120), width=1000, height=700, centre=0, margin=30)
    assert placed.position(0) == pytest.approx((500, 350))
    assert 30 <= min(placed.xs) <= max(placed.xs) <= 970
    assert 30 <= min(placed.ys) <= max(placed.ys) <= 670


def test_labels_do_not_overlap_when_there_is_room():
    n = 200
    boxes = [Box(60, 30) for _ in range(n)]
    placed = layout(n, star(n, seed=3), width=1200, height=1000, boxes=boxes)
    xs, ys = np.array(placed.xs), np.array(placed.ys)
    apart_x = np.abs(xs[:, None] - xs[None, :]) >= 60 - 1e-6
    apart_y = np.abs(ys[:, None] - ys[None, :]) >= 30 - 1e-6
    clashes = ~(apart_x | apart_y)
    np.fill_diagonal(clashes, False)
    assert not clashes.any()
    assert placed.position(0) == pytest.approx((600, 500), abs=30)


def test_strong_ties_sit_nearer_the_centre_than_weak_ones():
    edges = [LayoutEdge(0, i, 1.0) for i in range(1, 11)]
    edges += [LayoutEdge(0, i, 3.0) for i in range(11, 21)]
    placed = layout(21, edges, width=1000, height=1000)
    centre = np.array(placed.position(0))
    near = [np.linalg.norm(np.array(placed.position(i)) - centre) for i in range(1, 11)]
    far = [np.linalg.norm(np.array(placed.position(i)) - centre) for i in range(11, 21)]
    assert max(near) < min(far)


def test_unconnected_nodes_and_tiny_graphs_are_placed_too():
    placed = layout(3, [], width=400, height=300)
    assert len(placed.xs) == 3
    assert np.isfinite([*placed.xs, *placed.ys]).all()
    assert layout(0, [], width=400, height=300).xs == ()
    assert layout(1, [], width=400, height=300).position(0) == pytest.approx((200, 150))


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="nodes"):
        layout(MAX_NODES + 1, [], width=1000, height=1000)
    with pytest.raises(ValueError, match="edge"):
        layout(2, [LayoutEdge(0, 5)], width=1000, height=1000)
    with pytest.raises(ValueError, match="box"):
        layout(2, [], width=1000, height=1000, boxes=[Box(1, 1)])


def test_the_svg_escapes_every_label_title_and_link():
    nodes = [
        MapNode("self", "You", "You (<b>me</b>)"),
        MapNode("contact", "<script>alert(1)</script>", 'a "quoted" & <odd> name', "/x?a=1&b=<2>"),
        MapNode("organization", "St. <Mary's>", "org"),
    ]
    edges = [MapEdge(0, 1, "recorded", 4, "You know <script>"), MapEdge(1, 2, "affiliation", 1, "")]

    svg = map_svg(nodes, edges, title="<title>", description="& more")

    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/sc…" in svg or "&lt;script&gt;alert(1)" in svg
    assert "&lt;b&gt;me&lt;/b&gt;" in svg
    assert 'href="/x?a=1&amp;b=&lt;2&gt;"' in svg
    assert "St. &lt;Mary&#x27;s&gt;" in svg
    assert "<title>&lt;title&gt;</title>" in svg.replace(' id="map-svg-title"', "")


def test_the_svg_draws_shapes_by_kind_and_marks_the_chain():
    nodes = [
        MapNode("self", "You", "You"),
        MapNode("contact", "J. Roe", "Jane Roe", "/c/1", is_on_chain=True),
        MapNode("organization", "Mercy", "Mercy Hospital", "/o/1"),
    ]
    edges = [
        MapEdge(0, 1, "recorded", 5, "strong", is_on_chain=True),
        MapEdge(0, 2, "inferred", 2, "guess"),
        MapEdge(1, 2, "affiliation", 1, "works there"),
    ]

    svg = map_svg(nodes, edges, title="Your network")

    assert svg.count("<circle") == 2
    assert svg.count("<rect") == 1
    assert svg.count("<title") == 1 + len(nodes) + len(edges)
    assert 'class="map-edge recorded on-chain"' in svg
    assert 'class="map-edge inferred"' in svg
    assert '<a class="map-node contact on-chain" href="/c/1">' in svg
    widths = dict(re.findall(r'class="map-edge (\w+)[^"]*"[^>]*stroke-width="([\d.]+)"', svg))
    assert float(widths["recorded"]) > float(widths["inferred"]) > float(widths["affiliation"])


def test_long_labels_are_shortened():
    assert short_label("Massachusetts General Hospital") == "Massachusetts Gen…"
    assert short_label("  Jane   Roe ") == "Jane Roe"
