"""Reads of job listings: the search behind the page, the API and saved searches.

The plan, which matters more than anything else at a million listings:

1. Filters are read from the narrow `ListingSearch` table only, never from the listings.
   With a place, from a covering index that starts with the grid cell (`search.cells`):
   the cells around the point, then the bounding box, expiry, salary, visa, dates and the
   exact circle (the haversine inequality without its arcsine) are all checked in the
   index, without reading a row.
2. Words are matched by the full-text index: FTS5 on SQLite, a GIN-indexed tsvector on
   PostgreSQL. Near a place the full-text query also asks for the grid tokens around it,
   so a word in most listings ("patients") yields the listings near the place, not most
   of the instance. On SQLite those rowids (one pass, no ranking) are intersected with the
   narrow candidates; without a place they drive a primary-key join to the narrow table.
3. The candidates that can count in some facet (all facet filters matched but at most
   one) are materialised once; the same statement counts them by facet values (GROUP BY)
   and sorts those matching every filter for the page (ORDER BY … LIMIT). Ranking (bm25,
   title weighted highest, or ts_rank) is computed for the listings of the result only:
   it costs more per row than finding the row. On SQLite near a place, bm25 is used only
   when the words are in few enough listings for its weighing to be cheap; otherwise the
   words in the title come first, then the newest (`search.rank`). Python receives a few
   dozen groups and a page of ids, never the candidates: turning rows into Python objects
   costs more still.
4. Only then are the page's `Listing` rows read, by primary key: the wide table (titles,
   descriptions) is never scanned or joined for a search.

Without words or place the candidates are not materialised (there may be a million): the
database counts them in one pass and reads the newest page through the date index.
"""

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.db import connection

from curbside.opportunities.classify import POSITION_TYPES, PRACTICE_SETTINGS, SPECIALTIES
from curbside.opportunities.geo import (
    EARTH_RADIUS_MILES,
    Point,
    bounding_box,
    haversine_miles,
    locate,
)
from curbside.opportunities.models import Listing, ListingSearch
from curbside.opportunities.search.cells import (
    MAX_RANK_CELLS,
    grid_around,
    text_tokens_around,
)
from curbside.opportunities.search.display import miles_text, salary_text
from curbside.opportunities.search.index import TEXT_TABLE
from curbside.opportunities.search.params import (
    SORTS,
    ListingSearchParams,
    params_from_query,
)
from curbside.opportunities.search.query import TextQuery, parse_words
from curbside.opportunities.search.rank import bm25_affordable

__all__ = [
    "SORTS",
    "Facet",
    "FacetCount",
    "ListingHit",
    "ListingSearchParams",
    "ListingSearchResult",
    "listing_get",
    "listing_salary",
    "listing_search",
    "params_from_query",
]

SEARCH_TABLE = ListingSearch._meta.db_table
# Facet (a ListingSearch column) → its vocabulary.
FACETS: dict[str, Mapping[str, str]] = {
    "specialty": SPECIALTIES,
    "practice_setting": PRACTICE_SETTINGS,
    "position_type": POSITION_TYPES,
}
# ORDER BY of each sort, best first; ties go to the most recently posted, then newest row.
ORDERS = {
    "relevance": "{t}score DESC, {t}posted_on DESC NULLS LAST, {t}id DESC",
    "distance": "{t}nearness, {t}posted_on DESC NULLS LAST, {t}id DESC",
    "date": "{t}posted_on DESC NULLS LAST, {t}id DESC",
}
# SQLite: the covering index of the narrow table that a place reads (migration 0002).
GEO_INDEX = "listing_search_geo_cover"
# bm25 weights of the FTS5 columns: title, employer, specialty, place, body, grid tokens.
BM25_WEIGHTS = "10.0, 4.0, 3.0, 2.0, 1.0, 0.0"


@dataclass(frozen=True, slots=True)
class FacetCount:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True, slots=True)
class Facet:
    """Counts of one filter's values among listings that match every other filter."""

    name: str
    counts: tuple[FacetCount, ...]


@dataclass(frozen=True, slots=True)
class ListingHit:
    listing: Listing
    distance_miles: float | None = None

    @property
    def salary(self) -> str:
        return listing_salary(self.listing)

    @property
    def distance(self) -> str:
        return miles_text(self.distance_miles)


