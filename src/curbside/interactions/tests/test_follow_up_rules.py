import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from curbside.interactions import selectors, services
from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.tests.factories import FollowUpFactory
from curbside.network import services as network_services
from curbside.network.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

NOV_20 = datetime.date(2026, 11, 20)


@pytest.mark.parametrize(
    "kind",
    [
        Interaction.Kind.MEETING,
        Interaction.Kind.INFORMATIONAL_INTERVIEW,
        Interaction.Kind.JOB_INTERVIEW,
        Interaction.Kind.REFERRAL_RECEIVED,
    ],
)
def test_meetings_interviews_and_referrals_owe_each_person_a_thank_you_the_next_day(alice, kind):
    ann, ben = ContactFactory.create_batch(2, owner=alice)
    interaction = services.interaction_log(
        owner=alice, kind=kind, contacts=[ann, ben], happened_on=NOV_20
    )
    thanks = FollowUp.objects.filter(owner=alice, kind=FollowUp.Kind.THANK_YOU)
    assert sorted(thanks.values_list("contact_id", flat=True)) == sorted([ann.pk, ben.pk])
    assert {f.due_on for f in thanks} == {datetime.date(2026, 11, 21)}
    assert {f.interaction_id for f in thanks} == {interaction.pk}


@pytest.mark.parametrize(
    "kind", [Interaction.Kind.CALL, Interaction.Kind.EMAIL, Interaction.Kind.NOTE]
)
def test_calls_emails_and_notes_owe_no_thank_you(alice, kind):
    ann = ContactFactory(owner=alice)
    services.interaction_log(owner=alice, kind=kind, contacts=[ann], happened_on=NOV_20)
    assert not FollowUp.objects.filter(owner=alice).exists()


def test_logging_an_interaction_with_someone_elses_contact_is_refused(alice, bob):
    theirs = ContactFactory(owner=bob)
    with pytest.raises(ValidationError):
        services.interaction_log(
            owner=alice, kind=Interaction.Kind.MEETING, contacts=[theirs], happened_on=NOV_20
        )
    assert not Interaction.objects.exists()


def test_a_contact_whose_cadence_ran_out_is_due_to_reconnect(alice):
    with time_machine.travel(datetime.datetime(2026, 8, 1, 12, tzinfo=datetime.UTC)):
        fading = network_services.contact_create(owner=alice, name="Dana Diaz", cadence_days=30)
        fresh = network_services.contact_create(owner=alice, name="Eli Ford", cadence_days=30)
        none = network_services.contact_create(owner=alice, name="Fay Gold")
    services.interaction_log(
        owner=alice,
        kind=Interaction.Kind.CALL,
        contacts=[fading],
        happened_on=NOV_20 - datetime.timedelta(days=45),
    )
    services.interaction_log(
        owner=alice,
        kind=Interaction.Kind.CALL,
        contacts=[fresh],
        happened_on=NOV_20 - datetime.timedelta(days=5),
    )
    due = list(selectors.contact_list_fading(owner=alice, today=NOV_20))
    assert due == [fading]
    fading.refresh_from_db()
    assert fading.next_touch_on == NOV_20 - datetime.timedelta(days=15)
    assert none.next_touch_on is None


def test_the_dashboard_splits_thank_yous_follow_ups_and_what_comes_later(alice):
    ann = ContactFactory(owner=alice)
    overdue_thanks = FollowUpFactory(
        owner=alice, contact=ann, kind=FollowUp.Kind.THANK_YOU, due_on=NOV_20
    )
    snoozed_back = FollowUpFactory(
        owner=alice, contact=ann, due_on=NOV_20, status=FollowUp.Status.SNOOZED
    )
    next_week = FollowUpFactory(owner=alice, contact=ann, due_on=NOV_20 + datetime.timedelta(7))
    FollowUpFactory(owner=alice, contact=ann, due_on=NOV_20 + datetime.timedelta(8))
    FollowUpFactory(owner=alice, contact=ann, due_on=NOV_20, status=FollowUp.Status.DONE)

    board = selectors.dashboard(owner=alice, today=NOV_20)

    assert board.thank_yous == [overdue_thanks]
    assert board.follow_ups == [snoozed_back]
    assert board.upcoming == [next_week]


def test_contact_choices_put_the_chosen_first_and_keep_them_through_a_search(alice, bob):
    ann = network_services.contact_create(owner=alice, name="Ann Zed", specialty="Cardiology")
    ben = network_services.contact_create(owner=alice, name="Ben Young", specialty="Surgery")
    cat = network_services.contact_create(owner=alice, name="Cat Abbot", specialty="Cardiology")

    assert list(selectors.contact_choices(owner=alice)) == [cat, ben, ann]
    assert list(selectors.contact_choices(owner=alice, chosen_ids=[ann.pk])) == [ann, cat, ben]
    searched = selectors.contact_choices(owner=alice, query="surgery", chosen_ids=[ann.pk])
    assert list(searched) == [ann, ben]
    everyone = set(selectors.contact_choices(owner=alice, chosen_ids=[bob.pk]))
    assert everyone == {ann, ben, cat}  # never yourself, never another user's contacts


def test_interactions_match_a_search_on_any_of_their_people_once(alice):
    ann = network_services.contact_create(owner=alice, name="Ann Lee", specialty="Cardiology")
    ben = network_services.contact_create(owner=alice, name="Ben Lee", specialty="Surgery")
    both = services.interaction_log(
        owner=alice, kind=Interaction.Kind.CALL, contacts=[ann, ben], happened_on=NOV_20
    )
    only_ben = services.interaction_log(
        owner=alice,
        kind=Interaction.Kind.CALL,
        contacts=[ben],
        happened_on=NOV_20 - datetime.timedelta(days=1),
    )

    assert list(selectors.interaction_list_matching(owner=alice, query="lee")) == [both, only_ben]
    assert list(selectors.interaction_list_matching(owner=alice, query="cardiology")) == [both]
    assert list(selectors.interaction_list_matching(owner=alice, query="nobody")) == []
