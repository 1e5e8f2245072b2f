"""Two records of one person become one, with both emails and both histories."""

import datetime

import pytest
from playwright.sync_api import expect

from curbside.accounts.services import user_create
from curbside.interactions.services import interaction_log
from curbside.network.services import contact_create

from .conftest import log_in

pytestmark = [pytest.mark.django_db(transaction=True)]

EMAIL = "sam@example.org"
PASSWORD = "a long enough passphrase"


def test_merging_two_records_of_one_person_keeps_both_emails_and_interactions(desktop_page):
    user = user_create(email=EMAIL, password=PASSWORD, name="Sam Rivera")
    card = contact_create(owner=user, name="Maya Patel, MD", emails=["maya@denverheart.org"])
    phone = contact_create(owner=user, name="Maya Patel", emails=["mpatel@gmail.com"])
    interaction_log(
        owner=user,
        kind="conference_encounter",
        contacts=[card],
        happened_on=datetime.date(2026, 4, 2),
        summary="Met at her poster on heart failure clinics",
    )
    interaction_log(
        owner=user,
        kind="call",
        contacts=[phone],
        happened_on=datetime.date(2026, 5, 14),
        summary="Call about the cardiology opening in Denver",
    )
    page = desktop_page
    log_in(page, EMAIL, PASSWORD)

    page.goto("/contacts/")
    expect(page.get_by_role("region", name="Contacts")).to_contain_text("2 contacts")
    page.get_by_role("link", name="Maya Patel, MD").click()
    page.get_by_role("link", name="Merge").click()

    expect(page.get_by_label("Find the other record")).to_have_value("Patel")
    page.get_by_role("link", name="Compare with Maya Patel").click()
    expect(page.get_by_role("region", name="What will move")).to_contain_text(
        "1 email, 0 phones, 0 affiliations, 0 ties, 1 interaction and 0 follow-ups"
    )
    expect(page.get_by_text("mpatel@gmail.com")).to_be_visible()
    page.get_by_role("button", name="Merge contacts").click()

    expect(page.get_by_text("Merged Maya Patel into Maya Patel, MD.")).to_be_visible()
    expect(page.get_by_role("heading", name="Maya Patel, MD", level=1)).to_be_visible()
    info = page.get_by_role("region", name="Contact info")
    expect(info.get_by_role("link", name="maya@denverheart.org")).to_be_visible()
    expect(info.get_by_role("link", name="mpatel@gmail.com")).to_be_visible()
    timeline = page.get_by_role("region", name="Interactions")
    expect(timeline.get_by_role("listitem")).to_have_count(2)
    expect(timeline).to_contain_text("Met at her poster on heart failure clinics")
    expect(timeline).to_contain_text("Call about the cardiology opening in Denver")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Contacts").click()
    expect(page.get_by_role("region", name="Contacts")).to_contain_text("1 contact")
