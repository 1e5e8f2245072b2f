"""GET /api/v1/listings (search) and GET /api/v1/listings/{id}."""

from datetime import date

import pytest
import time_machine
from django.test import Client

from curbside.accounts.services import token_create
from curbside.api.tests.conftest import ApiClient

from .listing_factories import ListingFactory, ranking_estimate

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(alice) -> ApiClient:
    _, raw = token_create(owner=alice, name="tests")
    return ApiClient(raw)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-03-10 12:00:00+00:00", tick=False):
        yield


def test_searching_lists_matching_listings_with_count_facets_and_distance(api):
    near = ListingFactory(title="Nocturnist", city="Boulder", latitude=40.0150, longitude=-105.2705)
    ListingFactory(title="Nocturnist", specialty="cardiology")
    ListingFactory(title="Dermatologist", specialty="dermatology")
    response = api.get("/listings", {"q": "nocturnist", "near": "80202", "sort": "distance"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["title"] for item in body["items"]] == ["Nocturnist", "Nocturnist"]
    assert body["items"][-1]["id"] == near.pk
    assert body["items"][-1]["distance_miles"] == pytest.approx(23.5, abs=0.2)
    specialties = {facet["value"]: facet["count"] for facet in body["facets"]["specialty"]}
    assert specialties == {"hospitalist": 1, "cardiology": 1}
    assert (body["page"], body["per_page"]) == (1, 20)


def test_a_facet_is_counted_with_the_other_filters_applied(api):
    ListingFactory(specialty="cardiology", practice_setting="academic")
    ListingFactory(specialty="hospitalist", practice_setting="academic")
    ListingFactory(specialty="hospitalist", practice_setting="private_practice")
    body = api.get("/listings", {"specialty": "hospitalist"}).json()
    assert body["count"] == 2
    specialties = {facet["value"]: facet["count"] for facet in body["facets"]["specialty"]}
    settings = {facet["value"]: facet["count"] for facet in body["facets"]["practice_setting"]}
    assert specialties == {"hospitalist": 2, "cardiology": 1}
    assert settings == {"academic": 1, "private_practice": 1}


def test_an_unknown_place_is_a_field_error(api):
    response = api.get("/listings", {"near": "Atlantis, ZZ"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "near"


def test_a_value_of_the_wrong_shape_is_a_field_error(api):
    response = api.get("/listings", {"specialty": "astrology"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "specialty"


def test_pages_are_chosen_with_page_and_per_page(api):
    first, _, _ = (ListingFactory(posted_on=date(2026, 3, day)) for day in (1, 2, 3))
    body = api.get("/listings", {"per_page": 2, "page": 2}).json()
    assert body["count"] == 3
    assert [item["id"] for item in body["items"]] == [first.pk]


def test_a_listing_is_read_whole(api):
    listing = ListingFactory(requirements="BC/BE.", expires_on=date(2026, 1, 1))
    response = api.get(f"/listings/{listing.pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["requirements"], body["expires_on"]) == (
        "Hospitalist",
        "BC/BE.",
        "2026-01-01",
    )


def test_a_missing_listing_is_not_found(api):
    assert api.get("/listings/999").status_code == 404


def test_without_a_token_the_listings_are_refused():
    listing = ListingFactory()
    assert Client().get("/api/v1/listings").status_code == 401
    assert Client().get(f"/api/v1/listings/{listing.pk}").status_code == 401


@pytest.mark.parametrize("params", [{}, {"q": "patients", "near": "80202", "visa": "0"}])
def test_listing_search_queries_do_not_grow(api, django_assert_num_queries, params):
    api.get("/listings")  # records the token's use, once a day
    for batch in (2, 18):
        ListingFactory.create_batch(batch)
        # token and its user, the search (counts and page ids in one statement), the
        # listings; on SQLite words near a place first estimate how common they are
        with django_assert_num_queries(3 + ranking_estimate(params)):
            response = api.get("/listings", params)
        assert response.json()["count"] == (2 if batch == 2 else 20)
