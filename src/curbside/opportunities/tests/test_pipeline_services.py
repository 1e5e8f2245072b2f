"""The pipeline's rules: stages and their history, deadlines, closure notes, interviews."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from curbside.interactions.models import FollowUp, Interaction
from curbside.network.models import Contact, Organization
from curbside.network.services import contact_strength_set, tie_record
from curbside.network.tests.factories import (
    AffiliationFactory,
    ContactFactory,
    OrganizationFactory,
)
from curbside.opportunities.models import DocumentSent, Opportunity, OpportunityPerson
from curbside.opportunities.selectors import pipeline as selectors
from curbside.opportunities.services import pipeline as services

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)
Stage = Opportunity.Stage


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC), tick=False):
        yield


def create(owner, **fields):
    if "organization" not in fields:
        fields["organization"] = OrganizationFactory(owner=owner)
    return services.opportunity_create(owner=owner, title="Hospitalist, nocturnist", **fields)


def deadlines(opportunity):
    return FollowUp.objects.filter(opportunity=opportunity, kind=FollowUp.Kind.CUSTOM)


# Creating and editing


def test_tracking_an_opportunity_records_its_first_stage_dated_today(alice):
    opportunity = create(alice)
    change = opportunity.stage_changes.get()
    assert (change.from_stage, change.to_stage, change.changed_on) == ("", Stage.FOUND, TODAY)
    assert opportunity.stage_changed_on == TODAY


def test_a_deadline_becomes_a_follow_up_on_your_own_contact_due_that_day(alice):
    opportunity = create(alice, deadline_on=datetime.date(2026, 4, 1))
    follow_up = deadlines(opportunity).get()
    assert follow_up.contact.is_self
    assert follow_up.contact.owner == alice
    assert follow_up.due_on == datetime.date(2026, 4, 1)
    assert follow_up.note == "Deadline: Hospitalist, nocturnist"
    assert follow_up.status == FollowUp.Status.OPEN


def test_an_opportunity_without_deadline_owes_nothing(alice):
    opportunity = create(alice)
    assert not FollowUp.objects.filter(opportunity=opportunity).exists()


def test_another_users_organization_is_refused(alice, bob):
    with pytest.raises(ValidationError) as error:
        create(alice, organization=OrganizationFactory(owner=bob))
    assert "organization" in error.value.message_dict
    assert not Opportunity.objects.exists()


def test_another_users_referrer_is_refused(alice, bob):
    with pytest.raises(ValidationError) as error:
        create(alice, referrer=ContactFactory(owner=bob), source=Opportunity.Source.NETWORK)
    assert "referrer" in error.value.message_dict
    assert not Opportunity.objects.exists()


def test_a_new_organization_name_finds_or_creates_the_organization(alice):
    existing = OrganizationFactory(owner=alice, name="Front Range Hospitalists")
    first = create(alice, organization=None, organization_name="front range hospitalists")
    second = create(alice, organization=None, organization_name="Mile High Cardiology")
    assert first.organization == existing
    assert second.organization.name == "Mile High Cardiology"
    assert Organization.objects.filter(owner=alice).count() == 2


def test_a_salary_range_out_of_order_is_refused(alice):
    with pytest.raises(ValidationError):
        create(alice, salary_min=300000, salary_max=250000)


def test_moving_the_deadline_moves_the_open_follow_up(alice):
    opportunity = create(alice, deadline_on=datetime.date(2026, 4, 1))
    before = deadlines(opportunity).get()
    services.opportunity_update(
        owner=alice, opportunity=opportunity, deadline_on=datetime.date(2026, 4, 15)
    )
    after = deadlines(opportunity).get()
    assert after.pk == before.pk
    assert after.due_on == datetime.date(2026, 4, 15)


def test_renaming_updates_the_deadline_note(alice):
    opportunity = create(alice, deadline_on=datetime.date(2026, 4, 1))
    services.opportunity_update(owner=alice, opportunity=opportunity, title="Nocturnist")
    assert deadlines(opportunity).get().note == "Deadline: Nocturnist"


def test_clearing_the_deadline_dismisses_its_follow_up(alice):
    opportunity = create(alice, deadline_on=datetime.date(2026, 4, 1))
    services.opportunity_update(owner=alice, opportunity=opportunity, deadline_on=None)
    assert deadlines(opportunity).get().status == FollowUp.Status.DISMISSED


def test_setting_a_deadline_later_creates_its_follow_up(alice):
    opportunity = create(alice)
    services.opportunity_update(
        owner=alice, opportunity=opportunity, deadline_on=datetime.date(2026, 5, 1)
    )
    assert deadlines(opportunity).get().due_on == datetime.date(2026, 5, 1)


def test_editing_other_fields_leaves_a_snoozed_deadline_alone(alice):
    opportunity = create(alice, deadline_on=datetime.date(2026, 4, 1))
    deadlines(opportunity).update(status=FollowUp.Status.SNOOZED, due_on=datetime.date(2026, 3, 20))
    services.opportunity_update(owner=alice, opportunity=opportunity, notes="Call the chair")
    follow_up = deadlines(opportunity).get()
    assert (follow_up.status, follow_up.due_on) == ("snoozed", datetime.date(2026, 3, 20))


def test_updating_another_users_opportunity_is_refused(alice, bob):
    opportunity = create(alice)
    with pytest.raises(ValidationError):
        services.opportunity_update(owner=bob, opportunity=opportunity, title="Mine")
    opportunity.refresh_from_db()
    assert opportunity.title == "Hospitalist, nocturnist"


def test_deleting_drops_the_deadline_reminder_but_keeps_thank_yous(alice):
    opportunity = create(alice, deadline_on=datetime.date(2026, 4, 1))
    interviewer = ContactFactory(owner=alice)
    services.opportunity_log_interview(
        owner=alice, opportunity=opportunity, interviewers=[interviewer], happened_on=TODAY
    )
    services.opportunity_delete(owner=alice, opportunity=opportunity)
    assert not FollowUp.objects.filter(kind=FollowUp.Kind.CUSTOM).exists()
    assert FollowUp.objects.get(kind=FollowUp.Kind.THANK_YOU).contact == interviewer


# Stages


def test_advancing_records_a_dated_step(alice):
    opportunity = create(alice)
    services.opportunity_advance(
        owner=alice,
        opportunity=opportunity,
        stage=Stage.APPLIED,
        on=datetime.date(2026, 3, 5),
        note="Sent CV",
    )
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.APPLIED
    assert opportunity.stage_changed_on == datetime.date(2026, 3, 5)
    step = opportunity.stage_changes.get(to_stage=Stage.APPLIED)
    assert (step.from_stage, step.changed_on, step.note) == (
        Stage.FOUND,
        datetime.date(2026, 3, 5),
        "Sent CV",
    )


def test_advancing_to_the_same_stage_records_nothing(alice):
    opportunity = create(alice)
    services.opportunity_advance(owner=alice, opportunity=opportunity, stage=Stage.FOUND)
    assert opportunity.stage_changes.count() == 1


def test_an_unknown_stage_is_refused(alice):
    opportunity = create(alice)
    with pytest.raises(ValidationError) as error:
        services.opportunity_advance(owner=alice, opportunity=opportunity, stage="hired")
    assert "stage" in error.value.message_dict


def test_declining_owes_every_linked_contact_one_closure_note(alice):
    referrer, insider, chair = ContactFactory.create_batch(3, owner=alice)
    opportunity = create(alice, referrer=referrer, source=Opportunity.Source.NETWORK)
    for contact, role in (
        (referrer, OpportunityPerson.Role.REFERRER),
        (insider, OpportunityPerson.Role.INSIDER),
        (chair, OpportunityPerson.Role.DECISION_MAKER),
        (chair, OpportunityPerson.Role.INTERVIEWER),
    ):
        services.opportunity_person_add(
            owner=alice, opportunity=opportunity, contact=contact, role=role
        )
    services.opportunity_advance(owner=alice, opportunity=opportunity, stage=Stage.DECLINED)
    closures = FollowUp.objects.filter(opportunity=opportunity, kind=FollowUp.Kind.CLOSURE)
    assert sorted(closures.values_list("contact_id", flat=True)) == sorted(
        [referrer.pk, insider.pk, chair.pk]
    )
    assert {f.note for f in closures} == {"Leave it on a positive note: thank them for their time"}
    assert {f.due_on for f in closures} == {TODAY + datetime.timedelta(days=1)}


def test_withdrawing_after_declining_does_not_owe_closure_twice(alice):
    insider = ContactFactory(owner=alice)
    opportunity = create(alice)
    services.opportunity_person_add(
        owner=alice, opportunity=opportunity, contact=insider, role="insider"
    )
    services.opportunity_advance(owner=alice, opportunity=opportunity, stage=Stage.DECLINED)
    services.opportunity_advance(owner=alice, opportunity=opportunity, stage=Stage.OFFER)
    services.opportunity_advance(owner=alice, opportunity=opportunity, stage=Stage.WITHDRAWN)
    assert FollowUp.objects.filter(kind=FollowUp.Kind.CLOSURE, contact=insider).count() == 1


def test_the_referrer_alone_is_owed_a_closure_note(alice):
    referrer = ContactFactory(owner=alice)
    opportunity = create(alice, referrer=referrer, source=Opportunity.Source.NETWORK)
    services.opportunity_advance(owner=alice, opportunity=opportunity, stage=Stage.WITHDRAWN)
    closure = FollowUp.objects.get(kind=FollowUp.Kind.CLOSURE)
    assert (closure.contact, closure.opportunity) == (referrer, opportunity)


def test_accepting_owes_no_closure_notes(alice):
    insider = ContactFactory(owner=alice)
    opportunity = create(alice)
    services.opportunity_person_add(
        owner=alice, opportunity=opportunity, contact=insider, role="insider"
    )
    services.opportunity_advance(owner=alice, opportunity=opportunity, stage=Stage.ACCEPTED)
    assert not FollowUp.objects.filter(kind=FollowUp.Kind.CLOSURE).exists()


def test_closing_dismisses_the_open_deadline_and_reopening_brings_it_back(alice):
    opportunity = create(alice, deadline_on=datetime.date(2026, 4, 1))
    services.opportunity_advance(owner=alice, opportunity=opportunity, stage=Stage.WITHDRAWN)
    assert deadlines(opportunity).get().status == FollowUp.Status.DISMISSED
    services.opportunity_advance(owner=alice, opportunity=opportunity, stage=Stage.APPLIED)
    pending = deadlines(opportunity).filter(status=FollowUp.Status.OPEN)
    assert pending.get().due_on == datetime.date(2026, 4, 1)


def test_advancing_another_users_opportunity_is_refused(alice, bob):
    opportunity = create(alice)
    with pytest.raises(ValidationError):
        services.opportunity_advance(owner=bob, opportunity=opportunity, stage=Stage.DECLINED)
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.FOUND


# People


def test_a_person_comes_with_their_affiliation_at_the_organization(alice):
    opportunity = create(alice)
    affiliation = AffiliationFactory(
        owner=alice, organization=opportunity.organization, role="Chair", is_decision_maker=True
    )
    person = services.opportunity_person_add(
        owner=alice,
        opportunity=opportunity,
        contact=affiliation.contact,
        role=OpportunityPerson.Role.DECISION_MAKER,
    )
    assert person.affiliation == affiliation


def test_another_users_contact_cannot_be_put_on_an_opportunity(alice, bob):
    opportunity = create(alice)
    with pytest.raises(ValidationError) as error:
        services.opportunity_person_add(
            owner=alice, opportunity=opportunity, contact=ContactFactory(owner=bob), role="insider"
        )
    assert "contact" in error.value.message_dict
    assert not OpportunityPerson.objects.exists()


def test_yourself_cannot_be_put_on_an_opportunity(alice):
    opportunity = create(alice)
    me = Contact.objects.get(owner=alice, is_self=True)
    with pytest.raises(ValidationError):
        services.opportunity_person_add(
            owner=alice, opportunity=opportunity, contact=me, role="insider"
        )


def test_the_same_person_in_the_same_role_is_refused(alice):
    opportunity = create(alice)
    contact = ContactFactory(owner=alice)
    services.opportunity_person_add(
        owner=alice, opportunity=opportunity, contact=contact, role="insider"
    )
    with pytest.raises(ValidationError) as error:
        services.opportunity_person_add(
            owner=alice, opportunity=opportunity, contact=contact, role="insider"
        )
    assert "already on it" in str(error.value)


def test_an_affiliation_of_someone_else_is_refused(alice):
    opportunity = create(alice)
    other = AffiliationFactory(owner=alice)
    with pytest.raises(ValidationError) as error:
        services.opportunity_person_add(
            owner=alice,
            opportunity=opportunity,
            contact=ContactFactory(owner=alice),
            role="insider",
            affiliation=other,
        )
    assert "affiliation" in error.value.message_dict


# Interviews


def test_an_interview_owes_each_interviewer_one_thank_you_tomorrow(alice):
    opportunity = create(alice)
    services.opportunity_advance(owner=alice, opportunity=opportunity, stage=Stage.APPLIED)
    first, second = ContactFactory.create_batch(2, owner=alice)
    interaction = services.opportunity_log_interview(
        owner=alice,
        opportunity=opportunity,
        interviewers=[first, second],
        happened_on=datetime.date(2026, 3, 9),
        summary="Met the group",
        sentiment=Interaction.Sentiment.POSITIVE,
    )
    assert interaction.kind == Interaction.Kind.JOB_INTERVIEW
    assert interaction.opportunity == opportunity
    assert set(interaction.contacts.all()) == {first, second}
    thanks = FollowUp.objects.filter(kind=FollowUp.Kind.THANK_YOU)
    assert sorted(thanks.values_list("contact_id", flat=True)) == sorted([first.pk, second.pk])
    assert {(f.due_on, f.opportunity_id, f.interaction_id) for f in thanks} == {
        (datetime.date(2026, 3, 10), opportunity.pk, interaction.pk)
    }


def test_interviewers_join_the_opportunity_once(alice):
    opportunity = create(alice)
    interviewer = ContactFactory(owner=alice)
    for day in (2, 9):
        services.opportunity_log_interview(
            owner=alice,
            opportunity=opportunity,
            interviewers=[interviewer],
            happened_on=datetime.date(2026, 3, day),
        )
    person = OpportunityPerson.objects.get(opportunity=opportunity)
    assert (person.contact, person.role) == (interviewer, OpportunityPerson.Role.INTERVIEWER)
    assert FollowUp.objects.filter(kind=FollowUp.Kind.THANK_YOU).count() == 2


def test_an_interview_moves_an_applied_opportunity_to_interviewing_that_day(alice):
    opportunity = create(alice)
    services.opportunity_advance(owner=alice, opportunity=opportunity, stage=Stage.APPLIED)
    services.opportunity_log_interview(
        owner=alice,
        opportunity=opportunity,
        interviewers=[ContactFactory(owner=alice)],
        happened_on=datetime.date(2026, 3, 9),
    )
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.INTERVIEWING
    step = opportunity.stage_changes.get(to_stage=Stage.INTERVIEWING)
    assert (step.from_stage, step.changed_on) == (Stage.APPLIED, datetime.date(2026, 3, 9))


def test_an_interview_leaves_an_offer_where_it_is(alice):
    opportunity = create(alice, stage=Stage.OFFER)
    services.opportunity_log_interview(
        owner=alice,
        opportunity=opportunity,
        interviewers=[ContactFactory(owner=alice)],
        happened_on=TODAY,
    )
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.OFFER


def test_an_interview_with_another_users_contact_is_refused(alice, bob):
    opportunity = create(alice)
    with pytest.raises(ValidationError) as error:
        services.opportunity_log_interview(
            owner=alice,
            opportunity=opportunity,
            interviewers=[ContactFactory(owner=bob)],
            happened_on=TODAY,
        )
    assert "interviewers" in error.value.message_dict
    assert not Interaction.objects.exists()


# Documents


def test_a_document_sent_is_recorded_with_its_recipients(alice):
    opportunity = create(alice)
    recruiter = ContactFactory(owner=alice)
    document = services.document_record(
        owner=alice,
        opportunity=opportunity,
        kind=DocumentSent.Kind.COVER_LETTER,
        version="Letter v2",
        sent_on=TODAY,
        recipients=[recruiter],
        sent_to="HR portal",
    )
    assert list(document.recipients.all()) == [recruiter]
    assert (document.version, document.sent_to) == ("Letter v2", "HR portal")


def test_a_document_to_another_users_contact_is_refused(alice, bob):
    opportunity = create(alice)
    with pytest.raises(ValidationError) as error:
        services.document_record(
            owner=alice,
            opportunity=opportunity,
            kind="cv",
            version="CV",
            sent_on=TODAY,
            recipients=[ContactFactory(owner=bob)],
        )
    assert "recipients" in error.value.message_dict
    assert not DocumentSent.objects.exists()


# The network at the organization


def test_the_network_lists_insiders_and_connectors_strongest_first(alice):
    opportunity = create(alice)
    organization = opportunity.organization
    near = AffiliationFactory(owner=alice, organization=organization, role="Hospitalist").contact
    chair = AffiliationFactory(
        owner=alice, organization=organization, role="Chair", is_decision_maker=True
    ).contact
    contact_strength_set(owner=alice, contact=near, strength=5)
    contact_strength_set(owner=alice, contact=chair, strength=2)
    friend, acquaintance = ContactFactory.create_batch(2, owner=alice)
    contact_strength_set(owner=alice, contact=friend, strength=4)
    contact_strength_set(owner=alice, contact=acquaintance, strength=4)
    tie_record(owner=alice, person=friend, other=chair, strength=5, context="co-residents")
    tie_record(owner=alice, person=acquaintance, other=chair, strength=2)
    services.opportunity_person_add(
        owner=alice, opportunity=opportunity, contact=chair, role="decision_maker"
    )
    network = selectors.opportunity_network(owner=alice, opportunity=opportunity)
    assert [i.contact for i in network.insiders] == [near, chair]
    assert network.insiders[1].is_decision_maker
    assert network.insiders[1].roles == ["Decision maker"]
    assert not network.insiders[0].is_on_opportunity
    assert [c.contact for c in network.connectors] == [friend, acquaintance]
    assert network.connectors[0].links[0].insider == chair
    assert network.connectors[0].links[0].tie.context == "co-residents"
    assert network.connectors[0].strength == 4


def test_the_network_leaves_out_yourself(alice):
    opportunity = create(alice)
    me = Contact.objects.get(owner=alice, is_self=True)
    insider = AffiliationFactory(owner=alice, organization=opportunity.organization).contact
    AffiliationFactory(owner=alice, organization=opportunity.organization, contact=me)
    contact_strength_set(owner=alice, contact=insider, strength=3)
    network = selectors.opportunity_network(owner=alice, opportunity=opportunity)
    assert [i.contact for i in network.insiders] == [insider]
    assert network.connectors == []
