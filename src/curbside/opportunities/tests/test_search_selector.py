"""listing_search: words, filters, distance, facets, sorts and pages, on either database.

The whole module runs on SQLite and on PostgreSQL (bin/with-postgres); every expectation
is written once, so the two engines must find the same listings for the same query."""

from datetime import UTC, date, datetime
from decimal import Decimal
from urllib.parse import parse_qsl

import pytest

from curbside.opportunities.models import Listing
from curbside.opportunities.search.index import listing_index
from curbside.opportunities.search.params import ListingSearchParams, params_from_query
from curbside.opportunities.selectors.listings import listing_search

from .listing_factories import ListingFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 10)

# Real places and their coordinates (ZIP centroids).
DENVER = {"city": "Denver", "zip_code": "80202", "latitude": 39.7527, "longitude": -104.9992}
BOULDER = {"city": "Boulder", "zip_code": "80302", "latitude": 40.0150, "longitude": -105.2705}
SPRINGS = {
    "city": "Colorado Springs",
    "zip_code": "80903",
    "latitude": 38.8339,
    "longitude": -104.8214,
}
CHEYENNE = {
    "city": "Cheyenne",
    "state": "WY",
    "zip_code": "82001",
    "latitude": 41.1400,
    "longitude": -104.8202,
}


def search(**values) -> list[str]:
    """The titles found, in order."""
    result = listing_search(ListingSearchParams(**values), today=TODAY)
    assert not result.error
    return [hit.listing.title for hit in result.hits]


def found(**values) -> set[str]:
    return set(search(**values))


@pytest.fixture
def corpus():
    """A dozen listings, each there to be found or not by one filter."""
    return {
        "nocturnist": ListingFactory(title="Nocturnist", employer="Summit Physicians", **DENVER,
                                     description="Seven on, seven off. Our patients love it."),
        "cardiology": ListingFactory(title="Cardiologist", specialty="cardiology", **BOULDER,
                                     practice_setting="academic",
                                     description="Echo and nuclear cardiology for patients."),
        "springs": ListingFactory(title="Hospitalist Springs", **SPRINGS, position_type="part_time",
                                  description="Call schedule one in six. Loan repayment offered."),
        "hourly": ListingFactory(title="Locum tenens ER", specialty="emergency_medicine",
                                 practice_setting="locums", position_type="locums",
                                 salary_min=Decimal("150"), salary_max=Decimal("160"),
                                 salary_unit="hour", **DENVER,
                                 description="Loan forgiveness not offered; repayment of travel."),
        "visa": ListingFactory(title="Internal medicine, visa", specialty="internal_medicine",
                               visa_sponsorship="J-1 waiver", **CHEYENNE, salary_min=None,
                               salary_max=Decimal("240000"), description="Rural patients."),
        "expired": ListingFactory(title="Expired hospitalist", expires_on=date(2026, 3, 9),
                                  **DENVER),
        "today": ListingFactory(title="Expires today", expires_on=TODAY, posted_on=date(2026, 1, 5),
                                **DENVER),
        "old": ListingFactory(title="Old posting", posted_on=date(2025, 6, 1), **DENVER,
                              salary_min=None, salary_max=None),
        "accents": ListingFactory(title="Médecin résident", description="Ob/Gyn coverage, J-1.",
                                  specialty="obgyn", **BOULDER),
        "remote": ListingFactory(title="Telemedicine psychiatrist", specialty="psychiatry",
                                 practice_setting="telemedicine", latitude=None, longitude=None,
                                 city="", state="", zip_code="", is_remote=True),
    }  # fmt: skip


def test_without_criteria_every_listing_that_has_not_expired_is_found_newest_first(corpus):
    titles = search(per_page=100)
    assert "Expired hospitalist" not in titles
    assert "Expires today" in titles
    assert len(titles) == len(corpus) - 1
    assert titles[-1] == "Old posting"


def test_words_must_all_appear(corpus):
    # The factory's description speaks of patients too.
    assert found(q="patients") == {
        "Nocturnist",
        "Cardiologist",
        "Internal medicine, visa",
        "Expires today",
        "Old posting",
        "Telemedicine psychiatrist",
    }
    assert found(q="patients echo") == {"Cardiologist"}
    assert found(q="patients zebra") == set()


