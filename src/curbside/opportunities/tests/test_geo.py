import math

import pytest

from curbside.opportunities import geo

DENVER_80202 = (39.7491, -104.9946)


def test_a_zip_code_is_its_centroid():
    assert geo.zip_to_point("80202") == DENVER_80202
    assert geo.zip_to_point(" 80202-1234 ") == DENVER_80202
    assert geo.zip_to_point("802021234") == DENVER_80202


@pytest.mark.parametrize("text", ["00000", "09001", "8020", "abcde", ""])
def test_unknown_or_placeless_zip_codes_have_no_point(text):
    # 09001 is an APO (military mail) code: it exists but has no place.
    assert geo.zip_to_point(text) is None


def test_a_city_is_the_middle_of_its_zip_codes():
    assert geo.city_to_point("Denver", "CO") == pytest.approx((39.74, -104.98), abs=0.01)
    assert geo.city_to_point("denver", "colorado") == geo.city_to_point("DENVER", "co")


@pytest.mark.parametrize(
    ("spelling", "other", "state"),
    [
        ("St. Louis", "Saint Louis", "MO"),
        ("McLean", "Mc Lean", "VA"),
        ("Winston-Salem", "Winston Salem", "NC"),
        ("Ft. Collins", "Fort Collins", "CO"),
        ("Coeur d'Alene", "Coeur D Alene", "ID"),
    ],
)
def test_city_spellings_that_mean_the_same_place_match(spelling, other, state):
    point = geo.city_to_point(spelling, state)
    assert point is not None
    assert point == geo.city_to_point(other, state)


def test_a_name_the_postal_service_accepts_for_another_citys_zip_is_found():
    # Ramey is not a ZIP code's city of its own; it is accepted for Aguadilla's 00603-4.
    assert geo.city_to_point("Ramey", "PR") == pytest.approx((18.47, -67.14), abs=0.05)


@pytest.mark.parametrize(
    ("city", "state"), [("Atlantis", "CO"), ("Denver", "ZZ"), ("", "CO"), ("Denver", "")]
)
def test_unknown_cities_and_states_have_no_point(city, state):
    assert geo.city_to_point(city, state) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80202", DENVER_80202),
        ("Denver, CO", (39.74, -104.9781)),
        ("Denver CO", (39.74, -104.9781)),
        ("denver, colorado", (39.74, -104.9781)),
        ("Salt Lake City UT", (40.721, -111.8792)),
        ("Santa Fe New Mexico", geo.city_to_point("Santa Fe", "NM")),
        # A ZIP code is more precise than the city it is in.
        ("Colorado Springs, CO 80903", (38.8388, -104.8145)),
        ("Atlantis, ZZ", None),
        ("Denver", None),
        ("", None),
    ],
)
def test_locate_takes_what_people_type(text, expected):
    assert geo.locate(text) == expected


def test_known_distances_between_cities():
    denver, boulder = geo.locate("Denver, CO"), geo.locate("Boulder, CO")
    springs = geo.locate("Colorado Springs, CO")
    assert denver is not None
    assert boulder is not None
    assert springs is not None

    assert geo.haversine_miles(denver, boulder) == pytest.approx(25, abs=1.5)
    assert geo.haversine_miles(denver, springs) == pytest.approx(63, abs=1.5)
    # New York City Hall to Los Angeles City Hall, a textbook great-circle distance.
    assert geo.haversine_miles((40.7128, -74.0060), (34.0522, -118.2437)) == pytest.approx(
        2445.6, abs=0.5
    )
    assert geo.haversine_miles(DENVER_80202, DENVER_80202) == 0


def test_within_50_miles_of_80202_takes_boulder_and_leaves_colorado_springs():
    center = geo.locate("80202")
    assert center is not None
    box = geo.bounding_box(center, 50)
    places = {
        name: geo.locate(name)
        for name in ("Boulder, CO", "Aurora, CO", "Colorado Springs, CO", "Cheyenne, WY")
    }

    within = {
        name
        for name, point in places.items()
        if point and box.contains(point) and geo.haversine_miles(center, point) <= 50
    }

    assert within == {"Boulder, CO", "Aurora, CO"}
    springs = places["Colorado Springs, CO"]
    assert springs is not None
    assert not box.contains(springs)  # the prefilter already drops it


@pytest.mark.parametrize("center", [DENVER_80202, (64.8378, -147.7164), (-33.86, 151.21)])
def test_the_bounding_box_holds_every_point_within_the_radius(center):
    miles = 50.0
    box = geo.bounding_box(center, miles)
    radius = miles * 0.9999 / geo.EARTH_RADIUS_MILES  # just inside the circle
    lat1, lon1 = math.radians(center[0]), math.radians(center[1])
    for bearing_degrees in range(0, 360, 5):
        # The point `miles` away on this bearing (the destination-point formula).
        bearing = math.radians(bearing_degrees)
        lat2 = math.asin(
            math.sin(lat1) * math.cos(radius)
            + math.cos(lat1) * math.sin(radius) * math.cos(bearing)
        )
        lon2 = lon1 + math.atan2(
            math.sin(bearing) * math.sin(radius) * math.cos(lat1),
            math.cos(radius) - math.sin(lat1) * math.sin(lat2),
        )
        point = (math.degrees(lat2), math.degrees(lon2))
        assert geo.haversine_miles(center, point) == pytest.approx(miles, rel=1e-3)
        assert box.contains(point), bearing_degrees


def test_the_bounding_box_widens_to_all_longitudes_near_a_pole_or_the_date_line():
    near_date_line = geo.bounding_box((52.0, 179.5), 50)
    near_pole = geo.bounding_box((89.5, 0.0), 50)

    assert (near_date_line.west, near_date_line.east) == (-180.0, 180.0)
    assert (near_pole.west, near_pole.east, near_pole.north) == (-180.0, 180.0, 90.0)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("CO", "CO"),
        ("co", "CO"),
        ("Colorado", "CO"),
        ("new  york", "NY"),
        ("D.C.", "DC"),
        ("Narnia", ""),
    ],
)
def test_state_names_and_codes_become_codes(text, code):
    assert geo.state_code(text) == code


def test_the_index_is_built_once_and_shared():
    assert geo._index() is geo._index()
    assert len(geo._index().zips) > 40000
