"""Organizations: the list with counts, creating, editing, deleting, and who is there."""

import pytest
from django.urls import reverse

from curbside.network import services
from curbside.network.models import Affiliation, Contact, Organization

from .factories import AffiliationFactory, ContactFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def names_on(response):
    return [organization.name for organization in response.context["page"].object_list]


def test_the_list_counts_people_and_decision_makers(alice_client, alice):
    hospital = OrganizationFactory(owner=alice, name="Denver Heart")
    AffiliationFactory(owner=alice, organization=hospital, is_decision_maker=True)
    AffiliationFactory(owner=alice, organization=hospital)
    OrganizationFactory(owner=alice, name="Empty Clinic")

    response = alice_client.get(reverse("network:organization_list"))
    html = response.content.decode()

    assert names_on(response) == ["Denver Heart", "Empty Clinic"]
    assert "2 people" in html
    assert "1 decision maker<" in html
    assert "0 people" in html


def test_the_list_searches_and_filters_by_kind(alice_client, alice):
    OrganizationFactory(owner=alice, name="Denver Heart", kind=Organization.Kind.HOSPITAL)
    OrganizationFactory(owner=alice, name="Denver Pediatrics")
    OrganizationFactory(
        owner=alice,
        name="Lakeshore Residency",
        city="Chicago",
        kind=Organization.Kind.RESIDENCY_PROGRAM,
    )
    url = reverse("network:organization_list")

    assert names_on(alice_client.get(url, {"q": "denver"})) == ["Denver Heart", "Denver Pediatrics"]
    assert names_on(alice_client.get(url, {"q": "chicago"})) == ["Lakeshore Residency"]
    assert names_on(alice_client.get(url, {"kind": "hospital"})) == ["Denver Heart"]
    assert len(names_on(alice_client.get(url, {"kind": "not-a-kind"}))) == 3


def test_an_htmx_search_of_organizations_gets_only_the_results(alice_client, alice):
    OrganizationFactory(owner=alice, name="Denver Heart")

    html = alice_client.get(
        reverse("network:organization_list"), {"q": "heart"}, headers={"HX-Request": "true"}
    ).content.decode()

    assert html.lstrip().startswith('<section id="results"')
    assert "Denver Heart" in html


def test_the_list_pages_by_fifty(alice_client, alice):
    OrganizationFactory.create_batch(51, owner=alice)

    first = alice_client.get(reverse("network:organization_list"))

    assert len(first.context["page"].object_list) == 50
    assert "Page 1 of 2" in first.content.decode()


def test_creating_an_organization(alice_client, alice):
    response = alice_client.post(
        reverse("network:organization_create"),
        {
            "name": "  Denver   Heart ",
            "kind": "hospital",
            "city": "Denver",
            "state": "CO",
            "website": "denverheart.example",
            "notes": "Hiring in 2027",
        },
    )

    organization = Organization.objects.get(owner=alice)
    assert response["Location"] == reverse("network:organization_detail", args=[organization.pk])
    assert (organization.name, organization.kind, organization.website) == (
        "Denver Heart",
        "hospital",
        "https://denverheart.example",
    )


def test_an_organization_needs_a_name(alice_client, alice):
    response = alice_client.post(reverse("network:organization_create"), {"kind": "hospital"})

    assert "name" in response.context["form"].errors
    assert not Organization.objects.filter(owner=alice).exists()


def test_editing_an_organization(alice_client, alice):
    organization = OrganizationFactory(owner=alice, name="Denver Heart")

    alice_client.post(
        reverse("network:organization_edit", args=[organization.pk]),
        {"name": "Denver Heart Institute", "kind": "academic_medical_center"},
    )

    organization.refresh_from_db()
    assert (organization.name, organization.kind) == (
        "Denver Heart Institute",
        "academic_medical_center",
    )


def test_deleting_an_organization_removes_affiliations_but_not_people(alice_client, alice):
    affiliation = AffiliationFactory(owner=alice)
    url = reverse("network:organization_delete", args=[affiliation.organization_id])

    assert "The people stay." in alice_client.get(url).content.decode()
    response = alice_client.post(url)

    assert response["Location"] == reverse("network:organization_list")
    assert not Organization.objects.filter(pk=affiliation.organization_id).exists()
    assert not Affiliation.objects.filter(pk=affiliation.pk).exists()
    assert Contact.objects.filter(pk=affiliation.contact_id).exists()


def test_the_organization_page_shows_who_is_there_now_and_before_deciders_first(
    alice_client, alice
):
    hospital = OrganizationFactory(owner=alice, name="Denver Heart")
    attending = AffiliationFactory(owner=alice, organization=hospital, role="Attending")
    chair = AffiliationFactory(
        owner=alice, organization=hospital, role="Chair", is_decision_maker=True
    )
    former = AffiliationFactory(
        owner=alice, organization=hospital, role="Fellow", start_year=2010, end_year=2013
    )
    services.contact_strength_set(owner=alice, contact=attending.contact, strength=5)

    response = alice_client.get(reverse("network:organization_detail", args=[hospital.pk]))
    detail = response.context["page"].detail
    html = response.content.decode()

    assert detail.current == [chair, attending]
    assert detail.past == [former]
    assert "Decision maker" in html
    assert "2010–2013" in html
    assert "●●●●●" in html


def test_the_organization_page_lists_the_people_who_know_someone_there(alice_client, alice):
    hospital = OrganizationFactory(owner=alice)
    chair = AffiliationFactory(owner=alice, organization=hospital, is_decision_maker=True)
    former = AffiliationFactory(owner=alice, organization=hospital, start_year=2010, end_year=2015)
    close = ContactFactory(owner=alice, full_name="Close Friend")
    distant = ContactFactory(owner=alice, full_name="Distant Friend")
    knows_only_former = ContactFactory(owner=alice)
    services.tie_record(
        owner=alice, person=close, other=chair.contact, strength=5, context="co-fellows"
    )
    services.tie_record(owner=alice, person=distant, other=chair.contact, strength=2)
    services.tie_record(owner=alice, person=knows_only_former, other=former.contact)
    services.contact_strength_set(owner=alice, contact=chair.contact, strength=1)

    response = alice_client.get(reverse("network:organization_detail", args=[hospital.pk]))
    connectors = response.context["page"].connectors

    assert [c.person for c in connectors] == [close, distant]
    assert [view.other for view in connectors[0].insiders] == [chair.contact]
    assert "co-fellows" in response.content.decode()
