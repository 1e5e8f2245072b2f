"""Cross-user tests for the fit, comparison and saved-search URLs; gathered by
test_isolation.py.

Bob asks for Alice's saved search through every page and API path that takes its id, and
puts Alice's opportunity in a comparison: each answers 404, and nothing of Alice's changes."""

import datetime
import json
from typing import Any

import pytest
import time_machine
from django.db import models
from django.test import Client
from django.urls import reverse

from curbside.accounts.services import token_create
from curbside.opportunities.models import JobPreferences, Opportunity, SavedSearch

PAGES = [
    "opportunities:saved_search_detail",
    "opportunities:saved_search_delete",
]
# (URL name, method, a body that would be valid for Bob's own row)
API = [
    ("api:saved_search_detail", "get", None),
    ("api:saved_search_update", "patch", {"name": "Mine now", "params": {"q": "x"}}),
    ("api:saved_search_delete", "delete", None),
    ("api:saved_search_new", "get", None),
]
NAMES: list[str] = [*PAGES, *(name for name, _, _ in API)]

LAST_SEEN = datetime.datetime(2026, 11, 16, 15, 0, tzinfo=datetime.UTC)


def _snapshot(row: models.Model) -> dict[str, Any]:
    return type(row)._default_manager.filter(pk=row.pk).values().get()


@pytest.fixture
def alices_search(alice) -> SavedSearch:
    return SavedSearch.objects.create(
        owner=alice, name="ICU near Denver", params={"q": "icu"}, last_seen_at=LAST_SEEN
    )


@pytest.fixture
def bobs_search(bob) -> SavedSearch:
    return SavedSearch.objects.create(owner=bob, name="Bob's", params={}, last_seen_at=LAST_SEEN)


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_fit_another_users_saved_search_page_is_not_found(
    client, alice, bob, alices_search, bobs_search, name
):
    before = _snapshot(alices_search)
    client.force_login(bob)
    with time_machine.travel(LAST_SEEN + datetime.timedelta(days=1)):
        assert client.get(reverse(name, args=[alices_search.pk])).status_code in {404, 405}
        assert client.post(reverse(name, args=[alices_search.pk])).status_code in {404, 405}
        # the same URL works on Bob's own row: the 404 is about the owner, not the path
        own = client.get(reverse(name, args=[bobs_search.pk]))
        assert own.status_code in {200, 405}
    assert _snapshot(alices_search) == before  # not deleted, not marked seen


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "body"), API, ids=[name for name, _, _ in API])
def test_fit_another_users_saved_search_is_not_found_through_the_api(
    alice, bob, alices_search, bobs_search, name, method, body
):
    _, raw = token_create(owner=bob, name="tests")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    before = _snapshot(alices_search)

    def call(pk: int):
        send = getattr(api, method)
        url = reverse(name, kwargs={"saved_search_id": pk})
        if body is None:
            return send(url)
        return send(url, json.dumps(body), content_type="application/json")

    response = call(alices_search.pk)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert _snapshot(alices_search) == before
    assert call(bobs_search.pk).status_code in {200, 204}


@pytest.mark.django_db
def test_fit_another_users_opportunity_cannot_be_compared_or_weighed(client, alice, bob):
    mine = Opportunity.objects.create(owner=bob, title="Bob's job")
    theirs = Opportunity.objects.create(owner=alice, title="Alice's job")
    before = _snapshot(theirs)
    client.force_login(bob)
    url = f"{reverse('opportunities:opportunity_compare')}?ids={mine.pk}&ids={theirs.pk}"
    assert client.get(url).status_code == 404
    assert b"Alice's job" not in client.get(reverse("opportunities:opportunity_compare")).content
    weights = dict.fromkeys(["setting", "place", "pay", "specialty", "visa", "network"], "5")
    assert client.post(url, weights).status_code == 404  # and nothing is saved
    assert _snapshot(theirs) == before
    assert not JobPreferences.objects.filter(owner=alice).exists()
    assert not JobPreferences.objects.filter(owner=bob).exists()
