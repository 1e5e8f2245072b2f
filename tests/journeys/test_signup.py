import re

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import log_in

pytestmark = [pytest.mark.django_db(transaction=True)]

EMAIL = "dana@example.org"
PASSWORD = "plum orchard 42"


def test_a_new_visitor_signs_up_logs_out_and_logs_back_in(desktop_page):
    page = desktop_page
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Name").fill("Dana Diaz")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()

    page.goto("/accounts/settings/")
    page.get_by_role("main").get_by_role("button", name="Log out").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_text("You are logged out.")).to_be_visible()

    log_in(page, EMAIL, PASSWORD)

    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()


def test_a_mistyped_password_confirmation_is_explained_on_a_phone(phone_page):
    page = phone_page
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Name").fill("Dana Diaz")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD + "!")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("alert")).to_contain_text("The two passwords differ.")
    expect(page.get_by_label("Email")).to_have_value(EMAIL)