@dataclass(frozen=True, slots=True)
class ListingSearchResult:
    params: ListingSearchParams
    hits: tuple[ListingHit, ...] = ()
    total: int = 0
    facets: tuple[Facet, ...] = ()
    point: Point | None = None  # where `near` is
    error: str = ""  # why nothing was searched (an unknown place)
    sort: str = "relevance"  # the order applied (distance needs a place, relevance words)
    has_words: bool = False

    @property
    def n_pages(self) -> int:
        return max(1, -(-self.total // self.params.per_page))

    @property
    def has_previous(self) -> bool:
        return self.params.page > 1

    @property
    def has_next(self) -> bool:
        return self.params.page < self.n_pages

    @property
    def first_number(self) -> int:
        return (self.params.page - 1) * self.params.per_page + 1 if self.hits else 0

    @property
    def last_number(self) -> int:
        return self.first_number + len(self.hits) - 1 if self.hits else 0


class _Sql:
    """A fragment of SQL and its parameters, built step by step in statement order."""

    def __init__(self, sql: str = "", *params: Any) -> None:
        self.sql = sql
        self.params: list[Any] = list(params)

    def add(self, sql: str, *params: Any) -> "_Sql":
        self.sql += sql
        self.params.extend(params)
        return self

    def extend(self, other: "_Sql") -> "_Sql":
        return self.add(other.sql, *other.params)


def _conjunction(parts: list[_Sql]) -> _Sql:
    joined = _Sql()
    for i, part in enumerate(parts):
        joined.add(" AND " if i else "").extend(part)
    return joined if parts else _Sql("1 = 1")


def listing_salary(listing: Listing) -> str:
    """The listing's pay as it reads: "$250,000–$300,000 a year"."""
    minimum = cast(Decimal | None, listing.salary_min)
    maximum = cast(Decimal | None, listing.salary_max)
    return salary_text(minimum, maximum, listing.salary_unit)


def listing_get(*, listing_id: int) -> Listing | None:
    """A listing by id, expired or not (a saved link keeps working)."""
    return Listing.objects.filter(pk=listing_id).first()


def listing_search(params: ListingSearchParams, *, today: date) -> ListingSearchResult:
    """Listings matching the parameters that have not expired by `today`, one page of them,
    with the total and the facet counts."""
    point: Point | None = None
    if params.near:
        point = locate(params.near)
        if point is None:
            return ListingSearchResult(
                params=params,
                error=f"We could not find “{params.near}”. Try a ZIP code or “City, ST”.",
            )
    words = parse_words(params.q)
    sort = _applied_sort(params.sort, has_words=bool(words), has_point=point is not None)
    selected = {name: getattr(params, name) for name in FACETS if getattr(params, name)}
    statement = _statement(params, words, point, selected, sort=sort, today=today)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, statement.params)
        rows = cursor.fetchall()
    groups = [(row[1:4], row[4]) for row in rows if row[0] is None]
    page = sorted((row for row in rows if row[0] is not None), key=lambda row: row[7])
    total, counts = _count(groups, selected)
    page_ids = [row[0] for row in page]
    listings = Listing.objects.in_bulk(page_ids) if page_ids else {}
    hits = []
    for row in page:
        listing = listings.get(row[0])
        if listing is None:  # deleted since the statement ran
            continue
        distance = None
        if point is not None and row[5] is not None:
            distance = haversine_miles(point, (row[5], row[6]))
        hits.append(ListingHit(listing, distance))
    return ListingSearchResult(
        params=params,
        hits=tuple(hits),
        total=total,
        facets=_facets(counts, selected),
        point=point,
        sort=sort,
        has_words=bool(words),
    )


def _applied_sort(sort: str, *, has_words: bool, has_point: bool) -> str:
    if sort == "distance" and not has_point:
        sort = "relevance"
    if sort == "relevance" and not has_words:
        sort = "date"
    return sort


def _filters(params: ListingSearchParams, *, today: date, point: Point | None) -> list[_Sql]:
    """Every filter but the words and the facets, on the narrow table `s`."""
    ops = connection.ops
    # Expired listings never match; a listing without an expiry date stays until removed.
    filters = [
        _Sql("(s.expires_on IS NULL OR s.expires_on >= %s)", ops.adapt_datefield_value(today))
    ]
    if params.salary_floor is not None:
        filters.append(
            _Sql("COALESCE(s.annual_salary_max, s.annual_salary_min) >= %s", params.salary_floor)
        )
    if params.visa:
        filters.append(_Sql("s.has_visa = %s", True))
    if params.posted_since is not None:
        filters.append(_Sql("s.posted_on >= %s", ops.adapt_datefield_value(params.posted_since)))
    if params.created_after is not None:
        filters.append(
            _Sql("s.created_at > %s", ops.adapt_datetimefield_value(params.created_after))
        )
    if point is not None:
        box = bounding_box(point, params.radius)
        filters.append(_Sql("s.latitude BETWEEN %s AND %s", box.south, box.north))
        filters.append(_Sql("s.longitude BETWEEN %s AND %s", box.west, box.east))
        filters.append(_within(point, params.radius))
    return filters


def _within(point: Point, miles: float) -> _Sql:
    """The haversine test: sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2) ≤ sin²(d / 2R)."""
    latitude, longitude = point
    half_radian = math.pi / 360
    limit = math.sin(min(math.pi / 2, miles / (2 * EARTH_RADIUS_MILES))) ** 2
    return _Sql(
        "POWER(SIN((s.latitude - %s) * %s), 2) + %s * COS(s.latitude * %s) "
        "* POWER(SIN((s.longitude - %s) * %s), 2) <= %s",
        latitude,
        half_radian,
        math.cos(math.radians(latitude)),
        2 * half_radian,
        longitude,
        half_radian,
        limit,
    )


def _distance_order(point: Point) -> _Sql:
    """Monotonic in the distance from `point` (the haversine term): for ORDER BY."""
    latitude, longitude = point
    half_radian = math.pi / 360
    return _Sql(
        "POWER(SIN((s.latitude - %s) * %s), 2) + %s * COS(s.latitude * %s) "
        "* POWER(SIN((s.longitude - %s) * %s), 2)",
        latitude,
        half_radian,
        math.cos(math.radians(latitude)),
        2 * half_radian,
        longitude,
        half_radian,
    )


def _facet_trick(selected: Mapping[str, str]) -> list[_Sql]:
    """Rows that match all selected facet values but at most one: the others count nowhere."""
    if len(selected) < 2:
        return []
    cases = " + ".join(f"CASE WHEN s.{name} = %s THEN 1 ELSE 0 END" for name in selected)
    return [_Sql(f"({cases}) >= %s", *selected.values(), len(selected) - 1)]


def _statement(
    params: ListingSearchParams,
    words: TextQuery,
    point: Point | None,
    selected: Mapping[str, str],
    *,
    sort: str,
    today: date,
) -> _Sql:
    """One statement: (None, specialty, setting, type, count, …) per group of candidates,
    then (id, …, latitude, longitude, position) for each listing of the page."""
    box = bounding_box(point, params.radius) if point is not None else None
    where = _filters(params, today=today, point=point) + _facet_trick(selected)
    every_facet = " AND ".join(f"s.{name} = %s" for name in selected) or "1 = 1"
    grid = grid_around(box) if box is not None else []
    sqlite_near_words = bool(words) and bool(grid) and connection.vendor == "sqlite"
    # The score, only for rows that match every facet filter: the others only count.
    if words and connection.vendor == "postgresql":
        score = _Sql(
            f"CASE WHEN {every_facet} THEN ts_rank(f.document, %s::tsquery) ELSE 0 END",
            *selected.values(),
            words.tsquery(),
        )
    elif words and not sqlite_near_words:
        score = _Sql(
            f"CASE WHEN {every_facet} THEN -bm25({TEXT_TABLE}, {BM25_WEIGHTS}) ELSE 0 END",
            *selected.values(),
        )
    else:
        score = _Sql("0")
    nearness = _distance_order(point) if point is not None else _Sql("0")
    candidates = (
        _Sql("SELECT s.listing_id AS id, s.specialty AS specialty, ")
        .add("s.practice_setting AS practice_setting, s.position_type AS position_type, ")
        .add("s.latitude AS latitude, s.longitude AS longitude, s.posted_on AS posted_on, ")
        .add("s.created_at AS created_at, ")
        .extend(score)
        .add(" AS score, ")
        .extend(nearness)
        .add(" AS nearness ")
    )
    cells = text_tokens_around(box) if box is not None else []
    in_grid = f"s.geocell IN ({', '.join(['%s'] * len(grid))}) AND "
    if words and connection.vendor == "postgresql":
        candidates.add(f"FROM {TEXT_TABLE} f JOIN {SEARCH_TABLE} s ON s.listing_id = f.listing_id ")
        candidates.add("WHERE f.document @@ %s::tsquery AND ", words.tsquery(any_of=cells))
    elif sqlite_near_words:
        # Near a place, the narrow rows come from the covering index (never the table) and
        # are kept when the full-text hits (rowids only, in one pass) include them.
        candidates.add(f"FROM {SEARCH_TABLE} s INDEXED BY {GEO_INDEX} WHERE {in_grid}", *grid)
        candidates.add(f"s.listing_id IN (SELECT rowid FROM {TEXT_TABLE} ")  # noqa: S608 (constants)
        candidates.add(f"WHERE {TEXT_TABLE} MATCH %s) AND ", words.fts5(any_of=cells))
    elif words:
        # CROSS JOIN keeps the full-text table outside: probing FTS5 once per row of the
        # narrow table would read a common word's whole doclist each time.
        candidates.add(f"FROM {TEXT_TABLE} CROSS JOIN {SEARCH_TABLE} s ")
        candidates.add(f"ON s.listing_id = {TEXT_TABLE}.rowid WHERE {TEXT_TABLE} MATCH %s AND ")
        candidates.params.append(words.fts5(any_of=cells))
    elif grid:
        index = f" INDEXED BY {GEO_INDEX}" if connection.vendor == "sqlite" else ""
        candidates.add(f"FROM {SEARCH_TABLE} s{index} WHERE {in_grid}", *grid)
    else:
        candidates.add(f"FROM {SEARCH_TABLE} s WHERE ")
    candidates.extend(_conjunction(where))
    order = ORDERS[sort]
    every_facet_of_c = " AND ".join(f"c.{name} = %s" for name in selected) or "1 = 1"
    # Materialise the candidates only when words or a place keep them few.
    materialised = "MATERIALIZED" if words or point is not None else "NOT MATERIALIZED"
    statement = _Sql(f"WITH c AS {materialised} (").extend(candidates).add(")")
    page_score, page_join = "c.score", ""
    if sqlite_near_words and sort == "relevance" and box is not None:
        # The score of the listings of the result only, in a second pass over the hits:
        # bm25 when it is cheap (search.rank), else 1 for the words in the title.
        if bm25_affordable(words, text_table=TEXT_TABLE, search_table=SEARCH_TABLE):
            ranked = (
                f"-bm25({TEXT_TABLE}, {BM25_WEIGHTS})",
                words.fts5(any_of=text_tokens_around(box, MAX_RANK_CELLS)),
            )
        else:
            ranked = ("1.0", words.fts5(any_of=cells, column="title"))
        statement.add(
            f", r AS MATERIALIZED (SELECT rowid AS id, {ranked[0]} "  # noqa: S608 (constants and placeholders)
            f"AS score FROM {TEXT_TABLE} WHERE {TEXT_TABLE} MATCH %s AND +rowid IN "
            f"(SELECT c.id FROM c WHERE {every_facet_of_c}))",
            ranked[1],
            *selected.values(),
        )
        page_score, page_join = "COALESCE(r.score, 0)", "LEFT JOIN r ON r.id = c.id "
    # The page's rows are numbered after LIMIT, so that the date index can serve the
    # unfiltered first page; UNION ALL does not promise to keep the order by itself.
    page = (
        "SELECT c.id AS id, c.specialty AS specialty, c.practice_setting AS practice_setting, "  # noqa: S608 (constants and placeholders)
        "c.position_type AS position_type, c.latitude AS latitude, c.longitude AS longitude, "
        f"{page_score} AS score, c.nearness AS nearness, c.posted_on AS posted_on FROM c "
        f"{page_join}WHERE {every_facet_of_c} ORDER BY {order.format(t='')} LIMIT %s OFFSET %s"
    )
    return (
        statement.add(" SELECT NULL, c.specialty, c.practice_setting, c.position_type, ")
        .add("COUNT(*), NULL, NULL, NULL FROM c ")
        .add("GROUP BY c.specialty, c.practice_setting, c.position_type ")
        .add("UNION ALL SELECT p.id, p.specialty, p.practice_setting, p.position_type, NULL, ")
        .add(f"p.latitude, p.longitude, ROW_NUMBER() OVER (ORDER BY {order.format(t='p.')}) ")
        .add(f"FROM ({page}) p", *selected.values(), params.per_page)
        .add("", (params.page - 1) * params.per_page)
    )


def _count(
    groups: list[tuple[tuple[str, str, str], int]], selected: Mapping[str, str]
) -> tuple[int, list[Counter[str]]]:
    """The total, and each facet's counts among candidates matching every other filter."""
    wanted = [selected.get(name, "") for name in FACETS]
    counts: list[Counter[str]] = [Counter() for _ in FACETS]
    total = 0
    for values, n in groups:
        misses = [i for i, want in enumerate(wanted) if want and values[i] != want]
        if not misses:
            total += n
            for i, counter in enumerate(counts):
                counter[values[i]] += n
        elif len(misses) == 1:
            counts[misses[0]][values[misses[0]]] += n
    return total, counts


def _facets(counts: list[Counter[str]], selected: Mapping[str, str]) -> tuple[Facet, ...]:
    """Each facet's known values by count, then label; a selected value shows even at 0."""
    facets = []
    for (name, vocabulary), counter in zip(FACETS.items(), counts, strict=True):
        chosen = selected.get(name, "")
        shown = [
            FacetCount(value, label, counter.get(value, 0), value == chosen)
            for value, label in vocabulary.items()
            if counter.get(value, 0) or value == chosen
        ]
        shown.sort(key=lambda facet: (-facet.count, facet.label))
        facets.append(Facet(name, tuple(shown)))
    return tuple(facets)
