"""The follow-ups page and the actions on a follow-up."""

import datetime

import pytest
from django.urls import reverse

from curbside.interactions.models import FollowUp
from curbside.interactions.tests.factories import FollowUpFactory
from curbside.network.models import Contact
from curbside.network.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

LIST = reverse("interactions:follow_up_list")
CREATE = reverse("interactions:follow_up_create")


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_pending_follow_ups_are_grouped_by_when_they_are_due(alice_client, alice, on_nov_22):
    overdue = FollowUpFactory(owner=alice, due_on=on_nov_22 - days(3))
    today = FollowUpFactory(owner=alice, due_on=on_nov_22)
    this_week = FollowUpFactory(owner=alice, due_on=on_nov_22 + days(6))
    later = FollowUpFactory(owner=alice, due_on=on_nov_22 + days(30))
    FollowUpFactory(owner=alice, due_on=on_nov_22, status=FollowUp.Status.DONE)

    response = alice_client.get(LIST)

    groups = [(g.title, g.follow_ups) for g in response.context["groups"]]
    assert groups == [
        ("Overdue", [overdue]),
        ("Today", [today]),
        ("This week", [this_week]),
        ("Later", [later]),
    ]
    html = response.content.decode()
    assert html.index(overdue.contact.full_name) < html.index(later.contact.full_name)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("", {"open", "snoozed"}),
        ("done", {"done"}),
        ("dismissed", {"dismissed"}),
        ("all", {"open", "snoozed", "done", "dismissed"}),
    ],
)
def test_the_status_tabs_show_their_follow_ups(alice_client, alice, on_nov_22, status, expected):
    for value in FollowUp.Status.values:
        FollowUpFactory(owner=alice, status=value, due_on=on_nov_22)

    response = alice_client.get(LIST, {"status": status} if status else {})

    assert {f.status for f in response.context["page"]} == expected
    assert 'aria-current="page">' in response.content.decode()


def test_the_kind_filter_narrows_the_list(alice_client, alice, on_nov_22):
    thanks = FollowUpFactory(owner=alice, kind=FollowUp.Kind.THANK_YOU, due_on=on_nov_22)
    FollowUpFactory(owner=alice, kind=FollowUp.Kind.CLOSURE, due_on=on_nov_22)

    response = alice_client.get(LIST, {"kind": FollowUp.Kind.THANK_YOU})

    assert list(response.context["page"]) == [thanks]


def test_an_empty_list_says_where_follow_ups_come_from(alice_client, on_nov_22):
    html = alice_client.get(LIST).content.decode()
    assert "Nothing to follow up on" in html
    assert CREATE in html


def test_another_users_follow_ups_are_never_listed(alice_client, alice, bob, on_nov_22):
    FollowUpFactory(owner=bob, due_on=on_nov_22)
    assert list(alice_client.get(LIST, {"status": "all"}).context["page"]) == []


def test_adding_a_follow_up_preselects_the_person_and_saves_it(alice_client, alice, on_nov_22):
    ann = ContactFactory(owner=alice, full_name="Ann Lee")

    form = alice_client.get(CREATE, {"contact": ann.pk}).context["form"]
    assert form["contact"].value() == ann.pk
    assert form["due_on"].value() == on_nov_22 + days(1)

    response = alice_client.post(
        CREATE,
        {"contact": ann.pk, "kind": "follow_up", "due_on": "2026-11-25", "note": "Send paper"},
        follow=True,
    )

    follow_up = FollowUp.objects.get(owner=alice)
    assert (follow_up.contact, follow_up.due_on, follow_up.note) == (
        ann,
        datetime.date(2026, 11, 25),
        "Send paper",
    )
    assert response.redirect_chain == [(LIST, 302)]
    assert messages_of(response) == ["Added: follow-up to Ann Lee, due in 3 days."]


def test_a_follow_up_for_someone_elses_contact_or_yourself_is_refused(
    alice_client, alice, bob, on_nov_22
):
    for forged in (Contact.objects.filter(owner=bob, is_self=False)[0], alice_self(alice)):
        response = alice_client.post(
            CREATE, {"contact": forged.pk, "kind": "follow_up", "due_on": "2026-11-25"}
        )
        assert response.status_code == 200
        assert "contact" in response.context["form"].errors
    assert not FollowUp.objects.exists()


