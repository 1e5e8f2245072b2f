import datetime

import pytest
import time_machine
from django.urls import reverse

from curbside.interactions.models import FollowUp
from curbside.interactions.tests.factories import FollowUpFactory

pytestmark = pytest.mark.django_db

# 20:00 UTC on Nov 22 is already Nov 23 in Auckland, still Nov 22 in New York.
EVENING_UTC = datetime.datetime(2026, 11, 22, 20, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("zone", "today", "is_due"),
    [
        ("Pacific/Auckland", datetime.date(2026, 11, 23), True),
        ("America/New_York", datetime.date(2026, 11, 22), False),
    ],
)
def test_today_is_the_users_own_day_in_their_time_zone(client, alice, zone, today, is_due):
    alice.time_zone = zone
    alice.save()
    FollowUpFactory(owner=alice, kind=FollowUp.Kind.THANK_YOU, due_on=datetime.date(2026, 11, 23))
    client.force_login(alice)
    with time_machine.travel(EVENING_UTC, tick=False):
        response = client.get(reverse("interactions:dashboard"))
    assert response.context["today"] == today
    assert bool(response.context["board"].thank_yous) is is_due
