"""/api/v1/saved-searches: CRUD, and the listings new since a search was last seen."""

import datetime

import pytest
import time_machine

from curbside.accounts.services import token_create
from curbside.api.tests.conftest import ApiClient
from curbside.opportunities.models import SavedSearch

from .fit_builders import listing_search_cost
from .listing_factories import ListingFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 11, 16, 15, 0, tzinfo=datetime.UTC)
TUESDAY = MONDAY + datetime.timedelta(days=1)


@pytest.fixture
def api(alice) -> ApiClient:
    _, raw = token_create(owner=alice, name="tests")
    return ApiClient(raw)


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def create(api, name="ICU near Denver", **params):
    body = {"name": name, "params": params or {"q": "icu", "near": "80202"}}
    response = api.post("/saved-searches", body)
    assert response.status_code == 201, response.json()
    return response.json()


def test_creating_a_saved_search_answers_it_in_canonical_form(api, alice, clock):
    body = create(api, q="  icu ", near="80202", page="4", specialty=["critical_care"])
    assert body["name"] == "ICU near Denver"
    assert body["params"] == {"q": "icu", "specialty": "critical_care", "near": "80202"}
    assert body["query"] == "q=icu&specialty=critical_care&near=80202"
    assert body["description"] == "“icu” · Pulmonology / Critical Care · within 50 miles of 80202"
    assert body["n_new"] == 0
    assert body["last_seen_at"] == "2026-11-16T15:00:00Z"
    assert SavedSearch.objects.get(owner=alice).pk == body["id"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "", "params": {}}, "name"),
        ({"name": "X", "params": {"specialty": "astrology"}}, "specialty"),
        ({"name": "X", "params": {"radius_miles": "0"}}, "radius_miles"),
        ({"params": {}}, "name"),
    ],
)
def test_invalid_searches_are_refused_with_the_field_at_fault(api, body, field):
    response = api.post("/saved-searches", body)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]
    assert not SavedSearch.objects.exists()


def test_a_duplicate_name_is_refused(api):
    create(api)
    response = api.post("/saved-searches", {"name": "icu near denver", "params": {}})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name"


def test_the_list_counts_new_listings_and_paginates(api, alice, bob, clock):
    create(api, name="B: all", q="")
    create(api, name="A: ICU", q="icu")
    SavedSearch.objects.create(owner=bob, name="Bob's", params={})
    clock.move_to(TUESDAY)
    ListingFactory(title="ICU physician")
    ListingFactory(title="Dermatologist")
    body = api.get("/saved-searches").json()
    assert body["count"] == 2
    assert [(item["name"], item["n_new"]) for item in body["items"]] == [
        ("A: ICU", 1),
        ("B: all", 2),
    ]
    assert len(api.get("/saved-searches", {"limit": 1}).json()["items"]) == 1


def test_updating_renames_and_replaces_the_criteria(api, clock):
    saved = create(api)
    response = api.patch(f"/saved-searches/{saved['id']}", {"params": {"specialty": "cardiology"}})
    assert response.status_code == 200
    assert response.json()["params"] == {"specialty": "cardiology"}
    assert response.json()["name"] == "ICU near Denver"
    renamed = api.patch(f"/saved-searches/{saved['id']}", {"name": "Cardiology"}).json()
    assert (renamed["name"], renamed["params"]) == ("Cardiology", {"specialty": "cardiology"})


def test_deleting_removes_it(api):
    saved = create(api)
    assert api.delete(f"/saved-searches/{saved['id']}").status_code == 204
    assert api.get(f"/saved-searches/{saved['id']}").status_code == 404
    assert not SavedSearch.objects.exists()


def test_new_listings_are_answered_with_their_fit_and_then_marked_seen(api, clock):
    saved = create(api, q="icu")
    clock.move_to(TUESDAY)
    ListingFactory(title="ICU physician", employer="Denver Health")
    ListingFactory(title="Dermatologist")
    url = f"/saved-searches/{saved['id']}/new"
    body = api.get(url).json()
    assert body["count"] == 1
    assert body["since"] == "2026-11-16T15:00:00Z"
    assert body["error"] == ""
    [item] = body["items"]
    assert item["title"] == "ICU physician"
    assert item["employer"] == "Denver Health"
    assert 0 < item["fit"] <= 100
    again = api.get(url).json()
    assert again["count"] == 0
    assert again["since"] == "2026-11-17T15:00:00Z"


def test_peeking_does_not_mark_the_search_seen(api, clock):
    saved = create(api, q="icu")
    clock.move_to(TUESDAY)
    ListingFactory(title="ICU physician")
    url = f"/saved-searches/{saved['id']}/new"
    assert api.get(url, {"peek": "true"}).json()["count"] == 1
    assert api.get(url, {"peek": "true"}).json()["count"] == 1
    assert api.get(f"/saved-searches/{saved['id']}").json()["n_new"] == 1


def test_the_endpoints_need_a_token(client):
    assert client.get("/api/v1/saved-searches").status_code == 401


@pytest.mark.parametrize("n_listings", [2, 20])
def test_the_list_queries_do_not_grow_with_the_new_listings(
    api, alice, clock, n_listings, django_assert_num_queries
):
    for number in range(3):
        create(api, name=f"Search {number}", q="icu")
    clock.move_to(TUESDAY)
    for _ in range(n_listings):
        ListingFactory(title="ICU physician")
    per_search = listing_search_cost(alice)
    # the token with its user, the token's last use, the saved searches, the newest import,
    # then for each of the 3 searches its own listing search (the listing search's plan
    # decides how many: the full-text candidates, the page's listing)
    with django_assert_num_queries(4 + 3 * per_search):
        body = api.get("/saved-searches").json()
    assert [item["n_new"] for item in body["items"]] == [n_listings] * 3


@pytest.mark.parametrize("n_listings", [2, 20])
def test_the_new_listings_queries_do_not_grow_with_them(
    api, clock, n_listings, django_assert_num_queries
):
    saved = create(api, q="icu")
    clock.move_to(TUESDAY)
    for number in range(n_listings):
        ListingFactory(title="ICU physician", employer=f"Employer {number}")
    # the token with its user, the token's last use, the saved search, its listing search
    # (candidates, listings), the fit (preferences, organizations by employer: none, so no
    # network to read), marking it seen
    with django_assert_num_queries(8):
        body = api.get(f"/saved-searches/{saved['id']}/new").json()
    assert body["count"] == n_listings
