"""/followups: CRUD, filters and the complete / snooze / dismiss / reopen actions."""

import datetime

import pytest
import time_machine

from curbside.interactions.models import FollowUp
from curbside.interactions.tests.factories import FollowUpFactory, InteractionFactory
from curbside.network.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


def test_creating_a_follow_up_stores_it_open(api, alice):
    contact = ContactFactory(owner=alice, full_name="Ana Ruiz")
    interaction = InteractionFactory(owner=alice, contacts=[contact])
    response = api.post(
        "/followups",
        {
            "contact": contact.pk,
            "kind": "follow_up",
            "due_on": "2026-06-20",
            "note": "Send the CV",
            "interaction": interaction.pk,
        },
    )
    assert response.status_code == 201
    follow_up = FollowUp.objects.get(owner=alice, pk=response.json()["id"])
    assert (follow_up.contact, follow_up.interaction) == (contact, interaction)
    assert follow_up.status == FollowUp.Status.OPEN
    assert follow_up.due_on == datetime.date(2026, 6, 20)
    body = response.json()
    assert (body["contact_name"], body["status"], body["is_pending"]) == ("Ana Ruiz", "open", True)


def test_completing_a_follow_up_marks_it_done(api, alice):
    follow_up = FollowUpFactory(owner=alice)
    response = api.post(f"/followups/{follow_up.pk}/complete")
    assert response.status_code == 200
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE
    assert follow_up.completed_at is not None
    assert response.json()["is_pending"] is False


def test_dismissing_and_reopening_a_follow_up(api, alice):
    follow_up = FollowUpFactory(owner=alice)
    assert api.post(f"/followups/{follow_up.pk}/dismiss").json()["status"] == "dismissed"
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DISMISSED
    assert api.post(f"/followups/{follow_up.pk}/reopen").json()["status"] == "open"
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.OPEN


def test_snoozing_a_follow_up_moves_its_due_date(api, alice):
    follow_up = FollowUpFactory(owner=alice, due_on=TODAY)
    response = api.post(f"/followups/{follow_up.pk}/snooze", {"until": "2026-06-22"})
    assert response.status_code == 200
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.due_on) == ("snoozed", datetime.date(2026, 6, 22))


def test_a_follow_up_cannot_be_snoozed_into_the_past(api, alice):
    follow_up = FollowUpFactory(owner=alice, due_on=TODAY)
    response = api.post(f"/followups/{follow_up.pk}/snooze", {"until": "2026-06-15"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "until", "message": "Snooze until a day after today."}
    ]
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.due_on) == ("open", TODAY)


def test_patching_a_follow_up_changes_its_note_and_status(api, alice):
    follow_up = FollowUpFactory(owner=alice, note="Call")
    response = api.patch(f"/followups/{follow_up.pk}", {"note": "Email", "status": "done"})
    assert response.status_code == 200
    follow_up.refresh_from_db()
    assert (follow_up.note, follow_up.status) == ("Email", "done")
    assert follow_up.completed_at is not None


def test_deleting_a_follow_up_removes_it(api, alice):
    follow_up = FollowUpFactory(owner=alice)
    assert api.delete(f"/followups/{follow_up.pk}").status_code == 204
    assert not FollowUp.objects.filter(pk=follow_up.pk).exists()


def test_the_list_filters_by_status_kind_contact_and_due_date(api, alice):
    ana, ben = ContactFactory.create_batch(2, owner=alice)
    thanks = FollowUpFactory(owner=alice, contact=ana, kind="thank_you", due_on=TODAY)
    snoozed = FollowUpFactory(
        owner=alice, contact=ben, status="snoozed", due_on=datetime.date(2026, 7, 1)
    )
    done = FollowUpFactory(
        owner=alice, contact=ana, status="done", due_on=datetime.date(2026, 6, 1)
    )

    def ids(**params) -> list[int]:
        response = api.get("/followups", params)
        assert response.status_code == 200
        return [f["id"] for f in response.json()["items"]]

    assert ids() == [done.pk, thanks.pk, snoozed.pk]
    assert ids(status="pending") == [thanks.pk, snoozed.pk]
    assert ids(status="done") == [done.pk]
    assert ids(kind="thank_you") == [thanks.pk]
    assert ids(contact=ana.pk) == [done.pk, thanks.pk]
    assert ids(due_by="2026-06-15", status="pending") == [thanks.pk]


def test_an_unknown_status_filter_is_a_field_error(api, alice):
    response = api.get("/followups", {"status": "someday"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["status"]
