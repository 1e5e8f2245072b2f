"""The network map as an SVG document, drawn on the server.

Pure: it takes plain nodes and edges, places them with ``intros.layout`` and writes SVG
markup. Every piece of text that comes from the user (names, organizations, evidence) is
escaped here, so the page can include the result as it is. The look comes from classes
styled in the main stylesheet (no inline styles: the Content-Security-Policy forbids them).

Shapes: the user is a large circle in the middle, contacts are circles, organizations are
squares. Ties are lines as wide as they are strong; inferred ties are dashed; a contact's
link to an organization is a thin dotted line. The chain to the selected person is drawn
last, on top, in the accent colour. Each node is a link with a <title> that says who it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

from .layout import Box, LayoutEdge, layout

__all__ = ["MapEdge", "MapNode", "map_svg", "short_label"]

NodeKind = Literal["self", "contact", "organization"]
EdgeKind = Literal["recorded", "inferred", "affiliation"]

WIDTH = 900.0
CHAR_WIDTH = 7.0  # a 12 px system-font character, on average
LABEL_HEIGHT = 30.0  # the node above, its label below
RADIUS = {"self": 12.0, "contact": 7.0, "organization": 7.0}
MAX_LABEL = 18


@dataclass(frozen=True, slots=True)
class MapNode:
    kind: NodeKind
    label: str
    title: str
    href: str = ""
    is_on_chain: bool = False


@dataclass(frozen=True, slots=True)
class MapEdge:
    a: int
    b: int
    kind: EdgeKind
    strength: int
    title: str
    is_on_chain: bool = False


def short_label(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _length(edge: MapEdge, nodes: Sequence[MapNode]) -> float:
    """Strong ties are short; the user's own ties ring the centre by strength."""
    if edge.kind == "affiliation":
        return 1.2
    if edge.kind == "inferred":
        return 2.0
    weakness = 5 - max(1, min(edge.strength, 5))
    if "self" in (nodes[edge.a].kind, nodes[edge.b].kind):
        return 1.0 + 0.5 * weakness
    return 1.0 + 0.3 * weakness


def _box(node: MapNode) -> Box:
    if node.kind == "self":
        return Box(2 * RADIUS["self"] + 16, LABEL_HEIGHT)
    label = len(short_label(node.label)) * CHAR_WIDTH + 10
    return Box(max(label, 2 * RADIUS[node.kind] + 8), LABEL_HEIGHT)


def map_height(n_nodes: int) -> float:
    return float(min(max(420, 300 + 3.2 * n_nodes), 1000))


def map_svg(
    nodes: Sequence[MapNode],
    edges: Sequence[MapEdge],
    *,
    title: str,
    description: str = "",
    seed: int = 0,
) -> str:
    """The map as an <svg> element. Node 0 is the user, drawn in the middle."""
    height = map_height(len(nodes))
    placed = layout(
        len(nodes),
        [LayoutEdge(e.a, e.b, _length(e, nodes)) for e in edges if e.a != e.b],
        width=WIDTH,
        height=height,
        centre=0,
        boxes=[_box(node) for node in nodes],
        seed=seed,
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map-svg" viewBox="0 0 {WIDTH:.0f} '
        f'{height:.0f}" role="group" aria-labelledby="map-svg-title map-svg-desc">',
        f'<title id="map-svg-title">{escape(title)}</title>',
        f'<desc id="map-svg-desc">{escape(description)}</desc>',
        '<g class="map-edges">',
    ]
    for edge in sorted(edges, key=lambda e: e.is_on_chain):
        (x1, y1), (x2, y2) = placed.position(edge.a), placed.position(edge.b)
        classes = f"map-edge {edge.kind}" + (" on-chain" if edge.is_on_chain else "")
        stroke = 1.0 if edge.kind == "affiliation" else 0.6 + 0.6 * max(1, min(edge.strength, 5))
        if edge.is_on_chain:
            stroke += 2.5
        out.append(
            f'<line class="{classes}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{stroke:.1f}"><title>{escape(edge.title)}</title></line>'
        )
    out.append('</g><g class="map-nodes">')
    for index, node in sorted(enumerate(nodes), key=lambda pair: pair[1].is_on_chain):
        x, y = placed.position(index)
        out.append(_node(node, x, y))
    out.append("</g></svg>")
    return "\n".join(out)


def _node(node: MapNode, x: float, y: float) -> str:
    radius = RADIUS[node.kind]
    classes = f"map-node {node.kind}" + (" on-chain" if node.is_on_chain else "")
    if node.kind == "self":  # the largest circle, with its label inside, in the middle
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.0f}"/>'
        label = (
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle">'
            f"{escape(short_label(node.label, 4))}</text>"
        )
        return _linked(node, classes, shape + label)
    y_shape = y - LABEL_HEIGHT / 2 + radius + 1
    if node.kind == "organization":
        shape = (
            f'<rect x="{x - radius:.1f}" y="{y_shape - radius:.1f}" width="{2 * radius:.0f}" '
            f'height="{2 * radius:.0f}" rx="2"/>'
        )
    else:
        shape = f'<circle cx="{x:.1f}" cy="{y_shape:.1f}" r="{radius:.0f}"/>'
    label = (
        f'<text x="{x:.1f}" y="{y_shape + radius + 11:.1f}" text-anchor="middle">'
        f"{escape(short_label(node.label))}</text>"
    )
    return _linked(node, classes, shape + label)


def _linked(node: MapNode, classes: str, drawing: str) -> str:
    inner = f"<title>{escape(node.title)}</title>{drawing}"
    if node.href:
        return f'<a class="{classes}" href="{escape(node.href)}">{inner}</a>'
    return f'<g class="{classes}">{inner}</g>'
