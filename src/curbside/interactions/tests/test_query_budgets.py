"""The interactions pages make the same number of queries for 2 people as for 50."""

import datetime
import itertools

import pytest
from django.urls import reverse

from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.tests.factories import FollowUpFactory, InteractionFactory
from curbside.network import services as network_services
from curbside.network.models import Contact
from curbside.network.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

SIZES = (2, 50)
counter = itertools.count()


def grow_network(owner, today: datetime.date, n: int) -> None:
    """n more people, each fading, with a strength, a logged meeting or two, an owed
    thank-you (some overdue), a follow-up due today and one due this week."""
    for _ in range(n):
        i = next(counter)
        contact = ContactFactory(owner=owner, cadence_days=30, next_touch_on=today - days(i % 9))
        network_services.contact_strength_set(owner=owner, contact=contact, strength=1 + i % 5)
        other = ContactFactory(owner=owner)
        meeting = InteractionFactory(
            owner=owner,
            contacts=[contact, other],
            kind=Interaction.Kind.MEETING,
            happened_on=today - days(1 + i % 3),
            sentiment=Interaction.Sentiment.NEGATIVE if i % 4 == 0 else "neutral",
        )
        FollowUpFactory(
            owner=owner,
            contact=contact,
            interaction=meeting,
            kind=FollowUp.Kind.THANK_YOU,
            due_on=meeting.happened_on + days(1),
        )
        FollowUpFactory(owner=owner, contact=other, due_on=today)
        FollowUpFactory(
            owner=owner, contact=contact, kind=FollowUp.Kind.CLOSURE, due_on=today + days(3)
        )
        FollowUpFactory(
            owner=owner, contact=other, due_on=today - days(2), status=FollowUp.Status.DONE
        )


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@pytest.mark.parametrize(
    ("url", "params", "shown"),
    [
        # session, user, pending follow-ups due within the week (with their contact and
        # interaction), fading contacts with their strength, recent interactions, the
        # people of those interactions, and the saved listing searches (none here)
        pytest.param(reverse("interactions:dashboard"), {}, 7, id="dashboard"),
        # session, user, count, one page of interactions, the people of those interactions
        pytest.param(reverse("interactions:interaction_list"), {}, 5, id="interaction list"),
        pytest.param(
            reverse("interactions:interaction_list"),
            {"q": "lee", "kind": "meeting", "since": "2026-01-01"},
            5,
            id="interaction list, filtered",
        ),
        # session, user, count, one page of follow-ups with their contact and interaction
        pytest.param(reverse("interactions:follow_up_list"), {}, 4, id="follow-up list"),
        pytest.param(
            reverse("interactions:follow_up_list"),
            {"status": "all", "kind": "thank_you"},
            4,
            id="follow-up list, all",
        ),
    ],
)
def test_the_pages_queries_do_not_grow_with_the_network(
    alice_client, alice, on_nov_22, django_assert_num_queries, url, params, shown
):
    grown = 0
    for size in SIZES:
        grow_network(alice, on_nov_22, size - grown)
        grown = size
        with django_assert_num_queries(shown):
            response = alice_client.get(url, params)
        assert response.status_code == 200
        assert Contact.objects.filter(owner=alice, cadence_days=30).count() == size
        rows = response.context.get("page") or response.context["board"].thank_yous
        assert len(rows) >= size  # the page really shows the grown network


def test_the_log_form_needs_one_query_for_its_people(
    alice_client, alice, on_nov_22, django_assert_num_queries
):
    for size in SIZES:
        ContactFactory.create_batch(size, owner=alice)
        # session, user, the people to choose from
        with django_assert_num_queries(3):
            alice_client.get(reverse("interactions:interaction_create"), {"contact": "1"})
