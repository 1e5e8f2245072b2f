"""/interactions: logging, the thank-you rule, editing and filters."""

import datetime

import pytest

from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.tests.factories import InteractionFactory
from curbside.network.services import contact_self_ensure
from curbside.network.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_logging_a_meeting_owes_each_person_a_thank_you_the_next_day(api, alice):
    ana, ben = ContactFactory.create_batch(2, owner=alice)
    response = api.post(
        "/interactions",
        {
            "kind": "meeting",
            "happened_on": "2026-04-10",
            "contacts": [ana.pk, ben.pk],
            "summary": "Coffee at ACC",
            "sentiment": "positive",
        },
    )
    assert response.status_code == 201
    interaction = Interaction.objects.get(owner=alice, pk=response.json()["id"])
    assert set(interaction.contacts.all()) == {ana, ben}
    assert interaction.sentiment == Interaction.Sentiment.POSITIVE
    thanks = FollowUp.objects.filter(owner=alice, kind=FollowUp.Kind.THANK_YOU)
    assert {(f.contact_id, f.due_on) for f in thanks} == {
        (ana.pk, datetime.date(2026, 4, 11)),
        (ben.pk, datetime.date(2026, 4, 11)),
    }
    body = response.json()
    assert sorted(body["contacts"]) == sorted([ana.pk, ben.pk])
    assert len(body["contact_names"]) == 2
    ana.refresh_from_db()
    assert ana.last_interaction_on == datetime.date(2026, 4, 10)


def test_a_meeting_logged_without_thanks_owes_none(api, alice):
    ana = ContactFactory(owner=alice)
    response = api.post(
        "/interactions",
        {"kind": "meeting", "happened_on": "2026-04-10", "contacts": [ana.pk], "owe_thanks": False},
    )
    assert response.status_code == 201
    assert not FollowUp.objects.filter(owner=alice).exists()


def test_an_interaction_needs_at_least_one_person(api, alice):
    response = api.post(
        "/interactions", {"kind": "call", "happened_on": "2026-04-10", "contacts": []}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "contacts", "message": "Choose at least one person."}
    ]
    assert not Interaction.objects.filter(owner=alice).exists()


def test_an_interaction_is_never_with_yourself(api, alice):
    me = contact_self_ensure(owner=alice)
    response = api.post(
        "/interactions", {"kind": "call", "happened_on": "2026-04-10", "contacts": [me.pk]}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "contacts"


def test_patching_an_interaction_changes_its_people_and_their_dates(api, alice):
    ana, ben = ContactFactory.create_batch(2, owner=alice)
    logged = api.post(
        "/interactions", {"kind": "call", "happened_on": "2026-04-10", "contacts": [ana.pk]}
    ).json()
    response = api.patch(
        f"/interactions/{logged['id']}", {"contacts": [ben.pk], "summary": "Talked fellowships"}
    )
    assert response.status_code == 200
    interaction = Interaction.objects.get(pk=logged["id"])
    assert list(interaction.contacts.all()) == [ben]
    assert interaction.summary == "Talked fellowships"
    assert interaction.kind == Interaction.Kind.CALL
    ana.refresh_from_db()
    ben.refresh_from_db()
    assert (ana.last_interaction_on, ben.last_interaction_on) == (
        None,
        datetime.date(2026, 4, 10),
    )


def test_putting_an_interaction_replaces_every_field(api, alice):
    ana = ContactFactory(owner=alice)
    interaction = InteractionFactory(owner=alice, contacts=[ana], summary="Old", kind="email")
    response = api.put(
        f"/interactions/{interaction.pk}",
        {"kind": "message", "happened_on": "2026-02-01", "contacts": [ana.pk]},
    )
    assert response.status_code == 200
    interaction.refresh_from_db()
    assert (interaction.kind, interaction.summary) == ("message", "")
    assert interaction.sentiment == Interaction.Sentiment.NEUTRAL


def test_deleting_an_interaction_updates_the_last_contact_date(api, alice):
    ana = ContactFactory(owner=alice)
    logged = api.post(
        "/interactions", {"kind": "call", "happened_on": "2026-04-10", "contacts": [ana.pk]}
    ).json()
    assert api.delete(f"/interactions/{logged['id']}").status_code == 204
    assert not Interaction.objects.filter(pk=logged["id"]).exists()
    ana.refresh_from_db()
    assert ana.last_interaction_on is None


def test_the_list_filters_by_contact_kind_and_dates(api, alice):
    ana, ben = ContactFactory.create_batch(2, owner=alice)
    call = InteractionFactory(
        owner=alice, contacts=[ana], kind="call", happened_on=datetime.date(2026, 1, 5)
    )
    email = InteractionFactory(
        owner=alice, contacts=[ben], kind="email", happened_on=datetime.date(2026, 2, 5)
    )
    both = InteractionFactory(
        owner=alice, contacts=[ana, ben], kind="meeting", happened_on=datetime.date(2026, 3, 5)
    )

    def ids(**params) -> list[int]:
        response = api.get("/interactions", params)
        assert response.status_code == 200
        return [i["id"] for i in response.json()["items"]]

    assert ids() == [both.pk, email.pk, call.pk]
    assert ids(contact=ana.pk) == [both.pk, call.pk]
    assert ids(kind="email") == [email.pk]
    assert ids(since="2026-02-01") == [both.pk, email.pk]
    assert ids(until="2026-02-05") == [email.pk, call.pk]
    assert ids(since="2026-02-01", until="2026-02-28") == [email.pk]
