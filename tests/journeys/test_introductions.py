"""A physician opens an organization whose chair is two steps away, sees the chain and why
each link holds, drafts the request for an introduction, marks it sent and sees the
follow-up it owes."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from curbside.accounts.services import user_create
from curbside.interactions.models import Interaction
from curbside.interactions.services import interaction_log
from curbside.intros.graph import graph_cache_clear
from curbside.network.models import Affiliation
from curbside.network.services import (
    affiliation_create,
    contact_create,
    contact_strength_set,
    organization_create,
    tie_record,
)

from .conftest import log_in

pytestmark = [pytest.mark.django_db(transaction=True)]

EMAIL = "dana@example.org"
PASSWORD = "a long enough passphrase"


@pytest.fixture(autouse=True)
def _fresh_graphs():
    graph_cache_clear()
    yield
    graph_cache_clear()


def test_asking_a_friend_to_introduce_the_chair_owes_a_follow_up_in_a_week(desktop_page):
    user = user_create(email=EMAIL, password=PASSWORD, name="Dana Diaz")
    today = timezone.localdate(timezone=ZoneInfo(user.time_zone))
    ann = contact_create(
        owner=user, name="Ann Lee", specialty="Cardiology", emails=["ann@example.org"]
    )
    carl = contact_create(owner=user, name="Carl Diaz, MD", specialty="Internal Medicine")
    mercy = organization_create(owner=user, name="Mercy Hospital", kind="hospital")
    affiliation_create(
        owner=user,
        contact=carl,
        organization=mercy,
        kind=Affiliation.Kind.EMPLOYMENT,
        role="Department chair",
        start_year=2015,
        is_decision_maker=True,
    )
    contact_strength_set(owner=user, contact=ann, strength=4)
    tie_record(owner=user, person=ann, other=carl, strength=4, context="co-residents")
    interaction_log(
        owner=user,
        kind=Interaction.Kind.MEETING,
        contacts=[ann],
        happened_on=today - timedelta(days=30),
        summary="Coffee after grand rounds",
        sentiment=Interaction.Sentiment.POSITIVE,
        owe_thanks=False,
    )
    page = desktop_page
    log_in(page, EMAIL, PASSWORD)

    page.goto(f"/organizations/{mercy.pk}/")
    reach = page.get_by_role("region", name="How do I reach Mercy Hospital?")
    chain = reach.get_by_role("article", name="You → Ann Lee → Carl Diaz, MD")
    expect(chain).to_be_visible()
    expect(chain).to_contain_text("Recorded tie 4/5, last talked 1 month ago")
    expect(chain).to_contain_text("Recorded tie 4/5, co-residents")
    expect(chain).to_contain_text("Department chair at Mercy Hospital since 2015, decision maker")

    chain.get_by_role("link", name="Ask for an introduction").click()

    expect(page.get_by_role("heading", name="Ask Ann Lee for an introduction")).to_be_visible()
    message = page.get_by_role("textbox", name="Message")
    expect(message).to_contain_text("Dear Ann,")
    expect(message).to_contain_text("coffee after grand rounds")
    expect(message).to_contain_text("Carl Diaz, MD, department chair at Mercy Hospital")
    mail = page.get_by_role("link", name="Open in your email app")
    expect(mail).to_have_attribute("href", re.compile(r"^mailto:ann@example\.org\?subject="))
    draft = message.input_value()
    message.fill(draft.replace("I hope you are well.", "I hope the new service is going well."))
    page.get_by_role("button", name="Mark as sent").click()

    expect(
        page.get_by_text("Marked as sent. A follow-up with Ann Lee is due in 7 days.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Ann Lee", level=1)).to_be_visible()
    follow_ups = page.get_by_role("region", name="Follow-ups")
    expect(follow_ups).to_contain_text("Introduction to Carl Diaz: did Ann Lee answer?")
    timeline = page.get_by_role("region", name="Interactions")
    expect(timeline).to_contain_text("Asked Ann Lee for advice and an introduction to Carl Diaz")
    expect(timeline).to_contain_text("I hope the new service is going well.")

    page.get_by_role("link", name="Follow-ups").first.click()
    week = page.get_by_role("region", name=re.compile("This week"))
    row = week.get_by_role("listitem").filter(has_text="Ann Lee")
    expect(row).to_contain_text("Follow-up")
    expect(row).to_contain_text("Due in 7 days")
