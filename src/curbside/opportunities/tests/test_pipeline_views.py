"""The pipeline's pages: the list, creating and editing, an opportunity's page and its forms."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.tests.factories import FollowUpFactory
from curbside.network.services import contact_strength_set, tie_record
from curbside.network.tests.factories import (
    AffiliationFactory,
    ContactFactory,
    OrganizationFactory,
)
from curbside.opportunities.models import DocumentSent, Opportunity, OpportunityPerson
from curbside.opportunities.services import pipeline as services

from .factories import DocumentSentFactory, OpportunityFactory, OpportunityPersonFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def signed_in(client, alice):
    client.force_login(alice)
    return client


def detail_url(opportunity):
    return reverse("opportunities:opportunity_detail", args=[opportunity.pk])


# Creating, editing, deleting


def test_tracking_an_opportunity_from_the_form_opens_its_page(signed_in, alice):
    organization = OrganizationFactory(owner=alice, name="Front Range Hospitalists")
    response = signed_in.post(
        reverse("opportunities:opportunity_create"),
        {
            "title": "Nocturnist",
            "organization": organization.pk,
            "source": "advertised",
            "source_name": "PracticeLink",
            "salary_unit": "year",
            "deadline_on": "2026-04-01",
        },
    )
    opportunity = Opportunity.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == detail_url(opportunity)
    assert opportunity.organization == organization
    assert FollowUp.objects.get(opportunity=opportunity).due_on == datetime.date(2026, 4, 1)


def test_the_form_offers_only_your_organizations_and_contacts(signed_in, alice, bob):
    mine = OrganizationFactory(owner=alice, name="Mine Health")
    theirs = OrganizationFactory(owner=bob, name="Bob Health")
    ContactFactory(owner=bob, full_name="Bob's Friend")
    page = signed_in.get(reverse("opportunities:opportunity_create")).content.decode()
    assert mine.name in page
    assert theirs.name not in page
    assert "Bob&#x27;s Friend" not in page


@pytest.mark.parametrize("field", ["organization", "referrer"])
def test_another_users_organization_or_contact_is_refused_by_the_form(signed_in, bob, field):
    row = OrganizationFactory(owner=bob) if field == "organization" else ContactFactory(owner=bob)
    data = {"title": "Nocturnist", "source": "network", "salary_unit": "year", field: row.pk}
    response = signed_in.post(reverse("opportunities:opportunity_create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Opportunity.objects.exists()


def test_a_new_organization_is_created_from_its_name(signed_in, alice):
    signed_in.post(
        reverse("opportunities:opportunity_create"),
        {
            "title": "Cardiologist",
            "organization_name": "Mile High Cardiology",
            "source": "advertised",
            "salary_unit": "year",
        },
    )
    organization = Opportunity.objects.get(owner=alice).organization
    assert organization is not None
    assert organization.name == "Mile High Cardiology"


def test_editing_moves_the_deadline_follow_up(signed_in, alice):
    opportunity = services.opportunity_create(
        owner=alice, title="Nocturnist", deadline_on=datetime.date(2026, 4, 1)
    )
    response = signed_in.post(
        reverse("opportunities:opportunity_edit", args=[opportunity.pk]),
        {
            "title": "Nocturnist (0.7 FTE)",
            "source": "advertised",
            "salary_unit": "year",
            "deadline_on": "2026-04-20",
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(opportunity=opportunity, status="open")
    assert follow_up.due_on == datetime.date(2026, 4, 20)
    assert follow_up.note == "Deadline: Nocturnist (0.7 FTE)"


def test_the_edit_form_shows_the_opportunity_as_it_is(signed_in, alice):
    opportunity = OpportunityFactory(owner=alice, title="Nocturnist", city="Boulder")
    response = signed_in.get(reverse("opportunities:opportunity_edit", args=[opportunity.pk]))
    form = response.context["form"]
    assert (form["title"].value(), form["city"].value()) == ("Nocturnist", "Boulder")


def test_deleting_asks_first_then_deletes(signed_in, alice):
    opportunity = OpportunityFactory(owner=alice)
    url = reverse("opportunities:opportunity_delete", args=[opportunity.pk])
    assert b"Delete opportunity" in signed_in.get(url).content
    assert Opportunity.objects.filter(pk=opportunity.pk).exists()
    response = signed_in.post(url)
    assert response["Location"] == reverse("opportunities:opportunity_board")
    assert not Opportunity.objects.filter(pk=opportunity.pk).exists()


# The list


def test_the_list_filters_by_stage_and_words(signed_in, alice):
    OpportunityFactory(owner=alice, title="Nocturnist", stage="applied")
    OpportunityFactory(owner=alice, title="Cardiologist", stage="applied")
    OpportunityFactory(owner=alice, title="Night hospitalist", stage="found")
    url = reverse("opportunities:opportunity_list")
    response = signed_in.get(url, {"stage": "applied", "q": "noct"})
    assert [o.title for o in response.context["page"]] == ["Nocturnist"]
    everything = signed_in.get(url)
    assert everything.context["page"].paginator.count == 3


def test_the_list_answers_htmx_with_its_results_only(signed_in, alice):
    OpportunityFactory(owner=alice, title="Nocturnist")
    response = signed_in.get(reverse("opportunities:opportunity_list"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Nocturnist" in body
    assert "<html" not in body


def test_the_list_queries_do_not_grow(signed_in, alice, django_assert_num_queries):
    url = reverse("opportunities:opportunity_list")
    total = 0
    for batch in (2, 18):
        OpportunityFactory.create_batch(batch, owner=alice, referrer=ContactFactory(owner=alice))
        total += batch
        # session, user, count, the page of opportunities with organization and referrer
        with django_assert_num_queries(4):
            response = signed_in.get(url)
        assert len(response.context["page"]) == total


# An opportunity's page


def test_the_page_shows_a_hidden_opportunity_with_its_referrer(signed_in, alice):
    referrer = ContactFactory(owner=alice, full_name="Dana Reyes")
    opportunity = OpportunityFactory(
        owner=alice, title="Partner track", source=Opportunity.Source.NETWORK, referrer=referrer
    )
    page = signed_in.get(detail_url(opportunity)).content.decode()
    assert "Hidden opportunity" in page
    assert "Dana Reyes" in page
    assert "told you about it" in page


def test_an_advertised_opportunity_is_not_flagged_hidden(signed_in, alice):
    opportunity = OpportunityFactory(owner=alice, source_name="PracticeLink")
    page = signed_in.get(detail_url(opportunity)).content.decode()
    assert "Hidden opportunity" not in page
    assert "Advertised on PracticeLink" in page


def test_the_page_shows_history_people_network_documents_and_follow_ups(signed_in, alice):
    opportunity = services.opportunity_create(
        owner=alice,
        title="Nocturnist",
        organization=OrganizationFactory(owner=alice, name="Front Range"),
        deadline_on=datetime.date(2026, 4, 1),
    )
    services.opportunity_advance(owner=alice, opportunity=opportunity, stage="applied")
    chair = AffiliationFactory(
        owner=alice,
        organization=opportunity.organization,
        role="Department chair",
        is_decision_maker=True,
        contact=ContactFactory(owner=alice, full_name="Chris Chair"),
    ).contact
    friend = ContactFactory(owner=alice, full_name="Frankie Friend")
    tie_record(owner=alice, person=friend, other=chair, strength=4, context="co-fellows")
    contact_strength_set(owner=alice, contact=friend, strength=5)
    services.opportunity_person_add(
        owner=alice, opportunity=opportunity, contact=chair, role="decision_maker"
    )
    DocumentSentFactory(owner=alice, opportunity=opportunity, version="CV academic")
    response = signed_in.get(detail_url(opportunity))
    page = response.content.decode()
    assert "Found → <strong>Applied</strong>" in page
    assert "Department chair" in page
    assert "Decision maker on it" in page
    assert "Frankie Friend" in page
    assert "co-fellows" in page
    assert "CV academic" in page
    assert "Deadline: Nocturnist" in page
    reach = f"/intros/reach/?organization={opportunity.organization_id}&amp;decision_makers=1"
    assert reach in page


def test_the_page_queries_do_not_grow(signed_in, alice, django_assert_num_queries):
    opportunity = OpportunityFactory(owner=alice)
    for batch in (2, 12):
        for _ in range(batch):
            insider = AffiliationFactory(owner=alice, organization=opportunity.organization).contact
            tie_record(owner=alice, person=insider, other=ContactFactory(owner=alice))
            OpportunityPersonFactory(owner=alice, opportunity=opportunity, contact=insider)
            DocumentSentFactory(owner=alice, opportunity=opportunity, recipients=[insider])
            FollowUpFactory(owner=alice, contact=insider, opportunity=opportunity)
        services.opportunity_log_interview(
            owner=alice,
            opportunity=opportunity,
            interviewers=[ContactFactory(owner=alice)],
            happened_on=TODAY,
        )
        # session, user, opportunity; people; stage history; documents, their recipients;
        # interviews, their people; follow-ups; network: roles, affiliations, ties,
        # connectors' strength; the forms' choices: people, interviewers, recipients; the
        # fit score: preferences, organization, affiliations there, their ties, own ties
        with django_assert_num_queries(22):
            response = signed_in.get(detail_url(opportunity))
        assert len(response.context["detail"].documents) == (2 if batch == 2 else 14)


# Forms on the page


def test_adding_a_person_links_them_in_their_role(signed_in, alice):
    opportunity = OpportunityFactory(owner=alice)
    contact = ContactFactory(owner=alice)
    url = reverse("opportunities:opportunity_person_add", args=[opportunity.pk])
    response = signed_in.post(url, {"contact": contact.pk, "role": "insider", "note": "Alum"})
    assert response["Location"] == detail_url(opportunity)
    person = OpportunityPerson.objects.get(opportunity=opportunity)
    assert (person.contact, person.role, person.note) == (contact, "insider", "Alum")


def test_adding_another_users_contact_is_refused(signed_in, alice, bob):
    opportunity = OpportunityFactory(owner=alice)
    url = reverse("opportunities:opportunity_person_add", args=[opportunity.pk])
    response = signed_in.post(url, {"contact": ContactFactory(owner=bob).pk, "role": "insider"})
    assert response.status_code == 200
    assert "contact" in response.context["person_form"].errors
    assert not OpportunityPerson.objects.exists()


def test_removing_a_person_unlinks_them(signed_in, alice):
    person = OpportunityPersonFactory(owner=alice)
    url = reverse(
        "opportunities:opportunity_person_remove", args=[person.opportunity_id, person.pk]
    )
    signed_in.post(url)
    assert not OpportunityPerson.objects.filter(pk=person.pk).exists()
    assert person.contact.__class__.objects.filter(pk=person.contact_id).exists()


def test_logging_an_interview_owes_thank_yous_tomorrow(signed_in, alice):
    opportunity = OpportunityFactory(owner=alice, stage="applied")
    first, second = ContactFactory.create_batch(2, owner=alice)
    response = signed_in.post(
        reverse("opportunities:opportunity_interview", args=[opportunity.pk]),
        {
            "interviewers": [first.pk, second.pk],
            "happened_on": "2026-03-10",
            "sentiment": "positive",
        },
        follow=True,
    )
    assert "Thank-yous to" in response.content.decode()
    assert "due tomorrow" in response.content.decode()
    interaction = Interaction.objects.get(opportunity=opportunity)
    assert interaction.kind == Interaction.Kind.JOB_INTERVIEW
    assert FollowUp.objects.filter(kind="thank_you", opportunity=opportunity).count() == 2
    opportunity.refresh_from_db()
    assert opportunity.stage == "interviewing"


def test_an_interview_with_another_users_contact_is_refused(signed_in, alice, bob):
    opportunity = OpportunityFactory(owner=alice)
    response = signed_in.post(
        reverse("opportunities:opportunity_interview", args=[opportunity.pk]),
        {
            "interviewers": [ContactFactory(owner=bob).pk],
            "happened_on": "2026-03-10",
            "sentiment": "neutral",
        },
    )
    assert response.status_code == 200
    assert "interviewers" in response.context["interview_form"].errors
    assert not Interaction.objects.exists()


def test_recording_a_document_sent(signed_in, alice):
    opportunity = OpportunityFactory(owner=alice)
    recruiter = ContactFactory(owner=alice)
    signed_in.post(
        reverse("opportunities:opportunity_document_add", args=[opportunity.pk]),
        {
            "kind": "cv",
            "version": "CV 2026-03",
            "sent_on": "2026-03-09",
            "recipients": [recruiter.pk],
        },
    )
    document = DocumentSent.objects.get(opportunity=opportunity)
    assert (document.version, list(document.recipients.all())) == ("CV 2026-03", [recruiter])


def test_a_document_to_another_users_contact_is_refused(signed_in, alice, bob):
    opportunity = OpportunityFactory(owner=alice)
    response = signed_in.post(
        reverse("opportunities:opportunity_document_add", args=[opportunity.pk]),
        {
            "kind": "cv",
            "version": "CV",
            "sent_on": "2026-03-09",
            "recipients": [ContactFactory(owner=bob).pk],
        },
    )
    assert "recipients" in response.context["document_form"].errors
    assert not DocumentSent.objects.exists()


def test_removing_a_document(signed_in, alice):
    document = DocumentSentFactory(owner=alice)
    url = reverse(
        "opportunities:opportunity_document_delete", args=[document.opportunity_id, document.pk]
    )
    signed_in.post(url)
    assert not DocumentSent.objects.exists()


def test_declining_from_the_stage_form_owes_closure_notes(signed_in, alice):
    person = OpportunityPersonFactory(owner=alice, opportunity__stage="offer")
    opportunity = person.opportunity
    response = signed_in.post(
        reverse("opportunities:opportunity_move", args=[opportunity.pk]),
        {"stage": "declined", "on": "2026-03-09", "note": "Chose another group", "next": "/x"},
        follow=False,
    )
    assert response["Location"] == "/x"
    closure = FollowUp.objects.get(kind="closure")
    assert (closure.contact, closure.due_on) == (person.contact, TODAY)
    opportunity.refresh_from_db()
    assert opportunity.stage_changes.get(to_stage="declined").note == "Chose another group"


def test_a_move_never_redirects_off_the_site(signed_in, alice):
    opportunity = OpportunityFactory(owner=alice)
    response = signed_in.post(
        reverse("opportunities:opportunity_move", args=[opportunity.pk]),
        {"stage": "researching", "next": "https://evil.example/"},
    )
    assert response["Location"] == detail_url(opportunity)
