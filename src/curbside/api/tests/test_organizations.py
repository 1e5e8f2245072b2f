"""/organizations: CRUD, head counts and filters."""

import pytest

from curbside.network.models import Affiliation, Organization
from curbside.network.tests.factories import AffiliationFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_creating_an_organization_stores_it(api, alice):
    response = api.post(
        "/organizations",
        {"name": "  Mercy   Hospital ", "kind": "hospital", "city": "Denver", "state": "CO"},
    )
    assert response.status_code == 201
    organization = Organization.objects.get(owner=alice, pk=response.json()["id"])
    assert organization.name == "Mercy Hospital"
    assert organization.kind == Organization.Kind.HOSPITAL
    assert response.json()["kind"] == "hospital"
    assert response.json()["n_people"] == 0


def test_reading_an_organization_counts_the_people_and_decision_makers_there(api, alice):
    organization = OrganizationFactory(owner=alice, name="Front Range Cardiology")
    AffiliationFactory(owner=alice, organization=organization, is_decision_maker=True)
    AffiliationFactory(owner=alice, organization=organization)
    body = api.get(f"/organizations/{organization.pk}").json()
    assert body["name"] == "Front Range Cardiology"
    assert (body["n_people"], body["n_decision_makers"]) == (2, 1)


def test_patching_an_organization_changes_only_the_fields_given(api, alice):
    organization = OrganizationFactory(owner=alice, city="Denver", website="https://a.example")
    response = api.patch(f"/organizations/{organization.pk}", {"city": "Aurora"})
    assert response.status_code == 200
    organization.refresh_from_db()
    assert organization.city == "Aurora"
    assert organization.website == "https://a.example"


def test_putting_an_organization_replaces_every_field(api, alice):
    organization = OrganizationFactory(owner=alice, city="Denver", notes="Hiring")
    response = api.put(f"/organizations/{organization.pk}", {"name": "Renamed"})
    assert response.status_code == 200
    organization.refresh_from_db()
    assert (organization.name, organization.city, organization.notes) == ("Renamed", "", "")
    assert organization.kind == Organization.Kind.OTHER


def test_a_bad_website_is_a_field_error(api, alice):
    organization = OrganizationFactory(owner=alice)
    response = api.patch(f"/organizations/{organization.pk}", {"website": "not a url"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["website"]


def test_deleting_an_organization_deletes_its_affiliations(api, alice):
    affiliation = AffiliationFactory(owner=alice)
    response = api.delete(f"/organizations/{affiliation.organization_id}")
    assert response.status_code == 204
    assert not Organization.objects.filter(pk=affiliation.organization_id).exists()
    assert not Affiliation.objects.filter(pk=affiliation.pk).exists()


def test_the_list_filters_by_words_kind_and_state(api, alice):
    OrganizationFactory(owner=alice, name="Mercy Hospital", kind="hospital", state="CO")
    OrganizationFactory(owner=alice, name="Mercy Clinic", kind="private_practice", state="NY")
    OrganizationFactory(owner=alice, name="Denver Health", kind="hospital", state="CO")

    def names(**params) -> list[str]:
        response = api.get("/organizations", params)
        assert response.status_code == 200
        return [o["name"] for o in response.json()["items"]]

    assert names(q="mercy") == ["Mercy Clinic", "Mercy Hospital"]
    assert names(kind="hospital") == ["Denver Health", "Mercy Hospital"]
    assert names(state="ny") == ["Mercy Clinic"]
    assert names(q="mercy", kind="hospital") == ["Mercy Hospital"]
    assert api.get("/organizations").json()["count"] == 3
