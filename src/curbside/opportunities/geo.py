"""Offline US geography: ZIP codes and "City, ST" to coordinates, distances, bounding boxes.

The coordinates are the ZIP centroids bundled with the `zipcodes` package (derived from
GeoNames), so "within 50 miles of 80202" needs no network. A city's point is the mean of
the centroids of its delivery ZIP codes (PO boxes and single-organisation ZIP codes only
when the city has no delivery ZIP code), which lands near the middle of town.

The index is built once per process on first use, from the package's ~43,000 rows: 0.6 to
1 s on a busy 2-CPU server, 0.4 s of which is the package decoding its bundled data. It then
answers every lookup from two dicts (about 1 µs each). Memory: the index holds ~42,000 ZIP
points and ~39,000 city points; the package's rows are dropped after the build. Call
`warm()` at start-up to pay the cost before the first search.
"""

import gc
import math
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeAlias

import zipcodes

Point: TypeAlias = tuple[float, float]  # (latitude, longitude) in degrees

EARTH_RADIUS_MILES = 3958.7613
MILES_PER_DEGREE_LATITUDE = 69.0547  # 2πR / 360

US_STATES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
    "GU": "Guam",
    "VI": "U.S. Virgin Islands",
    "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}
_STATE_BY_NAME = {name.upper().replace(".", ""): code for code, name in US_STATES.items()}
_STATE_BY_NAME.update({"WASHINGTON DC": "DC", "DISTRICT OF COLUMBIA": "DC", "VIRGIN ISLANDS": "VI"})

_ZIP = re.compile(r"^\s*(\d{5})(?:-?\d{4})?\s*$")
_ZIP_ANYWHERE = re.compile(r"\b(\d{5})(?:-\d{4})?\b")
_NOT_WORD = re.compile(r"[^A-Z0-9]+")
# Postal abbreviations at the start of a name, as the USPS writes them ("Mt Baldy", "Ft Myers").
_PREFIXES = {"ST": "SAINT", "STE": "SAINTE", "FT": "FORT", "MT": "MOUNT", "PT": "PORT"}


@dataclass(frozen=True, slots=True)
class BoundingBox:
    """A latitude/longitude rectangle that contains every point within a radius."""

    south: float
    west: float
    north: float
    east: float

    def contains(self, point: Point) -> bool:
        latitude, longitude = point
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east


@dataclass(frozen=True, slots=True)
class _Index:
    zips: dict[str, Point]
    cities: dict[tuple[str, str], Point]  # (city key, state) → point


def state_code(text: str) -> str:
    """ "CO", "co", "Colorado" → "CO"; anything else → ""."""
    cleaned = text.strip().upper().replace(".", "")
    if cleaned in US_STATES:
        return cleaned
    return _STATE_BY_NAME.get(" ".join(cleaned.split()), "")


def city_key(city: str) -> str:
    """A spelling-insensitive key: "St. Louis", "Saint Louis" and "SAINT-LOUIS" match, and so
    do "McLean" and "Mc Lean", "Winston-Salem" and "Winston Salem"."""
    words = _NOT_WORD.sub(" ", city.upper()).split()
    if words and words[0] in _PREFIXES:
        words[0] = _PREFIXES[words[0]]
    merged: list[str] = []
    for word in words:
        if merged and merged[-1] == "MC":
            merged[-1] += word
        else:
            merged.append(word)
    return " ".join(merged)


