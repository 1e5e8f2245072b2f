"""The "Today" page: owed thank-yous first, then follow-ups, people to reconnect with."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from curbside.interactions import services
from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.tests.factories import FollowUpFactory, InteractionFactory
from curbside.network import services as network_services
from curbside.network.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("interactions:dashboard")


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def section(html: str, heading_id: str) -> str:
    """The HTML of the dashboard section labelled by `heading_id`."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert match, f"no section {heading_id}"
    return match.group(0)


def test_logging_a_meeting_with_two_people_owes_both_a_thank_you_shown_first_overdue_first(
    alice_client, alice, on_nov_22
):
    ann = network_services.contact_create(owner=alice, name="Ann Lee")
    ben = network_services.contact_create(owner=alice, name="Ben Ford")
    cat = network_services.contact_create(owner=alice, name="Cat Diaz")
    # A meeting three days ago whose thank-you is overdue, logged earlier.
    services.interaction_log(
        owner=alice,
        kind=Interaction.Kind.JOB_INTERVIEW,
        contacts=[cat],
        happened_on=on_nov_22 - days(3),
    )
    FollowUpFactory(owner=alice, contact=cat, kind=FollowUp.Kind.FOLLOW_UP, due_on=on_nov_22)

    response = alice_client.post(
        reverse("interactions:interaction_create"),
        {
            "contacts": [ann.pk, ben.pk],
            "happened_on": "2026-11-21",
            "kind": Interaction.Kind.MEETING,
            "summary": "Coffee at the conference",
            "sentiment": Interaction.Sentiment.POSITIVE,
            "owe_thanks": "on",
            "next": DASHBOARD,
        },
        follow=True,
    )

    interaction = Interaction.objects.get(owner=alice, summary="Coffee at the conference")
    assert set(interaction.contacts.all()) == {ann, ben}
    thanks = FollowUp.objects.filter(interaction=interaction, kind=FollowUp.Kind.THANK_YOU)
    assert sorted(f.contact_id for f in thanks) == sorted([ann.pk, ben.pk])
    assert response.redirect_chain == [(DASHBOARD, 302)]
    assert "Logged. Thank-yous to Ben Ford and Ann Lee are due today." in [
        str(m) for m in response.context["messages"]
    ]

    html = response.content.decode()
    owed = section(html, "thanks-heading")
    assert owed.index("Cat Diaz") < owed.index("Ann Lee")  # overdue before due today
    assert "Overdue" in owed
    assert "Due today" in owed
    assert "for the meeting on Nov 21" in owed
    # Thank-yous come before the other follow-ups on the page.
    assert html.index('id="thanks-heading"') < html.index('id="follow-ups-heading"')
    assert "Cat Diaz" in section(html, "follow-ups-heading")
    assert "3 thank-yous owed, 1 follow-up, 0 people to reconnect with" in " ".join(html.split())


def test_marking_a_thank_you_done_takes_it_off_the_dashboard_and_lists_it_under_done(
    alice_client, alice, on_nov_22
):
    ann = network_services.contact_create(owner=alice, name="Ann Lee")
    services.interaction_log(
        owner=alice, kind=Interaction.Kind.MEETING, contacts=[ann], happened_on=on_nov_22 - days(1)
    )
    thanks = FollowUp.objects.get(owner=alice, contact=ann)
    assert "Ann Lee" in section(alice_client.get(DASHBOARD).content.decode(), "thanks-heading")

    response = alice_client.post(
        reverse("interactions:follow_up_complete", args=[thanks.pk]), {"next": DASHBOARD}
    )

    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    thanks.refresh_from_db()
    assert thanks.status == FollowUp.Status.DONE
    html = alice_client.get(DASHBOARD).content.decode()
    assert "Ann Lee" not in section(html, "thanks-heading")
    assert "No thank-yous owed" in html
    done = alice_client.get(reverse("interactions:follow_up_list"), {"status": "done"})
    assert [f.pk for f in done.context["page"]] == [thanks.pk]
    pending = alice_client.get(reverse("interactions:follow_up_list"))
    assert list(pending.context["page"]) == []


