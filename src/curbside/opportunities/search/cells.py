"""Fixed grids over the globe: the cells a radius search reads.

Each search row stores the number of the 0.25° × 0.25° cell its point falls in
(`ListingSearch.geocell`); a search within a radius without words reads the cells that
overlap the radius's bounding box (about 60 for 50 miles in the lower 48 states) through a
plain B-tree index, on SQLite and PostgreSQL alike, then keeps the points inside the box
and finally inside the circle.

The full-text document of a listing also carries one token per grid level (0.25°, 1° and
4° cells: `geo_a_…`, `geo_b_…`, `geo_c_…`). A search with words and a radius adds "any of
the cells around the point" to the full-text query, at the finest level that needs at most
MAX_TEXT_CELLS cells (0.25° cells for 50 miles), so that a common word such as "patients"
yields the listings near the point rather than most of the instance. The tokens contain
underscores, which `text.words()` never produces: no typed word can match them.
"""

import math

from curbside.opportunities.geo import BoundingBox

CELL_DEGREES = 0.25
# Beyond this many cells (a radius of a few hundred miles) the bounding box alone is used.
MAX_GRID_CELLS = 400
# (token level, cell size in degrees), finest first.
TEXT_LEVELS = (("a", 0.25), ("b", 1.0), ("c", 4.0))
MAX_TEXT_CELLS = 80
# bm25 sums over every phrase of the query, grid tokens included: ranking passes use few.
MAX_RANK_CELLS = 16


def _row(latitude: float, size: float) -> int:
    return min(round(180 / size) - 1, max(0, math.floor((latitude + 90.0) / size)))


def _column(longitude: float, size: float) -> int:
    return min(round(360 / size) - 1, max(0, math.floor((longitude + 180.0) / size)))


def cell_of(latitude: float, longitude: float, size: float = CELL_DEGREES) -> int:
    """The cell a point falls in."""
    return _row(latitude, size) * round(360 / size) + _column(longitude, size)


def cells_in(box: BoundingBox, size: float = CELL_DEGREES) -> list[int]:
    """Every cell that overlaps the box, in ascending order."""
    columns = range(_column(box.west, size), _column(box.east, size) + 1)
    return [
        row * round(360 / size) + column
        for row in range(_row(box.south, size), _row(box.north, size) + 1)
        for column in columns
    ]


def grid_around(box: BoundingBox) -> list[int]:
    """The cells overlapping the box, or none when they are too many to list."""
    n_rows = _row(box.north, CELL_DEGREES) - _row(box.south, CELL_DEGREES) + 1
    n_columns = _column(box.east, CELL_DEGREES) - _column(box.west, CELL_DEGREES) + 1
    return cells_in(box) if n_rows * n_columns <= MAX_GRID_CELLS else []


def text_tokens(latitude: float, longitude: float) -> list[str]:
    """The grid tokens of a point, one per level, for its full-text document."""
    return [f"geo_{level}_{cell_of(latitude, longitude, size)}" for level, size in TEXT_LEVELS]


def text_tokens_around(box: BoundingBox, max_cells: int = MAX_TEXT_CELLS) -> list[str]:
    """Tokens of the cells overlapping the box at the finest level that needs at most
    `max_cells` of them; none when even the coarsest level needs more (then the text is
    not limited by place)."""
    for level, size in TEXT_LEVELS:
        cells = cells_in(box, size)
        if len(cells) <= max_cells:
            return [f"geo_{level}_{cell}" for cell in cells]
    return []