def _point(row: dict[str, Any]) -> Point | None:
    try:
        latitude, longitude = float(row["lat"]), float(row["long"])
    except (KeyError, TypeError, ValueError):
        return None
    if latitude == 0 and longitude == 0:  # military (APO/FPO) ZIP codes have no place
        return None
    return (latitude, longitude)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The index build creates ~600,000 objects that all stay alive until it ends; the cyclic
    collector would scan them again and again for nothing (it triples the build time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_build_lock = threading.Lock()
_built: list[_Index] = []  # the index, once built


def _index() -> _Index:
    if not _built:
        with _build_lock:  # threads that arrive during the build wait for it
            if not _built:
                with _collector_paused():
                    _built.append(_build_index())
    return _built[0]


def _build_index() -> _Index:
    zips: dict[str, Point] = {}
    keys: dict[str, str] = {}  # city_key() memo: most names recur across ZIP codes
    # Sums of latitude, longitude and a count per (city key, state): for delivery ZIPs,
    # for the other ZIPs (PO boxes, single organisations), and for alternative names.
    delivery: dict[tuple[str, str], list[float]] = {}
    other: dict[tuple[str, str], list[float]] = {}
    alias: dict[tuple[str, str], list[float]] = {}

    def add(sums: dict[tuple[str, str], list[float]], city: str, state: str, point: Point) -> None:
        key = keys.get(city)
        if key is None:
            key = keys[city] = city_key(city)
        total = sums.get((key, state))
        if total is None:
            sums[key, state] = [point[0], point[1], 1.0]
        else:
            total[0] += point[0]
            total[1] += point[1]
            total[2] += 1.0

    # Unlike list_all(), filter_by() keeps no copy of the rows (~90 MB) once we are done.
    for row in zipcodes.filter_by():
        point = _point(row)
        if point is None:
            continue
        zips[row["zip_code"]] = point
        state = row["state"]
        add(delivery if row["zip_code_type"] == "STANDARD" else other, row["city"], state, point)
        for name in row["acceptable_cities"]:
            add(alias, name, state, point)
    cities: dict[tuple[str, str], Point] = {}
    # Later sources win: a city's own delivery ZIPs; its PO boxes only if it has none;
    # names that the USPS accepts for another city's ZIPs ("Ramey" for Aguadilla) last.
    for sums in (alias, other, delivery):
        for key, (latitude, longitude, count) in sums.items():
            cities[key] = (round(latitude / count, 4), round(longitude / count, 4))
    return _Index(zips=zips, cities=cities)


def warm() -> None:
    """Build the index now rather than on the first lookup."""
    _index()


def zip_to_point(zip_code: str) -> Point | None:
    """The centroid of a US ZIP code ("80202" or "80202-1234"), or None if unknown."""
    match = _ZIP.match(zip_code)
    return _index().zips.get(match.group(1)) if match else None


def city_to_point(city: str, state: str) -> Point | None:
    """The middle of a US city ("Denver", "CO" or "Colorado"), or None if unknown."""
    code = state_code(state)
    if not code or not city.strip():
        return None
    return _index().cities.get((city_key(city), code))


def locate(text: str) -> Point | None:
    """Where a person means: "80202", "Denver, CO", "Denver CO", "Denver, Colorado 80202"."""
    text = text.strip()
    if not text:
        return None
    zip_match = _ZIP_ANYWHERE.search(text)
    if zip_match and (point := zip_to_point(zip_match.group(1))):
        return point
    place = _ZIP_ANYWHERE.sub(" ", text).strip(" ,")
    if "," in place:
        city, _, state = place.rpartition(",")
        return city_to_point(city, state)
    words = place.split()
    # "Salt Lake City UT", "Santa Fe New Mexico": try the last one, two and three words as a state.
    for size in (1, 2, 3):
        if len(words) > size and (code := state_code(" ".join(words[-size:]))):
            point = city_to_point(" ".join(words[:-size]), code)
            if point:
                return point
    return None


def haversine_miles(a: Point, b: Point) -> float:
    """The great-circle distance between two points, in statute miles."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(point: Point, miles: float) -> BoundingBox:
    """A rectangle containing every point within `miles` of `point`: a cheap index prefilter
    (`latitude BETWEEN south AND north AND longitude BETWEEN west AND east`) before the exact
    haversine test. Near a pole, or across the 180th meridian, it widens to all longitudes."""
    latitude, longitude = point
    delta_latitude = miles / MILES_PER_DEGREE_LATITUDE
    south, north = max(-90.0, latitude - delta_latitude), min(90.0, latitude + delta_latitude)
    # The widest parallel inside the box is the one nearest a pole.
    widest = max(abs(south), abs(north))
    if widest >= 89.9:
        return BoundingBox(south=south, west=-180.0, north=north, east=180.0)
    delta_longitude = delta_latitude / math.cos(math.radians(widest))
    west, east = longitude - delta_longitude, longitude + delta_longitude
    if west < -180.0 or east > 180.0:
        west, east = -180.0, 180.0
    return BoundingBox(south=south, west=west, north=north, east=east)
