"""The pipeline board: a column per stage, cards that move with one form or a drag."""

import datetime
import os
import re
import shutil
from pathlib import Path

import pytest
from django.urls import reverse

from curbside.interactions.models import FollowUp
from curbside.opportunities.models import Opportunity

from .factories import OpportunityFactory, OpportunityPersonFactory

# Playwright's sync API runs an event loop in the test thread (see tests/journeys).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BOARD = "opportunities:opportunity_board"


def move_url(opportunity):
    return reverse("opportunities:opportunity_move", args=[opportunity.pk])


def column_of(html: str, title: str) -> str:
    """The stage of the column whose card has this title."""
    for match in re.finditer(
        r'<section class="board-column[^"]*" data-stage="(\w+)"(.*?)</section>', html, re.S
    ):
        if f">{title}</a>" in match.group(2):
            return match.group(1)
    raise AssertionError(f"{title} is on no column")


@pytest.mark.django_db
class TestBoard:
    def test_the_board_has_a_column_per_stage_in_pipeline_order(self, client, alice):
        client.force_login(alice)
        html = client.get(reverse(BOARD)).content.decode()
        stages = re.findall(r'<section class="board-column[^"]*" data-stage="(\w+)"', html)
        assert stages == list(Opportunity.Stage.values)

    def test_each_card_sits_in_its_stage_column(self, client, alice):
        OpportunityFactory(owner=alice, title="Nocturnist", stage="applied")
        OpportunityFactory(owner=alice, title="Cardiologist", stage="offer")
        client.force_login(alice)
        html = client.get(reverse(BOARD)).content.decode()
        assert column_of(html, "Nocturnist") == "applied"
        assert column_of(html, "Cardiologist") == "offer"

    def test_the_board_shows_only_your_own_opportunities(self, client, alice, bob):
        OpportunityFactory(owner=bob, title="Bob's secret job")
        client.force_login(alice)
        assert b"secret job" not in client.get(reverse(BOARD)).content

    def test_a_card_moves_without_javascript_and_comes_back_to_the_board(self, client, alice):
        opportunity = OpportunityFactory(owner=alice, title="Nocturnist")
        client.force_login(alice)
        response = client.post(
            move_url(opportunity), {"stage": "researching", "next": reverse(BOARD)}, follow=True
        )
        assert response.redirect_chain == [(reverse(BOARD), 302)]
        assert column_of(response.content.decode(), "Nocturnist") == "researching"
        assert "Moved “Nocturnist” to Researching." in response.content.decode()
        opportunity.refresh_from_db()
        assert opportunity.stage == "researching"
        assert opportunity.stage_changes.get().changed_on == opportunity.stage_changed_on

    def test_an_htmx_move_answers_with_the_columns_only(self, client, alice):
        opportunity = OpportunityFactory(owner=alice, title="Nocturnist")
        client.force_login(alice)
        response = client.post(move_url(opportunity), {"stage": "applied"}, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert "<html" not in html
        assert column_of(html, "Nocturnist") == "applied"
        assert "Moved “Nocturnist” to Applied." in html

    def test_moving_a_card_to_declined_owes_closure_notes(self, client, alice):
        person = OpportunityPersonFactory(owner=alice, opportunity__stage="offer")
        client.force_login(alice)
        client.post(move_url(person.opportunity), {"stage": "declined"}, HTTP_HX_REQUEST="true")
        assert FollowUp.objects.get(kind="closure").contact == person.contact

    def test_a_move_to_an_unknown_stage_changes_nothing(self, client, alice):
        opportunity = OpportunityFactory(owner=alice, stage="applied")
        client.force_login(alice)
        response = client.post(move_url(opportunity), {"stage": "hired"}, follow=True)
        assert "Choose a stage to move it to." in response.content.decode()
        opportunity.refresh_from_db()
        assert opportunity.stage == "applied"

    def test_moving_needs_a_post(self, client, alice):
        opportunity = OpportunityFactory(owner=alice)
        client.force_login(alice)
        assert client.get(move_url(opportunity)).status_code == 405

    def test_the_board_queries_do_not_grow(self, client, alice, django_assert_num_queries):
        client.force_login(alice)
        total = 0
        for batch in (2, 20):
            for stage in Opportunity.Stage.values[: batch // 2]:
                OpportunityFactory.create_batch(2, owner=alice, stage=stage)
                total += 2
            # session, user, the opportunities with their organization and referrer; for the
            # fit scores: the job preferences, the organizations, the current affiliations
            # there (nobody works there, so no ties are looked up)
            with django_assert_num_queries(6):
                response = client.get(reverse(BOARD))
            assert response.context["board"].n_cards == total

    def test_the_board_runs_no_inline_script(self, client, alice):
        OpportunityFactory(owner=alice)
        client.force_login(alice)
        html = client.get(reverse(BOARD)).content.decode()
        assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
        assert "curbside/board.js" in html


# In a browser: drag and drop, and the layout at desktop and phone widths.

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


def _log_in(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("alice@example.org")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dragging_a_card_to_another_column_moves_it(browser, live_server, alice):
    from playwright.sync_api import expect

    OpportunityFactory(owner=alice, title="Nocturnist", deadline_on=datetime.date(2030, 1, 1))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _log_in(page, live_server)
    page.goto(f"{live_server.url}{reverse(BOARD)}")
    card = page.get_by_role("listitem").filter(has_text="Nocturnist")
    applied = page.get_by_role("region", name="Applied")
    # The card moves at once; the move itself is the request the drop sends.
    with page.expect_response(lambda response: "/move/" in response.url) as moved:
        card.drag_to(applied)
    assert moved.value.ok
    expect(applied.get_by_role("link", name="Nocturnist")).to_be_visible()
    expect(page.get_by_label("Stage of Nocturnist")).to_have_value("applied")
    opportunity = Opportunity.objects.get(title="Nocturnist")
    assert opportunity.stage == "applied"
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("name", "viewport"),
    [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})],
)
def test_the_board_fits_the_screen_and_a_card_moves_by_its_select(
    browser, live_server, alice, name, viewport, tmp_path
):
    from playwright.sync_api import expect

    for stage, title in [
        ("found", "Hospitalist, Front Range"),
        ("researching", "Nocturnist"),
        ("applied", "Cardiology faculty"),
        ("interviewing", "Partner track, Mile High Cardiology"),
        ("declined", "Locums, Grand Junction"),
    ]:
        OpportunityFactory(owner=alice, title=title, stage=stage)
    context = browser.new_context(viewport=viewport, is_mobile=name == "phone")
    page = context.new_page()
    _log_in(page, live_server)
    page.goto(f"{live_server.url}{reverse(BOARD)}")
    # CURBSIDE_SHOTS_DIR keeps the screenshots for a look at the layout.
    shots = Path(os.environ.get("CURBSIDE_SHOTS_DIR") or tmp_path)
    page.screenshot(path=shots / f"board-{name}.png", full_page=True)
    # Nothing but the board itself scrolls sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]
    page.get_by_label("Stage of Nocturnist").select_option("applied")
    applied = page.get_by_role("region", name="Applied")
    expect(applied.get_by_role("link", name="Nocturnist")).to_be_visible()
    assert Opportunity.objects.get(title="Nocturnist").stage == "applied"
    context.close()
