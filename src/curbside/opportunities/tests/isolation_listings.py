"""Cross-user tests for the listings URLs; gathered by test_isolation.py.

Listing imports are the instance's, not a user's: to anyone but staff their pages and API
paths do not exist (404). Listings are public: any user may track one, and tracking makes
an opportunity in the caller's account only.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from curbside.accounts.services import token_create
from curbside.opportunities.models import Listing, ListingImport, Opportunity
from curbside.opportunities.services import listings as listing_services
from curbside.opportunities.services.tracking import listing_track

from .listing_factories import ListingFactory

IMPORT_PAGE_NAMES = [
    "opportunities:listing_import_preview",
    "opportunities:listing_import_discard",
]
IMPORT_API_NAMES = [
    "api:listing_import_detail",
    "api:listing_import_commit",
    "api:listing_import_discard",
]
TRACK_NAMES = ["opportunities:listing_track"]
NAMES: list[str] = [*IMPORT_PAGE_NAMES, *IMPORT_API_NAMES, *TRACK_NAMES]


def _staff_import(alice) -> ListingImport:
    assert alice.is_staff  # the instance's first account administers it
    data = json.dumps([{"@type": "JobPosting", "identifier": "1", "title": "Hospitalist"}])
    return listing_services.listing_import_preview(
        files=[("jobs.jsonld", data.encode())], source="FR", created_by=alice
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", IMPORT_PAGE_NAMES)
def test_listing_imports_pages_are_not_found_for_non_staff(client, alice, bob, name):
    batch = _staff_import(alice)
    client.force_login(bob)

    assert client.get(reverse(name, args=[batch.pk])).status_code in {404, 405}
    assert client.post(reverse(name, args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert (batch.status, batch.n_create) == ("previewed", 1)
    assert not Listing.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", IMPORT_API_NAMES)
def test_listing_imports_api_is_not_found_for_non_staff(alice, bob, name):
    batch = _staff_import(alice)
    _, raw = token_create(owner=bob, name="tests")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    path = reverse(name, kwargs={"import_id": batch.pk})

    assert api.get(path).status_code in {404, 405}
    assert api.post(path).status_code in {404, 405}
    batch.refresh_from_db()
    assert batch.status == "previewed"
    assert not Listing.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", TRACK_NAMES)
def test_listing_tracking_stays_in_the_callers_account(client, alice, bob, name):
    listing = ListingFactory()
    hers = listing_track(owner=alice, listing=listing)
    client.force_login(bob)

    response = client.post(reverse(name, args=[listing.pk]))

    his = Opportunity.objects.get(owner=bob)
    assert response["Location"] == f"/opportunities/{his.pk}/"
    assert his.pk != hers.pk
    assert his.organization is not None
    assert his.organization.owner == bob
    assert Opportunity.objects.filter(owner=alice).get() == hers


# Listing pages and the listing API: public data, the same for every signed-in user; a
# user's own data (what they track) never shows on them, and nothing can be changed there.
LISTING_PAGE_NAMES = ["opportunities:listing_detail", "api:listing_detail"]
NAMES.extend(LISTING_PAGE_NAMES)


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTING_PAGE_NAMES)
def test_listing_pages_are_public_and_read_only_for_another_user(client, alice, bob, name):
    listing = ListingFactory(title="Nocturnist")
    listing_track(owner=alice, listing=listing)
    _, raw = token_create(owner=bob, name="tests")
    reader = Client(HTTP_AUTHORIZATION=f"Bearer {raw}") if name.startswith("api:") else client
    client.force_login(bob)
    kwargs = {"listing_id": listing.pk} if name.startswith("api:") else {"pk": listing.pk}

    response = reader.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 200
    assert "Nocturnist" in response.content.decode()
    assert "Tracked — open it" not in response.content.decode()  # alice's opportunity
    assert reader.post(reverse(name, kwargs=kwargs)).status_code == 405
    assert Listing.objects.get(pk=listing.pk).title == "Nocturnist"
