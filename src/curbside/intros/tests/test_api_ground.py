"""GET /api/v1/contacts/{id}/common-ground and GET /api/v1/intros/latent."""

import pytest
import time_machine
from django.test import Client

from curbside.accounts.services import token_create
from curbside.network.models import Affiliation, Contact, Organization
from curbside.network.services import contact_strength_set, tie_record
from curbside.network.tests.factories import (
    AffiliationFactory,
    ContactFactory,
    OrganizationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_2025():
    with time_machine.travel("2025-06-01 12:00Z", tick=False):
        yield


def api_for(user) -> Client:
    _, token = token_create(owner=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def me_of(user) -> Contact:
    return Contact.objects.get(owner=user, is_self=True)


@pytest.fixture
def program(alice):
    program = OrganizationFactory(
        owner=alice, name="Denver Health", kind=Organization.Kind.RESIDENCY_PROGRAM
    )
    AffiliationFactory(
        owner=alice,
        contact=me_of(alice),
        organization=program,
        kind=Affiliation.Kind.TRAINING,
        start_year=2017,
        end_year=2020,
    )
    return program


def test_common_ground_answers_places_interests_mutuals_and_phrases(alice, program):
    contact = ContactFactory(owner=alice, research_interests="Sepsis")
    me = me_of(alice)
    me.research_interests = "sepsis; ECMO"
    me.save()
    AffiliationFactory(
        owner=alice,
        contact=contact,
        organization=program,
        kind=Affiliation.Kind.TRAINING,
        start_year=2016,
        end_year=2019,
    )
    mutual = ContactFactory(owner=alice, full_name="Jane Roe")
    contact_strength_set(owner=alice, contact=mutual, strength=4)
    tie_record(owner=alice, person=contact, other=mutual, strength=5)

    response = api_for(alice).get(f"/api/v1/contacts/{contact.pk}/common-ground")

    assert response.status_code == 200
    body = response.json()
    assert body["programs"] == [
        {
            "organization": program.pk,
            "organization_name": "Denver Health",
            "kind": "training",
            "my_years": "2017–2020",
            "their_years": "2016–2019",
            "overlap_years": "2017–2019",
            "is_overlapping": True,
        }
    ]
    assert body["research_interests"] == ["sepsis"]
    assert body["mutual_contacts"][0]["contact"]["id"] == mutual.pk
    assert (
        body["mutual_contacts"][0]["my_strength"],
        body["mutual_contacts"][0]["their_strength"],
    ) == (4, 5)
    assert body["summary"] == [
        "we both trained at Denver Health (you 2016–2019, me 2017–2020)",
        "we share an interest in sepsis",
        "we both know Dr. Jane Roe",
    ]


def test_common_ground_with_another_users_contact_is_404(alice, bob):
    bobs = Contact.objects.filter(owner=bob, is_self=False)[0]
    response = api_for(alice).get(f"/api/v1/contacts/{bobs.pk}/common-ground")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_latent_lists_contacts_with_evidence_in_pages(alice, program):
    people = ContactFactory.create_batch(3, owner=alice)
    for person in people:
        AffiliationFactory(
            owner=alice,
            contact=person,
            organization=program,
            kind=Affiliation.Kind.TRAINING,
            start_year=2018,
            end_year=2021,
        )

    response = api_for(alice).get("/api/v1/intros/latent", {"limit": 2})

    body = response.json()
    assert body["count"] == 3
    assert len(body["items"]) == 2
    assert body["items"][0]["evidence"] == ["trained together at Denver Health 2018–2020"]
    assert body["items"][0]["kinds"] == ["trained_together"]
    assert {item["contact"]["id"] for item in body["items"]} <= {p.pk for p in people}


def test_latent_never_lists_another_users_contacts(alice, bob, program):
    AffiliationFactory(
        owner=bob,
        contact=me_of(bob),
        kind=Affiliation.Kind.TRAINING,
        start_year=2017,
        end_year=2020,
        organization=OrganizationFactory(owner=bob, name="Denver Health"),
    )
    bobs_friend = ContactFactory(owner=bob)
    AffiliationFactory(
        owner=bob,
        contact=bobs_friend,
        organization=Affiliation.objects.get(owner=bob).organization,
        kind=Affiliation.Kind.TRAINING,
        start_year=2017,
        end_year=2020,
    )

    alice_answer = api_for(alice).get("/api/v1/intros/latent").json()
    bob_answer = api_for(bob).get("/api/v1/intros/latent").json()

    assert alice_answer == {"items": [], "count": 0}
    assert [item["contact"]["id"] for item in bob_answer["items"]] == [bobs_friend.pk]


def test_the_latent_endpoint_runs_the_same_queries_at_any_size(
    alice, program, django_assert_num_queries
):
    client = api_for(alice)
    client.get("/api/v1/intros/latent")  # the token's first use is recorded once
    for size in (2, 20):
        for person in ContactFactory.create_batch(size, owner=alice):
            AffiliationFactory(
                owner=alice,
                contact=person,
                organization=program,
                kind=Affiliation.Kind.TRAINING,
                start_year=2018,
                end_year=2021,
            )
        # token and its owner, affiliations at the user's places with contacts
        with django_assert_num_queries(2):
            response = client.get("/api/v1/intros/latent", {"limit": 500})
        assert response.json()["count"] == (2 if size == 2 else 22)
