"""One click turns a job listing into a tracked opportunity, in the caller's account only."""

from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from curbside.network.models import Organization
from curbside.network.tests.factories import OrganizationFactory
from curbside.opportunities.models import Opportunity, StageChange
from curbside.opportunities.selectors.tracking import listing_tracked_by
from curbside.opportunities.services.tracking import listing_track, names_match, organization_key

from .listing_factories import ListingFactory

pytestmark = pytest.mark.django_db


def test_tracking_a_listing_copies_what_the_board_published(alice):
    listing = ListingFactory(
        source="Front Range Jobs",
        title="Nocturnist",
        employer="Denver Health",
        visa_sponsorship="J-1 waiver",
        expires_on=date(2026, 6, 30),
    )

    opportunity = listing_track(owner=alice, listing=listing)

    assert opportunity.owner == alice
    assert opportunity.listing == listing
    assert (opportunity.source, opportunity.source_name) == ("advertised", "Front Range Jobs")
    assert opportunity.title == "Nocturnist"
    assert (opportunity.specialty, opportunity.practice_setting, opportunity.position_type) == (
        "hospitalist",
        "hospital_employed",
        "full_time",
    )
    assert (opportunity.city, opportunity.state, opportunity.zip_code) == (
        "Denver",
        "CO",
        "80202",
    )
    assert (opportunity.salary_min, opportunity.salary_max, opportunity.salary_unit) == (
        Decimal(280000),
        Decimal(320000),
        "year",
    )
    assert opportunity.visa_sponsorship == "J-1 waiver"
    assert opportunity.url == listing.url
    assert opportunity.deadline_on == date(2026, 6, 30)
    assert opportunity.stage == "found"
    assert StageChange.objects.filter(opportunity=opportunity, to_stage="found").exists()


def test_the_employer_becomes_an_organization_of_the_caller(alice):
    listing = ListingFactory(employer="Front Range Health, Inc.", practice_setting="group")

    opportunity = listing_track(owner=alice, listing=listing)

    organization = opportunity.organization
    assert organization is not None
    assert organization.owner == alice
    assert (organization.name, organization.kind) == ("Front Range Health, Inc.", "group_practice")
    assert (organization.city, organization.state) == ("Denver", "CO")


@pytest.mark.parametrize(
    ("mine", "employer"),
    [
        ("Denver Health", "DENVER HEALTH"),
        ("Denver Health", "Denver Health Medical Center"),
        ("Denver Health Medical Center", "Denver Health"),
        ("St. Joseph's Hospital", "St Josephs Hospital"),
        ("Front Range Cardiology, P.C.", "Front Range Cardiology"),
        ("Intermountain Healthcare", "Intermountain Heathcare"),
        ("Saint Mary’s Regional", "Saint Mary's Regional"),
    ],
)
def test_the_employer_is_matched_to_an_organization_the_caller_has(alice, mine, employer):
    organization = OrganizationFactory(owner=alice, name=mine)

    opportunity = listing_track(owner=alice, listing=ListingFactory(employer=employer))

    assert opportunity.organization == organization
    assert Organization.objects.filter(owner=alice).count() == 1


@pytest.mark.parametrize(
    ("mine", "employer"),
    [
        ("Mercy", "Mercy Hospital"),  # one word says too little
        ("Kaiser Permanente", "Kaiser Permanente Colorado"),
        ("Denver Health", "Denver Heart Institute"),
        ("University Hospital", "University Medical Center"),
    ],
)
def test_a_merely_similar_organization_is_not_matched(alice, mine, employer):
    OrganizationFactory(owner=alice, name=mine)

    opportunity = listing_track(owner=alice, listing=ListingFactory(employer=employer))

    assert opportunity.organization is not None
    assert opportunity.organization.name == employer
    assert Organization.objects.filter(owner=alice).count() == 2


def test_another_users_organization_is_never_matched(alice, bob):
    OrganizationFactory(owner=bob, name="Denver Health")

    opportunity = listing_track(owner=alice, listing=ListingFactory(employer="Denver Health"))

    assert opportunity.organization is not None
    assert opportunity.organization.owner == alice
    assert Organization.objects.filter(name="Denver Health").count() == 2


