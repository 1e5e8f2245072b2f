"""Another user's interaction or follow-up is indistinguishable from a missing one.

CROSS_USER_URL_NAMES lists this app's URLs with an object id; the coverage test in
core/tests/test_isolation_coverage.py checks that each is parametrized into a test here.
"""

import datetime

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.tests.factories import FollowUpFactory, InteractionFactory
from curbside.network.models import Contact
from curbside.network.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

INTERACTION_URL_NAMES = ["interactions:interaction_edit", "interactions:interaction_delete"]
FOLLOW_UP_URL_NAMES = [
    "interactions:follow_up_edit",
    "interactions:follow_up_complete",
    "interactions:follow_up_snooze",
    "interactions:follow_up_dismiss",
    "interactions:follow_up_reopen",
    "interactions:follow_up_delete",
]
CROSS_USER_URL_NAMES = INTERACTION_URL_NAMES + FOLLOW_UP_URL_NAMES
MISSING_PK = 987_654


def snapshot(row: Interaction | FollowUp) -> dict[str, object]:
    row.refresh_from_db()  # raises DoesNotExist if the other user's request deleted it
    values = model_to_dict(row)
    values["updated_at"] = row.updated_at
    return values


def bobs_valid_post(bob) -> dict[str, object]:
    """A POST that would change the object if the view ever let bob reach it."""
    his = Contact.objects.filter(owner=bob, is_self=False)[0]
    return {
        "contacts": [his.pk],
        "contact": his.pk,
        "happened_on": "2026-11-21",
        "due_on": "2026-12-01",
        "kind": "call",
        "summary": "Changed by someone else",
        "note": "Changed by someone else",
        "sentiment": "negative",
        "days": "3",
    }


@pytest.mark.parametrize("name", INTERACTION_URL_NAMES)
def test_another_users_interaction_is_not_found_and_stays_as_it_was(client, alice, bob, name):
    ann = ContactFactory(owner=alice)
    interaction = InteractionFactory(owner=alice, contacts=[ann], summary="Private lunch")
    before = snapshot(interaction)
    client.force_login(bob)

    assert client.get(reverse(name, args=[interaction.pk])).status_code == 404
    assert (
        client.post(reverse(name, args=[interaction.pk]), bobs_valid_post(bob)).status_code == 404
    )

    assert snapshot(interaction) == before
    assert list(interaction.contacts.all()) == [ann]


@pytest.mark.parametrize("name", FOLLOW_UP_URL_NAMES)
@pytest.mark.parametrize("status", [FollowUp.Status.OPEN, FollowUp.Status.DONE])
def test_another_users_follow_up_is_not_found_and_stays_as_it_was(client, alice, bob, name, status):
    follow_up = FollowUpFactory(owner=alice, status=status, due_on=datetime.date(2026, 11, 23))
    before = snapshot(follow_up)
    client.force_login(bob)
    url = reverse(name, args=[follow_up.pk])
    missing_url = reverse(name, args=[MISSING_PK])

    # Pages answer 404; POST-only actions answer GET with 405 whoever owns the id, exactly
    # as for an id that does not exist, so GET reveals nothing either way.
    assert client.get(url).status_code == client.get(missing_url).status_code
    assert client.get(url).status_code in {404, 405}
    assert client.post(url, bobs_valid_post(bob)).status_code == 404
    htmx = client.post(url, bobs_valid_post(bob), headers={"HX-Request": "true"})
    assert htmx.status_code == 404

    assert snapshot(follow_up) == before


def test_editing_your_interaction_to_include_someone_elses_contact_is_refused(client, alice, bob):
    ann = ContactFactory(owner=alice)
    interaction = InteractionFactory(owner=alice, contacts=[ann], summary="Lunch")
    before = snapshot(interaction)
    client.force_login(alice)

    url = reverse("interactions:interaction_edit", args=[interaction.pk])
    response = client.post(url, bobs_valid_post(bob))

    assert response.status_code == 200
    assert "contacts" in response.context["form"].errors
    assert snapshot(interaction) == before
    assert list(interaction.contacts.all()) == [ann]


def test_the_log_form_never_offers_or_preselects_someone_elses_contact(client, alice, bob):
    his = Contact.objects.filter(owner=bob, is_self=False)[0]
    client.force_login(alice)

    response = client.get(reverse("interactions:interaction_create"), {"contact": his.pk})

    assert his not in response.context["form"].fields["contacts"].queryset
    assert his.full_name not in response.content.decode()


def test_the_dashboard_and_lists_show_only_your_own_rows(client, alice, bob):
    his = Contact.objects.filter(owner=bob, is_self=False)[0]
    FollowUpFactory(owner=bob, contact=his, kind=FollowUp.Kind.THANK_YOU)
    InteractionFactory(owner=bob, contacts=[his], summary="Bob's secret meeting")
    client.force_login(alice)

    for url in (
        reverse("interactions:dashboard"),
        reverse("interactions:interaction_list"),
        reverse("interactions:follow_up_list") + "?status=all",
    ):
        html = client.get(url).content.decode()
        assert his.full_name not in html, url
        assert "Bob's secret meeting" not in html, url