def test_marking_done_with_htmx_replaces_the_row_with_a_line_that_can_undo(
    alice_client, alice, on_nov_22
):
    thanks = FollowUpFactory(owner=alice, kind=FollowUp.Kind.THANK_YOU, due_on=on_nov_22)

    response = alice_client.post(
        reverse("interactions:follow_up_complete", args=[thanks.pk]),
        {"next": DASHBOARD},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith(f'<li class="row" id="follow-up-{thanks.pk}">')
    assert f"Thank-you to {thanks.contact.full_name}: done." in html
    assert reverse("interactions:follow_up_reopen", args=[thanks.pk]) in html
    assert "<html" not in html


def test_snoozing_a_follow_up_moves_it_to_coming_up(alice_client, alice, on_nov_22):
    follow_up = FollowUpFactory(owner=alice, due_on=on_nov_22 - days(2))

    alice_client.post(
        reverse("interactions:follow_up_snooze", args=[follow_up.pk]),
        {"days": "3", "next": DASHBOARD},
    )

    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.SNOOZED
    assert follow_up.due_on == on_nov_22 + days(3)
    html = alice_client.get(DASHBOARD).content.decode()
    assert follow_up.contact.full_name not in section(html, "follow-ups-heading")
    assert follow_up.contact.full_name in section(html, "upcoming-heading")


def test_the_reconnect_list_puts_strong_ties_first_then_the_longest_overdue(
    alice_client, alice, on_nov_22
):
    def fading(name: str, strength: int | None, overdue: int) -> None:
        contact = network_services.contact_create(owner=alice, name=name, cadence_days=30)
        if strength:
            network_services.contact_strength_set(owner=alice, contact=contact, strength=strength)
        services.interaction_log(
            owner=alice,
            kind=Interaction.Kind.CALL,
            contacts=[contact],
            happened_on=on_nov_22 - days(30 + overdue),
        )

    fading("Weak Long", 2, overdue=90)
    fading("Strong Recent", 5, overdue=1)
    fading("Strong Long", 5, overdue=40)
    fading("Nobody Long", None, overdue=200)
    network_services.contact_create(owner=alice, name="Not Yet", cadence_days=30)

    response = alice_client.get(DASHBOARD)

    names = [c.full_name for c in response.context["board"].reconnect]
    assert names == ["Strong Long", "Strong Recent", "Weak Long", "Nobody Long"]
    reconnect = section(response.content.decode(), "reconnect-heading")
    positions = [reconnect.index(name) for name in names]
    assert positions == sorted(positions)
    assert "Not Yet" not in reconnect
    assert "Log interaction" in reconnect
    assert ">Later<" in reconnect


def test_a_new_user_is_told_how_to_start(alice_client, on_nov_22):
    html = alice_client.get(DASHBOARD).content.decode()

    assert "Start with the people you know" in html
    assert reverse("network:contact_quick_add") in html
    assert "nothing due today" in html


def test_recent_interactions_show_people_and_flag_the_ones_that_went_badly(
    alice_client, alice, on_nov_22
):
    ann = ContactFactory(owner=alice, full_name="Ann Lee")
    InteractionFactory(
        owner=alice,
        contacts=[ann],
        happened_on=on_nov_22 - days(4),
        sentiment=Interaction.Sentiment.NEGATIVE,
        summary="Disagreed about call schedules",
    )

    recent = section(alice_client.get(DASHBOARD).content.decode(), "recent-heading")

    assert "Ann Lee" in recent
    assert reverse("network:contact_detail", args=[ann.pk]) in recent
    assert '<span class="badge negative">Went badly</span>' in recent
    assert "Start with the people you know" not in recent


def test_a_follow_up_action_never_redirects_off_the_site(alice_client, alice, on_nov_22):
    follow_up = FollowUpFactory(owner=alice, due_on=on_nov_22)

    response = alice_client.post(
        reverse("interactions:follow_up_dismiss", args=[follow_up.pk]),
        {"next": "https://evil.example/phish"},
    )

    assert response["Location"] == reverse("interactions:follow_up_list")
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DISMISSED


def test_the_dashboard_uses_the_users_own_time_zone(alice_client, alice):
    alice.time_zone = "Pacific/Auckland"
    alice.save()
    # 15:00 UTC on 22 November is already 23 November in Auckland.
    with time_machine.travel(
        datetime.datetime(2026, 11, 22, 15, 0, tzinfo=datetime.UTC), tick=False
    ):
        follow_up = FollowUpFactory(
            owner=alice, kind=FollowUp.Kind.THANK_YOU, due_on=datetime.date(2026, 11, 23)
        )
        response = alice_client.get(DASHBOARD)

    assert response.context["today"] == datetime.date(2026, 11, 23)
    assert [f.pk for f in response.context["board"].thank_yous] == [follow_up.pk]