def alice_self(alice) -> Contact:
    return Contact.objects.get(owner=alice, is_self=True)


def test_editing_a_follow_up_changes_its_kind_date_and_note(alice_client, alice, on_nov_22):
    follow_up = FollowUpFactory(owner=alice, due_on=on_nov_22)
    url = reverse("interactions:follow_up_edit", args=[follow_up.pk])
    assert alice_client.get(url).context["form"]["due_on"].value() == on_nov_22

    response = alice_client.post(
        url, {"kind": "closure", "due_on": "2026-12-01", "note": "Say goodbye", "next": "/"}
    )

    assert response["Location"] == "/"
    follow_up.refresh_from_db()
    assert (follow_up.kind, follow_up.due_on, follow_up.note) == (
        FollowUp.Kind.CLOSURE,
        datetime.date(2026, 12, 1),
        "Say goodbye",
    )


def test_a_follow_up_can_be_dismissed_and_reopened(alice_client, alice, on_nov_22):
    follow_up = FollowUpFactory(owner=alice, due_on=on_nov_22)

    alice_client.post(reverse("interactions:follow_up_dismiss", args=[follow_up.pk]))
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DISMISSED

    response = alice_client.post(
        reverse("interactions:follow_up_reopen", args=[follow_up.pk]),
        {"next": LIST},
        headers={"HX-Request": "true"},
    )
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.OPEN
    html = response.content.decode()
    assert html.strip().startswith(f'<li class="row" id="follow-up-{follow_up.pk}">')
    assert "Mark done" in html


def test_snoozing_until_a_date_moves_the_due_date(alice_client, alice, on_nov_22):
    follow_up = FollowUpFactory(owner=alice, due_on=on_nov_22)

    alice_client.post(
        reverse("interactions:follow_up_snooze", args=[follow_up.pk]), {"until": "2026-12-24"}
    )

    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.due_on) == ("snoozed", datetime.date(2026, 12, 24))


def test_snoozing_a_follow_up_due_later_never_brings_it_closer(alice_client, alice, on_nov_22):
    follow_up = FollowUpFactory(owner=alice, due_on=on_nov_22 + days(5))

    alice_client.post(reverse("interactions:follow_up_snooze", args=[follow_up.pk]))

    follow_up.refresh_from_db()
    assert follow_up.due_on == on_nov_22 + days(8)


def test_snoozing_into_the_past_is_refused_with_a_message(alice_client, alice, on_nov_22):
    follow_up = FollowUpFactory(owner=alice, due_on=on_nov_22)
    url = reverse("interactions:follow_up_snooze", args=[follow_up.pk])

    response = alice_client.post(url, {"until": "2026-11-01"}, follow=True)

    assert messages_of(response) == ["Snooze until a day after today."]
    htmx = alice_client.post(url, {"until": "2026-11-01"}, headers={"HX-Request": "true"})
    assert "Snooze until a day after today." in htmx.content.decode()
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.due_on) == ("open", on_nov_22)


def test_deleting_a_follow_up_removes_it(alice_client, alice, on_nov_22):
    follow_up = FollowUpFactory(owner=alice, due_on=on_nov_22)

    response = alice_client.post(
        reverse("interactions:follow_up_delete", args=[follow_up.pk]), follow=True
    )

    assert not FollowUp.objects.filter(pk=follow_up.pk).exists()
    assert messages_of(response) == [f"Follow-up to {follow_up.contact.full_name}: deleted."]


@pytest.mark.parametrize(
    "name",
    [
        "interactions:follow_up_complete",
        "interactions:follow_up_snooze",
        "interactions:follow_up_dismiss",
        "interactions:follow_up_reopen",
        "interactions:follow_up_delete",
    ],
)
def test_follow_up_actions_only_accept_post(alice_client, alice, on_nov_22, name):
    follow_up = FollowUpFactory(owner=alice, due_on=on_nov_22)

    assert alice_client.get(reverse(name, args=[follow_up.pk])).status_code == 405

    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.OPEN
