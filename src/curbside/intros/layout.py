"""Where to draw each node of the network map: stress majorization, then label spacing.

Approach:
1. Graph distances: every edge has a length (a strong tie is short); all-pairs shortest
   distances by Floyd–Warshall over a dense numpy matrix. People in no component with the
   centre are put one step beyond the farthest distance, so they ring the drawing.
2. Stress majorization (SMACOF): positions whose straight-line distances match the graph
   distances, weighting near pairs most (w = d^-2), the usual choice for readable drawings.
   Start from seeded random positions, so the same input always gives the same drawing.
3. The centre node (the user) is moved to the middle and the drawing scaled so that nine
   nodes in ten fill the box, less a margin; the farthest few are kept at its edge.
4. Label spacing: each node with its label is a box; a grid of box-sized cells covers the
   drawing, and each node in turn (the centre first, then by distance from it) takes the
   free cells nearest its place. Boxes never overlap unless the grid is full.

Complexity: O(n^3) for the distances, O(n^2) per stress round and O(cells) per node for
the grid, all in numpy; at 300 nodes it takes a fraction of a second. It is meant for a
few hundred nodes, not more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["MAX_NODES", "Box", "Layout", "LayoutEdge", "layout"]

MAX_NODES = 300
STRESS_ROUNDS = 300
STRESS_TOLERANCE = 1e-4
FIT_PERCENTILE = 90  # relative change of stress at which the majorization stops

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class LayoutEdge:
    a: int
    b: int
    length: float = 1.0


@dataclass(frozen=True, slots=True)
class Box:
    """The space a node takes with its label (width x height, centred on the node)."""

    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Layout:
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    width: float
    height: float

    def position(self, node: int) -> tuple[float, float]:
        return self.xs[node], self.ys[node]


def layout(
    n: int,
    edges: Sequence[LayoutEdge],
    *,
    width: float,
    height: float,
    centre: int = 0,
    boxes: Sequence[Box] | None = None,
    margin: float = 40.0,
    seed: int = 0,
) -> Layout:
    """Positions for nodes 0..n-1 inside width x height, `centre` in the middle."""
    if n < 0 or n > MAX_NODES:
        raise ValueError(f"The layout draws 0 to {MAX_NODES} nodes, not {n}.")
    if n and not 0 <= centre < n:
        raise ValueError("The centre must be one of the nodes.")
    if boxes is not None and len(boxes) != n:
        raise ValueError("Give one box per node.")
    if width <= 2 * margin or height <= 2 * margin:
        raise ValueError("The drawing is smaller than its margins.")
    if n == 0:
        return Layout((), (), width, height)
    distances = _distances(n, edges)
    points = _stress(distances, np.random.default_rng(seed))
    points = _fit(points - points[centre], width, height, margin)
    if boxes is not None:
        sizes = np.array([(b.width, b.height) for b in boxes], dtype=np.float64)
        nearest_first = sorted(range(n), key=lambda node: (distances[centre, node], node))
        points = _snap(points, sizes, nearest_first, width, height, margin)
    return Layout(
        tuple(float(x) for x in points[:, 0]),
        tuple(float(y) for y in points[:, 1]),
        width,
        height,
    )


def _distances(n: int, edges: Sequence[LayoutEdge]) -> FloatArray:
    distances = np.full((n, n), np.inf)
    np.fill_diagonal(distances, 0.0)
    for edge in edges:
        if edge.a == edge.b:
            continue
        if not (0 <= edge.a < n and 0 <= edge.b < n) or edge.length <= 0:
            raise ValueError(f"Bad edge {edge}.")
        length = min(distances[edge.a, edge.b], edge.length)
        distances[edge.a, edge.b] = distances[edge.b, edge.a] = length
    for k in range(n):
        np.minimum(distances, distances[:, k, None] + distances[None, k, :], out=distances)
    finite = distances[np.isfinite(distances)]
    beyond = (finite.max() if finite.size else 0.0) + 1.0
    distances[~np.isfinite(distances)] = beyond
    return distances


def _stress(distances: FloatArray, rng: np.random.Generator) -> FloatArray:
    """Stress majorization, the localized (Jacobi) form of Gansner, Koren and North: each
    round moves every node to the weighted mean of where its pairs would put it. It needs
    no matrix inverse, and no BLAS call (whose threads cost more than the arithmetic at this
    size, and thrash on a busy machine)."""
    n = len(distances)
    points: FloatArray = rng.normal(size=(n, 2)) * distances.mean()
    if n < 3:
        return points
    with np.errstate(divide="ignore"):
        weights = np.where(distances > 0, distances**-2.0, 0.0)
    total = weights.sum(axis=1)
    total[total == 0] = 1.0
    previous = np.inf
    for _ in range(STRESS_ROUNDS):
        dx = np.subtract.outer(points[:, 0], points[:, 0])
        dy = np.subtract.outer(points[:, 1], points[:, 1])
        gaps = np.hypot(dx, dy)
        stress = float((weights * (gaps - distances) ** 2).sum())
        if previous - stress < STRESS_TOLERANCE * previous:
            break
        previous = stress
        with np.errstate(divide="ignore", invalid="ignore"):
            pull = np.where(gaps > 0, weights * distances / gaps, 0.0)
        x = ((weights * points[None, :, 0]).sum(axis=1) + (pull * dx).sum(axis=1)) / total
        y = ((weights * points[None, :, 1]).sum(axis=1) + (pull * dy).sum(axis=1)) / total
        points = np.column_stack((x, y))
    return points


def _fit(points: FloatArray, width: float, height: float, margin: float) -> FloatArray:
    """Scale each axis so the farthest node reaches the margin, the origin in the middle."""
    half = np.array([width / 2 - margin, height / 2 - margin])
    # The 90th percentile, not the farthest: a few people far out (in no component with the
    # centre) would otherwise squeeze everyone else into the middle. They go to the edge.
    reach = np.percentile(np.abs(points), FIT_PERCENTILE, axis=0)
    scale = np.divide(half, reach, out=np.zeros(2), where=reach > 0)
    # Keep the aspect near the graph's own: at most 1.5 times stretched one way.
    scale = np.minimum(scale, scale.min() * 1.5) if scale.min() > 0 else scale
    fitted: FloatArray = np.clip(
        points * scale + np.array([width / 2, height / 2]),
        [margin, margin],
        [width - margin, height - margin],
    )
    return fitted


def _snap(
    points: FloatArray,
    sizes: FloatArray,
    order: Sequence[int],
    width: float,
    height: float,
    margin: float,
) -> FloatArray:
    """Give each node, in `order`, the free grid cells nearest its place that fit its box.

    The grid's cells are as small as the narrowest box and as tall as the tallest; a wider
    box takes several cells of a row. Nodes placed first (the centre, the nearest people)
    move least. A node that finds no room keeps its place (and may overlap)."""
    cell_w, cell_h = float(sizes[:, 0].min()), float(sizes[:, 1].max())
    columns = max(int((width - 2 * margin) // cell_w), 1)
    rows = max(int((height - 2 * margin) // cell_h), 1)
    left = (width - columns * cell_w) / 2
    top = (height - rows * cell_h) / 2
    free = np.ones((rows, columns), dtype=bool)
    row_centres = top + (np.arange(rows) + 0.5) * cell_h
    snapped = points.copy()
    for node in order:
        span = min(int(np.ceil(sizes[node, 0] / cell_w - 1e-9)), columns)
        # fits[r, c]: cells c .. c + span - 1 of row r are all free
        runs = np.lib.stride_tricks.sliding_window_view(free, span, axis=1)
        fits = runs.all(axis=2)
        if not fits.any():
            continue
        x_centres = left + (np.arange(fits.shape[1]) + span / 2) * cell_w
        cost = (x_centres[None, :] - points[node, 0]) ** 2 + (
            row_centres[:, None] - points[node, 1]
        ) ** 2
        cost[~fits] = np.inf
        row, column = np.unravel_index(int(np.argmin(cost)), cost.shape)
        free[row, column : column + span] = False
        snapped[node] = (x_centres[column], row_centres[row])
    return snapped
