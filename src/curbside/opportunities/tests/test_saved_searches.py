"""Saved listing searches: saving one, what is new since it was last seen, the pages."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse

from curbside.opportunities.models import SavedSearch
from curbside.opportunities.search.params import params_from_query
from curbside.opportunities.selectors import searches as selectors
from curbside.opportunities.services import searches as services

from .fit_builders import listing_search_cost
from .listing_factories import ListingFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 11, 16, 15, 0, tzinfo=datetime.UTC)
TUESDAY = MONDAY + datetime.timedelta(days=1)
WEDNESDAY = MONDAY + datetime.timedelta(days=2)
TODAY = datetime.date(2026, 11, 18)


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def save(owner, name="ICU near Denver", query="q=icu&near=80202&radius_miles=25"):
    return services.saved_search_create(owner=owner, name=name, params=QueryDict(query))


def icu_job(**fields):
    return ListingFactory(**{"title": "ICU physician", "specialty": "critical_care", **fields})


# The service


def test_saving_stores_the_criteria_in_canonical_form_without_the_page(alice, clock):
    saved = save(alice, query="near=80202&q=+icu++&page=3&radius_miles=25&specialty=")
    assert saved.params == {"q": "icu", "near": "80202", "radius_miles": "25"}
    assert saved.last_seen_at == MONDAY
    assert saved.last_notified_at == MONDAY


def test_criteria_the_search_does_not_understand_are_refused(alice):
    with pytest.raises(ValidationError) as caught:
        save(alice, query="specialty=astrology")
    assert "specialty" in caught.value.message_dict
    assert not SavedSearch.objects.exists()


def test_names_are_unique_per_owner_ignoring_case_but_not_across_owners(alice, bob):
    save(alice, name="ICU near Denver")
    with pytest.raises(ValidationError) as caught:
        save(alice, name="icu  near denver")
    assert "name" in caught.value.message_dict
    assert save(bob, name="ICU near Denver").owner == bob


def test_an_owner_keeps_a_bounded_number_of_saved_searches(alice):
    for number in range(services.MAX_SAVED_SEARCHES):
        save(alice, name=f"Search {number}")
    with pytest.raises(ValidationError):
        save(alice, name="One too many")
    assert SavedSearch.objects.filter(owner=alice).count() == services.MAX_SAVED_SEARCHES


def test_renaming_and_changing_criteria_keep_when_it_was_seen(alice, clock):
    saved = save(alice)
    clock.move_to(TUESDAY)
    services.saved_search_update(
        owner=alice, saved_search=saved, name="Cardiology", params={"specialty": "cardiology"}
    )
    saved.refresh_from_db()
    assert (saved.name, saved.params, saved.last_seen_at) == (
        "Cardiology",
        {"specialty": "cardiology"},
        MONDAY,
    )


def test_only_the_owner_may_change_or_delete_a_saved_search(alice, bob):
    saved = save(alice)
    with pytest.raises(ValidationError):
        services.saved_search_update(owner=bob, saved_search=saved, name="Mine now")
    with pytest.raises(ValidationError):
        services.saved_search_delete(owner=bob, saved_search=saved)
    saved.refresh_from_db()
    assert saved.name == "ICU near Denver"


# What is new


def test_listings_imported_after_the_search_was_last_seen_are_new(alice, clock):
    icu_job(title="ICU physician, before")
    saved = save(alice)
    clock.move_to(TUESDAY)
    new = icu_job(title="ICU physician, after")
    ListingFactory(title="Dermatologist")  # new, but does not match
    icu_job(latitude=41.8781, longitude=-87.6298, zip_code="60601")  # new, in Chicago
    result = selectors.saved_search_new(owner=alice, saved_search=saved, today=TODAY)
    assert [hit.listing for hit in result.hits] == [new]
    assert result.total == 1


def test_marking_seen_moves_what_is_new(alice, clock):
    saved = save(alice)
    clock.move_to(TUESDAY)
    icu_job()
    services.saved_search_mark_seen(owner=alice, saved_search=saved)
    saved.refresh_from_db()
    assert saved.last_seen_at == TUESDAY
    assert selectors.saved_search_new(owner=alice, saved_search=saved, today=TODAY).total == 0


def test_the_list_counts_what_is_new_in_each_search(alice, bob, clock):
    icu = save(alice)
    everything = save(alice, name="All jobs", query="")
    save(bob, name="Bob's")
    clock.move_to(TUESDAY)
    icu_job()
    ListingFactory(title="Dermatologist")
    rows = selectors.saved_search_list(owner=alice, today=TODAY)
    assert [(row.saved_search, row.n_new) for row in rows] == [(everything, 2), (icu, 1)]


def test_expired_listings_are_not_new(alice, clock):
    save(alice)
    clock.move_to(TUESDAY)
    icu_job(expires_on=datetime.date(2026, 11, 17))
    assert selectors.saved_search_list(owner=alice, today=TODAY)[0].n_new == 0


def test_a_search_seen_after_the_newest_import_is_not_searched_again(
    alice, clock, django_assert_num_queries
):
    icu_job()
    clock.move_to(TUESDAY)
    for number in range(5):
        save(alice, name=f"Search {number}")
    # the saved searches, the newest import
    with django_assert_num_queries(2):
        rows = selectors.saved_search_list(owner=alice, today=TODAY)
    assert [row.n_new for row in rows] == [0] * 5


def test_a_place_that_cannot_be_found_says_so(alice, clock):
    saved = SavedSearch.objects.create(owner=alice, name="Nowhere", params={"near": "Atlantis"})
    icu_job()
    clock.move_to(TUESDAY)
    row = selectors.saved_search_list(owner=alice, today=TODAY)[0]
    assert row.saved_search == saved
    assert "Atlantis" in row.error


def test_a_search_is_described_in_words(alice):
    params, _ = params_from_query(
        QueryDict(
            "q=icu&specialty=critical_care&salary_floor=300k&visa=1&near=80202"
            "&posted_since=2026-11-01"
        )
    )
    assert selectors.describe(params) == (
        "“icu” · Pulmonology / Critical Care · at least $300,000 a year · visa sponsorship · "
        "within 50 miles of 80202 · posted since Nov 1, 2026"
    )
    assert selectors.describe_query("") == "All listings"


# Pages


def test_the_search_page_form_saves_the_current_query_under_a_name(client, alice, clock):
    client.force_login(alice)
    response = client.post(
        reverse("opportunities:saved_search_create"),
        {"name": "ICU", "query": "q=icu&near=80202&page=2"},
    )
    assert response.status_code == 302
    assert response.url == reverse("opportunities:saved_search_list")
    assert SavedSearch.objects.get(owner=alice).params == {"q": "icu", "near": "80202"}


def test_saving_without_a_name_asks_for_one_and_keeps_the_query(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("opportunities:saved_search_create"), {"name": " ", "query": "q=icu"}
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert response.context["criteria"] == "“icu”"
    assert b'value="q=icu"' in response.content
    assert not SavedSearch.objects.exists()


def test_a_duplicate_name_is_shown_on_the_name_field(client, alice):
    save(alice, name="ICU")
    client.force_login(alice)
    response = client.post(
        reverse("opportunities:saved_search_create"), {"name": "icu", "query": "q=icu"}
    )
    assert "already have a saved search" in str(response.context["form"].errors["name"])


def test_the_save_partial_posts_the_current_query_to_the_save_page(rf, alice):
    from django.template.loader import render_to_string

    request = rf.get("/listings/", {"q": "icu", "near": "80202"})
    request.user = alice
    html = render_to_string("opportunities/_save_search.html", {"request": request})
    assert f'action="{reverse("opportunities:saved_search_create")}"' in html
    assert 'name="query" value="q=icu&amp;near=80202"' in html
    assert 'name="name"' in html


def test_the_detail_page_shows_what_is_new_then_marks_it_seen(client, alice, clock):
    saved = save(alice)
    clock.move_to(TUESDAY)
    icu_job(title="ICU nocturnist", employer="Denver Health")
    client.force_login(alice)
    url = reverse("opportunities:saved_search_detail", args=[saved.pk])
    response = client.get(url)
    content = response.content.decode()
    assert "ICU nocturnist" in content
    assert response.context["result"].total == 1
    assert response.context["rows"][0][1].score > 0  # with its fit
    assert "within 25 miles of 80202" in content
    saved.refresh_from_db()
    assert saved.last_seen_at == TUESDAY
    clock.move_to(WEDNESDAY)
    again = client.get(url)
    assert again.context["result"].total == 0
    assert "Nothing new since you last looked" in again.content.decode()


def test_the_list_page_shows_each_search_with_its_new_count(client, alice, clock):
    save(alice)
    clock.move_to(TUESDAY)
    icu_job()
    client.force_login(alice)
    content = client.get(reverse("opportunities:saved_search_list")).content.decode()
    assert "ICU near Denver" in content
    assert "1 new listing since you last looked" in content


def test_deleting_a_saved_search_removes_it(client, alice):
    saved = save(alice)
    client.force_login(alice)
    url = reverse("opportunities:saved_search_delete", args=[saved.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert not SavedSearch.objects.exists()


def grow(owner, n_searches: int, n_listings: int, clock) -> None:
    """n_searches saved on Monday, then n_listings imported on Tuesday."""
    clock.move_to(MONDAY)
    for number in range(n_searches):
        save(owner, name=f"Search {number}", query="specialty=critical_care" if number else "")
    clock.move_to(TUESDAY)
    for _ in range(n_listings):
        icu_job()


@pytest.mark.parametrize("n_listings", [2, 20])
def test_the_list_page_queries_do_not_grow_with_the_new_listings(
    client, alice, clock, n_listings, django_assert_num_queries
):
    grow(alice, 3, n_listings, clock)
    per_search = listing_search_cost(alice)
    client.force_login(alice)
    # session, user, the saved searches, the newest import, then for each of the 3 searches
    # its own listing search (the listing search's plan decides how many: the candidates
    # and counts, and the one-row page's listing)
    with django_assert_num_queries(4 + 3 * per_search):
        response = client.get(reverse("opportunities:saved_search_list"))
    assert [row.n_new for row in response.context["rows"]] == [n_listings] * 3


@pytest.mark.parametrize("n_searches", [2, 20])
def test_the_list_page_queries_do_not_grow_with_searches_that_have_nothing_new(
    client, alice, clock, n_searches, django_assert_num_queries
):
    grow(alice, n_searches, 0, clock)
    icu_job()
    clock.move_to(WEDNESDAY)
    for saved in SavedSearch.objects.filter(owner=alice):
        services.saved_search_mark_seen(owner=alice, saved_search=saved)
    client.force_login(alice)
    # session, user, the saved searches, the newest import
    with django_assert_num_queries(4):
        response = client.get(reverse("opportunities:saved_search_list"))
    assert len(response.context["rows"]) == n_searches


def test_the_dashboard_shows_new_listings_for_the_saved_searches(client, alice, bob, clock):
    saved = save(alice)
    save(bob, name="Bob's search")
    clock.move_to(TUESDAY)
    icu_job()
    icu_job()
    client.force_login(alice)
    content = client.get(reverse("interactions:dashboard")).content.decode()
    card = content[content.index('id="listings-heading"') :]
    assert "New job listings" in card
    assert reverse("opportunities:saved_search_detail", args=[saved.pk]) in card
    assert "2 new" in card
    assert "Bob's search" not in content


def test_the_dashboard_has_no_listings_card_without_saved_searches(client, alice):
    client.force_login(alice)
    assert b"New job listings" not in client.get(reverse("interactions:dashboard")).content


@pytest.mark.parametrize("n_listings", [2, 20])
def test_the_dashboard_card_queries_do_not_grow_with_the_new_listings(
    client, alice, clock, n_listings, django_assert_num_queries
):
    grow(alice, 8, n_listings, clock)  # the card shows the first 5
    per_search = listing_search_cost(alice)
    client.force_login(alice)
    # session, user, follow-ups, fading contacts, recent interactions (none, so no people to
    # prefetch), the saved searches, the newest import, and for each of the 5 searches shown
    # its own listing search
    with django_assert_num_queries(7 + 5 * per_search):
        response = client.get(reverse("interactions:dashboard"))
    assert [row.n_new for row in response.context["saved_searches"]] == [n_listings] * 5
