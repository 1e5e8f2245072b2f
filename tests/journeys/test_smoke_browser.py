import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.django_db(transaction=True)]


def test_an_anonymous_visitor_is_sent_to_the_login_page(desktop_page):
    desktop_page.goto("/")
    expect(desktop_page).to_have_url(__import__("re").compile(r"/accounts/login/"))