def test_a_word_matches_the_title_employer_specialty_place_and_description(corpus):
    assert found(q="summit") == {"Nocturnist"}  # employer
    assert "Cardiologist" in found(q="cardiology")  # specialty label and description
    assert found(q="cheyenne") == {"Internal medicine, visa"}  # city
    assert found(q="wyoming") == {"Internal medicine, visa"}  # state name
    assert found(q="82001") == {"Internal medicine, visa"}  # ZIP code
    assert found(q="board certified") >= {"Nocturnist"}  # requirements


def test_a_phrase_needs_its_words_side_by_side(corpus):
    assert found(q='"loan repayment"') == {"Hospitalist Springs"}
    assert found(q="loan repayment") == {"Hospitalist Springs", "Locum tenens ER"}


def test_a_prefix_matches_the_words_it_starts(corpus):
    assert found(q="cardio*") == {"Cardiologist"}
    assert found(q="psychiat*") == {"Telemedicine psychiatrist"}


def test_accents_and_punctuation_do_not_matter(corpus):
    assert found(q="medecin") == {"Médecin résident"}
    assert found(q="résident") == {"Médecin résident"}
    assert found(q="ob-gyn") == {"Médecin résident"}


def test_the_title_ranks_above_the_description(corpus):
    ListingFactory(title="Cardiology nocturnist", specialty="cardiology", **DENVER)
    titles = search(q="nocturnist", sort="relevance")
    assert titles[0] in {"Nocturnist", "Cardiology nocturnist"}
    assert set(titles) == {"Nocturnist", "Cardiology nocturnist"}
    titles = search(q="echo", sort="relevance")
    assert titles == ["Cardiologist"]


def test_each_filter_keeps_only_its_listings(corpus):
    assert found(specialty="cardiology") == {"Cardiologist"}
    assert found(practice_setting="locums") == {"Locum tenens ER"}
    assert found(position_type="part_time") == {"Hospitalist Springs"}
    assert found(visa=True) == {"Internal medicine, visa"}
    assert "Old posting" not in found(posted_since=date(2026, 1, 1), per_page=100)
    assert "Expires today" in found(posted_since=date(2026, 1, 5), per_page=100)


def test_the_salary_floor_compares_annualised_pay(corpus):
    # $150–160 an hour is $312,000–332,800 a year; the factory's $280–320k; visa's up to $240k.
    at_least_325k = found(salary_floor=325_000, per_page=100)
    assert at_least_325k == {"Locum tenens ER"}
    assert "Internal medicine, visa" in found(salary_floor=240_000, per_page=100)
    assert "Internal medicine, visa" not in found(salary_floor=240_001, per_page=100)
    assert "Old posting" not in found(salary_floor=1, per_page=100)  # no pay given


def test_within_50_miles_of_80202_includes_boulder_and_excludes_colorado_springs(corpus):
    near_denver = found(near="80202", per_page=100)
    assert {"Nocturnist", "Cardiologist", "Médecin résident"} <= near_denver
    assert "Hospitalist Springs" not in near_denver  # 63 miles
    assert "Internal medicine, visa" not in near_denver  # Cheyenne, 97 miles
    assert "Telemedicine psychiatrist" not in near_denver  # no place
    assert "Hospitalist Springs" in found(near="80202", radius_miles=70, per_page=100)


def test_a_city_and_state_work_as_well_as_a_zip_code(corpus):
    assert found(near="Denver, CO", per_page=100) == found(near="80202", per_page=100)


def test_words_and_a_place_together(corpus):
    assert found(q="patients", near="Boulder, CO", radius_miles=10) == {"Cardiologist"}
    assert found(q="patients", near="80202") == {
        "Nocturnist",
        "Cardiologist",
        "Expires today",
        "Old posting",
    }


def test_a_large_radius_still_finds_words_far_away(corpus):
    assert found(q="rural", near="80202", radius_miles=3000) == {"Internal medicine, visa"}


