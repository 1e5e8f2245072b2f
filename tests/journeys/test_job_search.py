"""A physician searches job listings near a ZIP code with a salary floor, saves the search,
tracks a listing, moves it to interviewing, logs the interview and sees the thank-you it
owes, then declines it and sees the closure notes for everyone involved."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from curbside.accounts.services import user_create
from curbside.network.services import contact_create
from curbside.opportunities.models import Opportunity, SavedSearch
from curbside.opportunities.tests.listing_factories import ListingFactory

from .conftest import log_in

pytestmark = [pytest.mark.django_db(transaction=True)]

EMAIL = "ravi@example.org"
PASSWORD = "a long enough passphrase"


def _listings() -> None:
    ListingFactory(
        title="Nocturnist Hospitalist",
        employer="Front Range Health",
        city="Denver",
        zip_code="80202",
        salary_min=Decimal("310000"),
        salary_max=Decimal("340000"),
    )
    ListingFactory(
        title="Hospitalist, part-time",
        employer="Valley Clinic",
        city="Denver",
        zip_code="80205",
        latitude=39.7589,
        longitude=-104.9661,
        salary_min=Decimal("150000"),
        salary_max=Decimal("170000"),
    )
    ListingFactory(
        title="Hospitalist in the Springs",
        employer="Pikes Peak Medical",
        city="Colorado Springs",
        zip_code="80903",
        latitude=38.8339,
        longitude=-104.8214,
    )


def test_from_a_listing_near_a_zip_to_a_declined_offer_with_every_note_owed(desktop_page):
    user = user_create(email=EMAIL, password=PASSWORD, name="Ravi Shah")
    contact_create(owner=user, name="Jane Roe, MD", specialty="Hospital medicine")
    _listings()
    page = desktop_page
    log_in(page, EMAIL, PASSWORD)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Job listings").click()
    expect(page.get_by_role("heading", name="Job listings", level=1)).to_be_visible()
    page.get_by_label("Words").fill("hospitalist")
    page.get_by_label("Near").fill("80202")
    page.get_by_label("Pay at least, a year").fill("250000")
    page.get_by_role("button", name="Search", exact=True).click()
    results = page.get_by_role("region", name="Listings")
    expect(results.get_by_role("link", name="Nocturnist Hospitalist")).to_be_visible()
    expect(results.get_by_text("Hospitalist, part-time")).to_have_count(0)  # below the floor
    expect(results.get_by_text("Hospitalist in the Springs")).to_have_count(0)  # 60 miles away

    page.get_by_label("Name this search").fill("Denver nights")
    page.get_by_role("button", name="Save this search").click()
    expect(page.get_by_text("Denver nights").first).to_be_visible()
    saved = SavedSearch.objects.get(owner=user)
    assert saved.name == "Denver nights"

    page.goto("/listings/?q=hospitalist&near=80202&salary_floor=250000")
    page.get_by_role("region", name="Listings").get_by_role(
        "link", name="Nocturnist Hospitalist"
    ).click()
    page.get_by_role("button", name="Track this opportunity").click()
    expect(page.get_by_role("heading", name="Nocturnist Hospitalist", level=1)).to_be_visible()
    opportunity = Opportunity.objects.get(owner=user)
    assert opportunity.organization is not None
    assert opportunity.organization.name == "Front Range Health"

    stage = page.get_by_role("region", name="Stage")
    stage.get_by_label("Stage").select_option(label="Interviewing")
    stage.get_by_role("button", name="Move").click()
    expect(page.get_by_role("region", name="Stage history")).to_contain_text("Interviewing")

    interviews = page.get_by_role("region", name=re.compile("^Interviews"))
    interviews.get_by_text("Log an interview").click()
    interviews.get_by_label("Interviewers").select_option(label="Jane Roe, MD · Hospital medicine")
    interviews.get_by_label("Went well").check()
    interviews.get_by_role("button", name="Log interview").click()
    follow_ups = page.get_by_role("region", name=re.compile("^Follow-ups"))
    expect(follow_ups.get_by_role("listitem")).to_contain_text("Thank-you to Jane Roe")

    stage = page.get_by_role("region", name="Stage")
    stage.get_by_label("Stage").select_option(label="Declined")
    stage.get_by_role("button", name="Move").click()
    follow_ups = page.get_by_role("region", name=re.compile("^Follow-ups"))
    closure = follow_ups.get_by_role("listitem").filter(has_text="Closure")
    expect(closure).to_contain_text("Closure to Jane Roe")
    expect(closure).to_contain_text("positive note")
    opportunity.refresh_from_db()
    assert opportunity.stage == Opportunity.Stage.DECLINED