def test_a_listing_without_employer_is_tracked_without_organization(alice):
    opportunity = listing_track(owner=alice, listing=ListingFactory(employer=""))

    assert opportunity.organization is None


def test_tracking_the_same_listing_twice_returns_the_same_opportunity(alice):
    listing = ListingFactory()

    first = listing_track(owner=alice, listing=listing)
    second = listing_track(owner=alice, listing=listing)

    assert first == second
    assert Opportunity.objects.filter(owner=alice).count() == 1
    assert listing_tracked_by(owner=alice, listing=listing) == first


def test_two_users_track_one_listing_each_in_their_own_account(alice, bob):
    listing = ListingFactory()

    mine = listing_track(owner=alice, listing=listing)
    his = listing_track(owner=bob, listing=listing)

    assert mine != his
    assert (mine.owner, his.owner) == (alice, bob)
    assert mine.organization != his.organization
    assert listing_tracked_by(owner=bob, listing=listing) == his


def test_swapped_salaries_and_a_loose_url_do_not_stop_tracking(alice):
    listing = ListingFactory(
        salary_min=Decimal(300000), salary_max=Decimal(250000), url="http://intranet/jobs/1"
    )

    opportunity = listing_track(owner=alice, listing=listing)

    assert (opportunity.salary_min, opportunity.salary_max) == (Decimal(250000), Decimal(300000))
    assert opportunity.url == ""


def test_organization_keys_ignore_case_accents_punctuation_and_legal_suffixes():
    assert organization_key("The Café Clinic, LLC") == ("cafe", "clinic")
    assert organization_key("Smith & Jones P.C.") == ("smith", "and", "jones")
    assert organization_key("St. Joseph’s") == ("st", "josephs")
    assert names_match(("denver", "health"), ("denver", "health", "medical", "center"))
    assert not names_match((), ())


# The view ------------------------------------------------------------------------------------


def test_posting_track_opens_the_new_opportunity(client, alice):
    listing = ListingFactory()
    client.force_login(alice)

    response = client.post(reverse("opportunities:listing_track", args=[listing.pk]))

    opportunity = Opportunity.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "opportunities:opportunity_detail", args=[opportunity.pk]
    )
    assert response["Location"] == f"/opportunities/{opportunity.pk}/"


def test_any_user_may_track_a_listing_into_their_own_account_only(client, alice, bob):
    listing = ListingFactory()
    listing_track(owner=alice, listing=listing)
    client.force_login(bob)

    response = client.post(reverse("opportunities:listing_track", args=[listing.pk]))

    his = Opportunity.objects.get(owner=bob)
    assert response["Location"] == f"/opportunities/{his.pk}/"
    assert Opportunity.objects.filter(owner=alice).count() == 1


def test_tracking_takes_a_post_and_a_missing_listing_is_not_found(client, alice):
    listing = ListingFactory()
    client.force_login(alice)

    assert client.get(reverse("opportunities:listing_track", args=[listing.pk])).status_code == 405
    missing = reverse("opportunities:listing_track", args=[listing.pk + 1])
    assert client.post(missing).status_code == 404
    assert not Opportunity.objects.exists()


def test_tracking_needs_a_login(client):
    listing = ListingFactory()

    response = client.post(reverse("opportunities:listing_track", args=[listing.pk]))

    assert response.status_code == 302
    assert "/login" in response["Location"]
    assert not Opportunity.objects.exists()


def test_the_track_button_turns_into_a_link_once_tracked(alice):
    listing = ListingFactory()
    request = RequestFactory().get("/")
    request.user = alice

    before = render_to_string(
        "opportunities/_listing_track.html", {"listing": listing, "tracked": None}, request
    )
    opportunity = listing_track(owner=alice, listing=listing)
    after = render_to_string(
        "opportunities/_listing_track.html", {"listing": listing, "tracked": opportunity}, request
    )

    assert f'action="/listings/{listing.pk}/track/"' in before
    assert "Track this opportunity" in before
    assert f'href="/opportunities/{opportunity.pk}/"' in after
    assert "Tracked — open it" in after
    assert "<form" not in after