def test_an_unknown_place_is_an_error_not_an_empty_result(corpus):
    result = listing_search(ListingSearchParams(near="Atlantis, ZZ"), today=TODAY)
    assert result.error.startswith("We could not find “Atlantis, ZZ”")
    assert (result.total, result.hits) == (0, ())


def test_distance_sort_puts_the_nearest_first_and_reports_miles(corpus):
    result = listing_search(
        ListingSearchParams(near="80202", sort="distance", per_page=100), today=TODAY
    )
    miles = [hit.distance_miles or 0.0 for hit in result.hits]
    assert all(hit.distance_miles is not None for hit in result.hits)
    assert miles == sorted(miles)
    boulder = next(hit for hit in result.hits if hit.listing.title == "Cardiologist")
    assert boulder.distance_miles == pytest.approx(23.5, abs=0.5)


def test_date_sort_puts_the_newest_posting_first(corpus):
    ListingFactory(title="Brand new", posted_on=date(2026, 3, 9))
    assert search(sort="date")[0] == "Brand new"


def test_facets_count_each_value_with_the_other_filters_applied(corpus):
    result = listing_search(
        ListingSearchParams(
            near="80202", specialty="hospitalist", practice_setting="hospital_employed"
        ),
        today=TODAY,
    )
    facets = {facet.name: {c.value: c.count for c in facet.counts} for facet in result.facets}
    # Near Denver, hospital-employed: hospitalists 3 (Nocturnist, Expires today, Old posting),
    # cardiology is academic (not counted), OB/GYN 1.
    assert facets["specialty"] == {"hospitalist": 3, "obgyn": 1}
    # Near Denver, hospitalists: all hospital-employed.
    assert facets["practice_setting"] == {"hospital_employed": 3}
    assert facets["position_type"] == {"full_time": 3}
    assert result.total == 3


def test_a_selected_value_is_listed_even_with_no_listing(corpus):
    result = listing_search(ListingSearchParams(specialty="urology"), today=TODAY)
    urology = next(c for c in result.facets[0].counts if c.value == "urology")
    assert (urology.count, urology.selected, result.total) == (0, True, 0)


def test_created_after_finds_listings_imported_since(corpus):
    later = ListingFactory(title="Imported later")
    Listing.objects.filter(pk=later.pk).update(created_at=datetime(2030, 1, 1, tzinfo=UTC))
    listing_index([later.pk])
    assert found(created_after=datetime(2029, 12, 31, tzinfo=UTC)) == {"Imported later"}


def test_pages_split_the_results_and_the_total_counts_them_all(corpus):
    result = listing_search(ListingSearchParams(per_page=3, page=2), today=TODAY)
    assert result.total == len(corpus) - 1
    assert len(result.hits) == 3
    assert result.n_pages == 3
    everything = search(per_page=100)
    assert [hit.listing.title for hit in result.hits] == everything[3:6]


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "***",
        "NEAR(a b",
        "a OR",
        "-x",
        "^title:x",
        "'",
        "\\",
        "col:word",
        '"a" "b"*',
        "é*",
        "\x00",
    ],
)
def test_hostile_words_never_fail(corpus, text):
    result = listing_search(ListingSearchParams(q=text, near="80202"), today=TODAY)
    assert result.total >= 0


def test_a_query_string_round_trips_through_the_reader(corpus):
    params = ListingSearchParams(q='"loan repayment"', near="80202", radius_miles=70, page=1)
    again, problems = params_from_query(dict(parse_qsl(params.to_query())))
    assert (again, problems) == (params, {})
    assert search(**{"q": again.q, "near": again.near, "radius_miles": 70}) == [
        "Hospitalist Springs"
    ]


@pytest.mark.parametrize("near", ["", "80202"])
def test_a_word_in_the_title_ranks_first_with_or_without_a_place(near):
    ListingFactory(title="Hospitalist", description="Nocturnist nights, nocturnist pay.", **DENVER)
    ListingFactory(title="Nocturnist", **DENVER)
    ListingFactory(title="Hospitalist days", **DENVER)
    assert search(q="nocturnist", near=near, sort="relevance") == ["Nocturnist", "Hospitalist"]
