"""A physician logs a meeting, sees the thank-you owed on "Today", and marks it done."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from curbside.accounts.services import user_create
from curbside.network.services import contact_create

from .conftest import log_in

pytestmark = [pytest.mark.django_db(transaction=True)]

EMAIL = "dana@example.org"
PASSWORD = "a long enough passphrase"


def test_a_meeting_owes_a_thank_you_that_is_marked_done_from_the_dashboard(desktop_page):
    user = user_create(email=EMAIL, password=PASSWORD, name="Dana Diaz")
    contact_create(owner=user, name="Ann Lee", specialty="Cardiology")
    contact_create(owner=user, name="Ben Ford", specialty="Surgery")
    # Met yesterday (in the user's time zone), so the thank-you is due today.
    yesterday = timezone.localdate(timezone=ZoneInfo(user.time_zone)) - timedelta(days=1)
    page = desktop_page
    log_in(page, EMAIL, PASSWORD)

    page.goto("/")
    expect(page.get_by_role("heading", name="Today")).to_be_visible()
    page.get_by_role("link", name="Log interaction", exact=True).click()

    expect(page.get_by_role("heading", name="Log interaction")).to_be_visible()
    page.get_by_role("listbox", name="People").select_option(label="Ann Lee · Cardiology")
    page.get_by_label("Date").fill(yesterday.isoformat())
    page.get_by_label("Kind").select_option(label="Meeting")
    page.get_by_label("Summary").fill("Coffee after grand rounds; she knows the chair.")
    page.get_by_label("Went well").check()
    expect(page.get_by_label("Owe a thank-you")).to_be_checked()
    page.get_by_role("button", name="Log interaction").click()

    expect(page.get_by_text("Logged. A thank-you to Ann Lee is due today.")).to_be_visible()
    owed = page.get_by_role("region", name="Thank-yous owed")
    row = owed.get_by_role("listitem").filter(has_text="Ann Lee")
    expect(row).to_contain_text("for the meeting")
    expect(row).to_contain_text("Due today")
    expect(owed).not_to_contain_text("Ben Ford")
    recent = page.get_by_role("region", name="Recent interactions")
    expect(recent).to_contain_text("Coffee after grand rounds")

    row.get_by_role("button", name="Mark done").click()

    expect(owed).to_contain_text("Thank-you to Ann Lee: done.")
    expect(owed.get_by_role("button", name="Mark done")).to_have_count(0)
    page.reload()
    expect(page.get_by_role("region", name="Thank-yous owed")).to_contain_text("No thank-yous owed")
    page.get_by_role("link", name="Follow-ups").click()
    page.get_by_role("link", name="Done").click()
    expect(page.get_by_role("listitem").filter(has_text="Ann Lee")).to_contain_text("Done")
