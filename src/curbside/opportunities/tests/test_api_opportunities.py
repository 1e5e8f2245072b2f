"""/api/v1/opportunities: the pipeline through the REST API."""

import datetime

import pytest
import time_machine

from curbside.accounts.services import token_create
from curbside.api.tests.conftest import ApiClient
from curbside.interactions.models import FollowUp
from curbside.network.tests.factories import (
    AffiliationFactory,
    ContactFactory,
    OrganizationFactory,
)
from curbside.opportunities.models import DocumentSent, Opportunity, OpportunityPerson
from curbside.opportunities.tests.listing_factories import ListingFactory

from .factories import (
    DocumentSentFactory,
    OpportunityFactory,
    OpportunityPersonFactory,
    StageChangeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def api(alice) -> ApiClient:
    _, raw = token_create(owner=alice, name="tests")
    return ApiClient(raw)


def test_creating_an_opportunity_records_its_stage_and_deadline(api, alice):
    organization = OrganizationFactory(owner=alice, name="Front Range")
    response = api.post(
        "/opportunities",
        {
            "title": "Nocturnist",
            "organization": organization.pk,
            "salary_min": "280000",
            "salary_max": "320000",
            "deadline_on": "2026-04-01",
            "stage": "researching",
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["organization_name"] == "Front Range"
    assert body["stage"] == "researching"
    assert body["stage_changes"] == [
        {"from_stage": "", "to_stage": "researching", "changed_on": "2026-03-10", "note": ""}
    ]
    assert body["people"] == []
    opportunity = Opportunity.objects.get(pk=body["id"])
    assert FollowUp.objects.get(opportunity=opportunity).due_on == datetime.date(2026, 4, 1)


def test_a_network_opportunity_is_hidden_until_it_names_a_listing(api, alice):
    referrer = ContactFactory(owner=alice)
    body = api.post(
        "/opportunities", {"title": "Partner track", "source": "network", "referrer": referrer.pk}
    ).json()
    assert (body["is_hidden"], body["referrer"]) == (True, referrer.pk)
    listing = ListingFactory()
    patched = api.patch(f"/opportunities/{body['id']}", {"listing": listing.pk}).json()
    assert (patched["is_hidden"], patched["listing"]) == (False, listing.pk)


@pytest.mark.parametrize("field", ["organization", "referrer"])
def test_another_users_organization_or_contact_is_refused(api, bob, field):
    row = OrganizationFactory(owner=bob) if field == "organization" else ContactFactory(owner=bob)
    response = api.post("/opportunities", {"title": "Nocturnist", field: row.pk})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert not Opportunity.objects.exists()


def test_an_unknown_listing_is_refused(api):
    response = api.post("/opportunities", {"title": "Nocturnist", "listing": 999999})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "listing"


def test_an_invalid_specialty_is_a_field_error(api):
    response = api.post("/opportunities", {"title": "Nocturnist", "specialty": "astrology"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "specialty"


def test_the_list_filters_by_stage_and_organization(api, alice):
    organization = OrganizationFactory(owner=alice)
    wanted = OpportunityFactory(owner=alice, stage="applied", organization=organization)
    OpportunityFactory(owner=alice, stage="applied")
    OpportunityFactory(owner=alice, stage="found", organization=organization)
    body = api.get("/opportunities", {"stage": "applied", "organization": organization.pk}).json()
    assert (body["count"], [item["id"] for item in body["items"]]) == (1, [wanted.pk])


def test_filtering_by_another_users_organization_is_refused(api, bob):
    response = api.get("/opportunities", {"organization": OrganizationFactory(owner=bob).pk})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "organization"


def test_the_list_queries_do_not_grow(api, alice, django_assert_num_queries):
    api.get("/opportunities")  # the token's first use today is recorded once
    for batch in (2, 30):
        OpportunityFactory.create_batch(batch, owner=alice, referrer=ContactFactory(owner=alice))
        # token with its owner, count, opportunities with organization and referrer
        with django_assert_num_queries(3):
            response = api.get("/opportunities")
        assert response.json()["count"] in {2, 32}


def test_the_detail_queries_do_not_grow(api, alice, django_assert_num_queries):
    opportunity = OpportunityFactory(owner=alice)
    api.get(f"/opportunities/{opportunity.pk}")  # the token's first use today is recorded once
    for batch in (2, 10):
        OpportunityPersonFactory.create_batch(batch, owner=alice, opportunity=opportunity)
        StageChangeFactory.create_batch(batch, owner=alice, opportunity=opportunity)
        DocumentSentFactory.create_batch(
            batch, owner=alice, opportunity=opportunity, recipients=[ContactFactory(owner=alice)]
        )
        # token with its owner, opportunity with organization and referrer, people with
        # contact and affiliation, stage changes, documents, their recipients
        with django_assert_num_queries(6):
            response = api.get(f"/opportunities/{opportunity.pk}")
        assert len(response.json()["people"]) in {2, 12}


def test_the_detail_includes_the_people_with_their_affiliation(api, alice):
    opportunity = OpportunityFactory(owner=alice)
    affiliation = AffiliationFactory(
        owner=alice, organization=opportunity.organization, role="Chair", is_decision_maker=True
    )
    OpportunityPersonFactory(
        owner=alice,
        opportunity=opportunity,
        contact=affiliation.contact,
        role="decision_maker",
        affiliation=affiliation,
    )
    person = api.get(f"/opportunities/{opportunity.pk}").json()["people"][0]
    assert person["contact"] == affiliation.contact_id
    assert (person["role"], person["affiliation_role"], person["is_decision_maker"]) == (
        "decision_maker",
        "Chair",
        True,
    )


def test_patching_moves_the_deadline_follow_up(api, alice):
    created = api.post("/opportunities", {"title": "Nocturnist", "deadline_on": "2026-04-01"})
    pk = created.json()["id"]
    response = api.patch(f"/opportunities/{pk}", {"deadline_on": "2026-05-01", "notes": "Call"})
    assert response.status_code == 200
    assert response.json()["notes"] == "Call"
    follow_up = FollowUp.objects.get(opportunity_id=pk, status="open")
    assert follow_up.due_on == datetime.date(2026, 5, 1)


def test_the_stage_endpoint_moves_it_and_owes_closure_notes(api, alice):
    person = OpportunityPersonFactory(owner=alice, opportunity__stage="offer")
    response = api.post(
        f"/opportunities/{person.opportunity_id}/stage",
        {"stage": "declined", "on": "2026-03-09", "note": "Chose another group"},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["stage"], body["stage_changed_on"]) == ("declined", "2026-03-09")
    assert body["stage_changes"][0]["note"] == "Chose another group"
    assert FollowUp.objects.get(kind="closure").contact == person.contact


def test_an_unknown_stage_is_refused(api, alice):
    opportunity = OpportunityFactory(owner=alice)
    response = api.post(f"/opportunities/{opportunity.pk}/stage", {"stage": "hired"})
    assert response.status_code == 422
    opportunity.refresh_from_db()
    assert opportunity.stage == "found"


def test_deleting_an_opportunity(api, alice):
    opportunity = OpportunityFactory(owner=alice)
    assert api.delete(f"/opportunities/{opportunity.pk}").status_code == 204
    assert not Opportunity.objects.exists()


def test_people_are_added_and_removed(api, alice, bob):
    opportunity = OpportunityFactory(owner=alice)
    contact = ContactFactory(owner=alice)
    response = api.post(
        f"/opportunities/{opportunity.pk}/people", {"contact": contact.pk, "role": "insider"}
    )
    assert response.status_code == 201
    person_id = response.json()["id"]
    refused = api.post(
        f"/opportunities/{opportunity.pk}/people",
        {"contact": ContactFactory(owner=bob).pk, "role": "insider"},
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "contact"
    assert api.delete(f"/opportunities/{opportunity.pk}/people/{person_id}").status_code == 204
    assert not OpportunityPerson.objects.exists()


def test_an_interview_owes_thank_yous_and_moves_to_interviewing(api, alice, bob):
    opportunity = OpportunityFactory(owner=alice, stage="applied")
    interviewer = ContactFactory(owner=alice)
    refused = api.post(
        f"/opportunities/{opportunity.pk}/interviews",
        {"interviewers": [ContactFactory(owner=bob).pk], "happened_on": "2026-03-10"},
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "interviewers"
    response = api.post(
        f"/opportunities/{opportunity.pk}/interviews",
        {"interviewers": [interviewer.pk], "happened_on": "2026-03-10", "sentiment": "positive"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["opportunity"]["stage"] == "interviewing"
    assert body["opportunity"]["people"][0]["role"] == "interviewer"
    thanks = FollowUp.objects.get(kind="thank_you")
    assert (thanks.contact, thanks.due_on, thanks.interaction_id) == (
        interviewer,
        datetime.date(2026, 3, 11),
        body["interaction"],
    )


def test_documents_are_recorded_and_removed(api, alice, bob):
    opportunity = OpportunityFactory(owner=alice)
    recruiter = ContactFactory(owner=alice)
    refused = api.post(
        f"/opportunities/{opportunity.pk}/documents",
        {"version": "CV", "sent_on": "2026-03-09", "recipients": [ContactFactory(owner=bob).pk]},
    )
    assert refused.status_code == 422
    response = api.post(
        f"/opportunities/{opportunity.pk}/documents",
        {
            "kind": "cv",
            "version": "CV 2026-03",
            "sent_on": "2026-03-09",
            "recipients": [recruiter.pk],
        },
    )
    assert response.status_code == 201
    assert response.json()["recipients"] == [recruiter.pk]
    detail = api.get(f"/opportunities/{opportunity.pk}").json()
    assert detail["documents"][0]["version"] == "CV 2026-03"
    document_id = response.json()["id"]
    assert api.delete(f"/opportunities/{opportunity.pk}/documents/{document_id}").status_code == 204
    assert not DocumentSent.objects.exists()
