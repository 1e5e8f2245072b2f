"""/affiliations: CRUD and filters."""

import pytest

from curbside.network.models import Affiliation
from curbside.network.services import contact_self_ensure
from curbside.network.tests.factories import (
    AffiliationFactory,
    ContactFactory,
    OrganizationFactory,
)

pytestmark = pytest.mark.django_db


def test_creating_an_affiliation_links_a_contact_to_an_organization(api, alice):
    contact = ContactFactory(owner=alice, full_name="Ana Ruiz")
    organization = OrganizationFactory(owner=alice, name="Mercy")
    response = api.post(
        "/affiliations",
        {
            "contact": contact.pk,
            "organization": organization.pk,
            "kind": "employment",
            "role": "Department chair",
            "start_year": 2015,
            "is_decision_maker": True,
        },
    )
    assert response.status_code == 201
    affiliation = Affiliation.objects.get(owner=alice, pk=response.json()["id"])
    assert (affiliation.contact, affiliation.organization) == (contact, organization)
    assert affiliation.is_decision_maker
    assert affiliation.role == "Department chair"
    body = response.json()
    assert (body["contact_name"], body["organization_name"]) == ("Ana Ruiz", "Mercy")
    assert body["end_year"] is None


def test_your_own_school_is_an_affiliation_of_your_profile(api, alice):
    me = contact_self_ensure(owner=alice)
    school = OrganizationFactory(owner=alice, kind="medical_school")
    response = api.post(
        "/affiliations",
        {"contact": me.pk, "organization": school.pk, "kind": "education", "end_year": 2021},
    )
    assert response.status_code == 201
    assert Affiliation.objects.get(pk=response.json()["id"]).contact == me


def test_an_affiliation_cannot_end_before_it_starts(api, alice):
    affiliation = AffiliationFactory(owner=alice, start_year=2018)
    response = api.patch(f"/affiliations/{affiliation.pk}", {"end_year": 2010})
    assert response.status_code == 422
    affiliation.refresh_from_db()
    assert affiliation.end_year is None


def test_patching_an_affiliation_can_move_it_to_another_of_your_organizations(api, alice):
    affiliation = AffiliationFactory(owner=alice, role="Fellow")
    elsewhere = OrganizationFactory(owner=alice)
    response = api.patch(
        f"/affiliations/{affiliation.pk}", {"organization": elsewhere.pk, "end_year": 2024}
    )
    assert response.status_code == 200
    affiliation.refresh_from_db()
    assert affiliation.organization == elsewhere
    assert affiliation.end_year == 2024
    assert affiliation.role == "Fellow"


def test_putting_an_affiliation_replaces_every_field(api, alice):
    affiliation = AffiliationFactory(owner=alice, role="Fellow", is_decision_maker=True)
    response = api.put(
        f"/affiliations/{affiliation.pk}",
        {
            "contact": affiliation.contact_id,
            "organization": affiliation.organization_id,
            "kind": "training",
        },
    )
    assert response.status_code == 200
    affiliation.refresh_from_db()
    assert affiliation.kind == Affiliation.Kind.TRAINING
    assert affiliation.role == ""
    assert affiliation.start_year is None
    assert not affiliation.is_decision_maker


def test_deleting_an_affiliation_removes_it(api, alice):
    affiliation = AffiliationFactory(owner=alice)
    assert api.delete(f"/affiliations/{affiliation.pk}").status_code == 204
    assert not Affiliation.objects.filter(pk=affiliation.pk).exists()


def test_the_list_filters_by_contact_organization_kind_and_decision_maker(api, alice):
    chair = AffiliationFactory(owner=alice, is_decision_maker=True)
    school = AffiliationFactory(owner=alice, kind="education", contact=chair.contact)
    other = AffiliationFactory(owner=alice, organization=chair.organization)

    def ids(**params) -> set[int]:
        response = api.get("/affiliations", params)
        assert response.status_code == 200
        return {a["id"] for a in response.json()["items"]}

    assert ids() == {chair.pk, school.pk, other.pk}
    assert ids(contact=chair.contact_id) == {chair.pk, school.pk}
    assert ids(organization=chair.organization_id) == {chair.pk, other.pk}
    assert ids(kind="education") == {school.pk}
    assert ids(is_decision_maker="true") == {chair.pk}
    assert ids(is_decision_maker="false") == {school.pk, other.pk}
