"""At a conference, on a phone: capture someone in seconds, then find them in the list."""

import re

import pytest
from playwright.sync_api import expect

from curbside.accounts.services import user_create

from .conftest import log_in

pytestmark = [pytest.mark.django_db(transaction=True)]

EMAIL = "sam@example.org"
PASSWORD = "a long enough passphrase"


def test_quick_adding_a_physician_on_a_phone_splits_her_credentials(phone_page):
    user_create(email=EMAIL, password=PASSWORD, name="Sam Rivera")
    page = phone_page
    log_in(page, EMAIL, PASSWORD)

    page.get_by_role("banner").get_by_role("link", name="Quick add").click()
    expect(page.get_by_role("heading", name="Quick add")).to_be_visible()
    page.get_by_label("Name").fill("Dr. Maya Patel, MD")
    page.get_by_label("Email").fill("maya.patel@example.org")
    page.get_by_label("Where we met").fill("ACC 2026, poster hall")
    page.get_by_role("button", name="Add contact").click()

    expect(page.get_by_text("Added Maya Patel, MD. Add another below.")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("")  # ready for the next person
    # Nothing is wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Contacts").click()
    results = page.get_by_role("region", name="Contacts")
    expect(results).to_contain_text("1 contact")
    # Live search: results change as she types, and the address follows.
    page.get_by_label("Search").fill("nobody")
    expect(results).to_contain_text("No contacts match.")
    expect(page).to_have_url(re.compile(r"/contacts/\?q=nobody"))
    page.get_by_label("Search").fill("patel")
    expect(results).to_contain_text("1 contact matches")
    results.get_by_role("link", name="Maya Patel, MD").click()

    expect(page.get_by_role("heading", name="Maya Patel, MD", level=1)).to_be_visible()
    info = page.get_by_role("region", name="Contact info")
    expect(info).to_contain_text("Dr. Maya Patel")
    expect(info).to_contain_text("first: Maya · last: Patel")
    expect(info.get_by_role("link", name="maya.patel@example.org")).to_have_attribute(
        "href", "mailto:maya.patel@example.org"
    )
    expect(page.get_by_role("region", name="About")).to_contain_text("ACC 2026, poster hall")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
