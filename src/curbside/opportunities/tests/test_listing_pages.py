"""The listing search page and a listing's page."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from .listing_factories import ListingFactory, ranking_estimate

pytestmark = pytest.mark.django_db
SEARCH = "opportunities:listing_search"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-03-10 12:00:00+00:00", tick=False):
        yield


def test_anonymous_visitors_are_sent_to_log_in(client):
    listing = ListingFactory()
    for url in (reverse(SEARCH), reverse("opportunities:listing_detail", args=[listing.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response["Location"] or "login" in response["Location"]


def test_the_search_page_shows_matching_listings_with_place_salary_and_date(client, alice):
    ListingFactory(title="Nocturnist hospitalist", employer="Front Range Health")
    ListingFactory(title="Dermatologist", specialty="dermatology", description="Skin clinic.")
    client.force_login(alice)
    page = client.get(reverse(SEARCH), {"q": "nocturnist"}).content.decode()
    assert "Nocturnist hospitalist" in page
    assert "Front Range Health · Denver, CO" in page
    assert "$280,000–$320,000 a year" in page
    assert "posted Mar 1, 2026" in page
    assert "Dermatologist" not in page
    assert "1 listing," in page


def test_the_search_page_shows_distance_from_a_zip_code(client, alice):
    ListingFactory(city="Boulder", zip_code="80302", latitude=40.0150, longitude=-105.2705)
    client.force_login(alice)
    page = client.get(reverse(SEARCH), {"near": "80202"}).content.decode()
    assert "within 50 miles of 80202" in page
    assert "23 mi" in page


def test_an_unknown_place_is_said_plainly(client, alice):
    ListingFactory()
    client.force_login(alice)
    page = client.get(reverse(SEARCH), {"near": "Atlantis, ZZ"}).content.decode()
    assert "We could not find “Atlantis, ZZ”" in page


def test_a_bad_value_is_reported_and_the_rest_still_searches(client, alice):
    ListingFactory(title="Nocturnist")
    client.force_login(alice)
    page = client.get(reverse(SEARCH), {"q": "nocturnist", "salary_floor": "lots"}).content.decode()
    assert "Enter a yearly amount" in page
    assert "Nocturnist" in page


def test_facet_counts_are_links_that_add_the_filter(client, alice):
    ListingFactory.create_batch(2)
    ListingFactory(specialty="cardiology", title="Cardiologist")
    client.force_login(alice)
    page = client.get(reverse(SEARCH), {"q": "patients"}).content.decode()
    assert 'href="?q=patients&amp;specialty=cardiology"' in page
    chosen = client.get(reverse(SEARCH), {"q": "patients", "specialty": "cardiology"})
    text = chosen.content.decode()
    assert "1 listing," in text
    # The chosen value links back to the search without it.
    assert 'href="?q=patients" aria-current="true"' in text


def test_htmx_gets_only_the_results(client, alice):
    ListingFactory(title="Nocturnist")
    client.force_login(alice)
    response = client.get(reverse(SEARCH), {"q": "nocturnist"}, headers={"HX-Request": "true"})
    text = response.content.decode()
    assert text.lstrip().startswith('<div id="results">')
    assert "Nocturnist" in text
    assert '<form method="get" class="filters"' not in text


def test_pages_of_results_link_to_each_other(client, alice):
    ListingFactory.create_batch(3)
    client.force_login(alice)
    first = client.get(reverse(SEARCH), {"per_page": "2"}).content.decode()
    assert "Page 1 of 2" in first
    assert 'href="?per_page=2&amp;page=2"' in first
    second = client.get(reverse(SEARCH), {"per_page": "2", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second
    assert 'rel="prev" href="?per_page=2&amp;page=1"' in second


def test_the_listing_page_shows_everything_and_links_to_the_source(client, alice):
    listing = ListingFactory(
        title="Nocturnist",
        requirements="BC/BE internal medicine.",
        visa_sponsorship="H-1B",
        expires_on=date(2026, 4, 1),
    )
    client.force_login(alice)
    page = client.get(reverse("opportunities:listing_detail", args=[listing.pk])).content.decode()
    for text in (
        "Nocturnist",
        "Caring for adult patients",
        "BC/BE internal medicine.",
        "Hospitalist",
        "Hospital-employed",
        "Full-time",
        "$280,000–$320,000 a year",
        "H-1B",
        "Apr 1, 2026",
        f'href="{listing.url}"',
        "Track this opportunity",
    ):
        assert text in page, text
    assert "Expired" not in page


def test_an_expired_listing_still_has_its_page_marked_expired(client, alice):
    listing = ListingFactory(expires_on=date(2026, 3, 1))
    client.force_login(alice)
    page = client.get(reverse("opportunities:listing_detail", args=[listing.pk])).content.decode()
    assert "Expired Mar 1, 2026" in page
    search = client.get(reverse(SEARCH)).content.decode()
    assert "0 listings" in search


def test_a_missing_listing_is_not_found(client, alice):
    client.force_login(alice)
    assert client.get(reverse("opportunities:listing_detail", args=[999])).status_code == 404


@pytest.mark.parametrize(
    "params", [{}, {"q": "patients", "near": "80202", "specialty": "hospitalist"}]
)
def test_search_page_queries_do_not_grow(client, alice, django_assert_num_queries, params):
    client.force_login(alice)
    for batch in (2, 18):
        ListingFactory.create_batch(batch)
        # session, user, the search (counts and page ids in one statement), the page's
        # listings; for the fit scores: the job preferences, the organizations named like the
        # employers (the user has none, so nobody's network is read); on SQLite words near
        # a place first estimate how common they are (search.rank)
        with django_assert_num_queries(6 + ranking_estimate(params)):
            response = client.get(reverse(SEARCH), params)
        assert response.status_code == 200
