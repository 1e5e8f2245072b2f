"""/contacts and /me: create, read, update, delete, merge, search and filter."""

import datetime
from typing import get_args

import pytest
from django.db.models import Q

from curbside.interactions.models import Interaction
from curbside.interactions.tests.factories import InteractionFactory
from curbside.network.models import Contact, Tie
from curbside.network.selectors import CONTACT_SORTS
from curbside.network.services import contact_self_ensure, contact_strength_set, tags_resolve
from curbside.network.tests.factories import AffiliationFactory, ContactFactory

from ..schemas import ContactSort

pytestmark = pytest.mark.django_db


def self_tie_or_none(owner, contact) -> Tie | None:
    me = contact_self_ensure(owner=owner)
    return (
        Tie.objects.filter(owner=owner)
        .filter(Q(person_a=me, person_b=contact) | Q(person_a=contact, person_b=me))
        .first()
    )


def self_tie(owner, contact) -> Tie:
    tie = self_tie_or_none(owner, contact)
    assert tie is not None
    return tie


def test_creating_a_contact_parses_the_name_and_normalises_emails_and_phones(api, alice):
    response = api.post(
        "/contacts",
        {
            "name": "Dr. Jane A. Roe, MD, FACS",
            "emails": ["Jane.Roe@Example.ORG", "jroe@hospital.org"],
            "phones": ["(303) 555-0100"],
            "specialty": "Cardiology",
            "npi": "1234567893",
            "tags": ["conference", "Denver"],
            "strength": 4,
            "cadence_days": 90,
        },
    )
    assert response.status_code == 201
    body = response.json()
    contact = Contact.objects.get(owner=alice, pk=body["id"])
    assert (contact.honorific, contact.first_name, contact.middle_name, contact.last_name) == (
        "Dr.",
        "Jane",
        "A.",
        "Roe",
    )
    assert contact.credentials == "MD, FACS"
    assert list(contact.emails.values_list("email", flat=True)) == [
        "jane.roe@example.org",
        "jroe@hospital.org",
    ]
    assert list(contact.phones.values_list("number", flat=True)) == ["+13035550100"]
    assert sorted(contact.tags.values_list("name", flat=True)) == ["Denver", "conference"]
    assert self_tie(alice, contact).strength == 4
    assert contact.next_touch_on is not None
    assert body["full_name"] == "Jane A. Roe"
    assert body["emails"] == ["jane.roe@example.org", "jroe@hospital.org"]
    assert body["phones"] == ["+13035550100"]
    assert body["strength"] == 4
    assert body["is_self"] is False


def test_a_contact_can_be_created_from_the_parts_of_a_name_kept_as_written(api, alice):
    response = api.post(
        "/contacts", {"first_name": "Mary Ann", "last_name": "van der Berg", "suffix": "Jr."}
    )
    assert response.status_code == 201
    contact = Contact.objects.get(owner=alice, pk=response.json()["id"])
    assert (contact.first_name, contact.middle_name, contact.last_name, contact.suffix) == (
        "Mary Ann",
        "",
        "van der Berg",
        "Jr.",
    )
    assert contact.full_name == "Mary Ann van der Berg Jr."


def test_a_contact_without_any_name_is_refused_with_the_field(api, alice):
    before = Contact.objects.filter(owner=alice).count()
    response = api.post("/contacts", {"specialty": "Cardiology"})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "name", "message": "A name is required."}]
    assert Contact.objects.filter(owner=alice).count() == before


def test_a_contact_can_name_who_introduced_us(api, alice):
    introducer = ContactFactory(owner=alice)
    response = api.post("/contacts", {"name": "Sam Lee", "introduced_by": introducer.pk})
    assert response.status_code == 201
    assert response.json()["introduced_by"] == introducer.pk
    assert Contact.objects.get(pk=response.json()["id"]).introduced_by == introducer


def test_reading_a_contact_shows_every_field(api, alice):
    contact = ContactFactory(
        owner=alice, full_name="Ana Ruiz", first_name="Ana", last_name="Ruiz", npi="1234567893"
    )
    contact.emails.create(owner=alice, email="ana@example.org", is_primary=True)
    contact.tags.set(tags_resolve(owner=alice, names=["mentor"]))
    contact_strength_set(owner=alice, contact=contact, strength=5)
    response = api.get(f"/contacts/{contact.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == contact.pk
    assert body["full_name"] == "Ana Ruiz"
    assert body["npi"] == "1234567893"
    assert body["emails"] == ["ana@example.org"]
    assert body["tags"] == ["mentor"]
    assert body["strength"] == 5
    assert set(body) >= {
        "honorific",
        "middle_name",
        "suffix",
        "credentials",
        "subspecialty",
        "phones",
        "city",
        "state",
        "zip_code",
        "country",
        "research_interests",
        "procedures",
        "how_we_met",
        "introduced_by",
        "notes",
        "cadence_days",
        "last_interaction_on",
        "next_touch_on",
        "created_at",
        "updated_at",
    }


def test_patching_a_contact_changes_only_the_fields_given(api, alice):
    contact = ContactFactory(owner=alice, specialty="Cardiology", city="Denver", notes="Kind")
    contact.emails.create(owner=alice, email="old@example.org", is_primary=True)
    response = api.patch(
        f"/contacts/{contact.pk}",
        {"city": "Boulder", "emails": ["new@example.org"], "tags": ["mentor"], "strength": 2},
    )
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.city == "Boulder"
    assert contact.specialty == "Cardiology"
    assert contact.notes == "Kind"
    assert list(contact.emails.values_list("email", flat=True)) == ["new@example.org"]
    assert list(contact.tags.values_list("name", flat=True)) == ["mentor"]
    assert self_tie(alice, contact).strength == 2
    assert response.json()["city"] == "Boulder"


def test_patching_strength_to_zero_clears_the_relationship(api, alice):
    contact = ContactFactory(owner=alice)
    contact_strength_set(owner=alice, contact=contact, strength=3)
    response = api.patch(f"/contacts/{contact.pk}", {"strength": 0})
    assert response.status_code == 200
    assert response.json()["strength"] == 0
    assert self_tie_or_none(alice, contact) is None


def test_patching_the_name_parses_it_and_patching_a_part_renames_the_contact(api, alice):
    contact = ContactFactory(owner=alice)
    api.patch(f"/contacts/{contact.pk}", {"name": "Prof. Lee Chen, DO"})
    contact.refresh_from_db()
    assert (contact.honorific, contact.first_name, contact.last_name) == ("Prof.", "Lee", "Chen")
    assert contact.credentials == "DO"
    response = api.patch(f"/contacts/{contact.pk}", {"last_name": "Chen-Wu"})
    contact.refresh_from_db()
    assert contact.last_name == "Chen-Wu"
    assert contact.full_name == "Lee Chen-Wu"
    assert response.json()["full_name"] == "Lee Chen-Wu"


def test_putting_a_contact_replaces_every_field(api, alice):
    contact = ContactFactory(owner=alice, city="Denver", notes="Met at ACC")
    contact.emails.create(owner=alice, email="old@example.org", is_primary=True)
    contact.tags.set(tags_resolve(owner=alice, names=["mentor"]))
    response = api.put(f"/contacts/{contact.pk}", {"name": "Kim Park, MD", "state": "CA"})
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.full_name == "Kim Park"
    assert contact.state == "CA"
    assert contact.city == ""
    assert contact.notes == ""
    assert not contact.emails.exists()
    assert not contact.tags.exists()


def test_deleting_a_contact_removes_it(api, alice):
    contact = ContactFactory(owner=alice)
    response = api.delete(f"/contacts/{contact.pk}")
    assert response.status_code == 204
    assert response.content == b""
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_your_own_profile_cannot_be_deleted(api, alice):
    me = contact_self_ensure(owner=alice)
    response = api.delete(f"/contacts/{me.pk}")
    assert response.status_code == 422
    assert response.json()["detail"] == "Your own profile cannot be deleted."
    assert Contact.objects.filter(pk=me.pk).exists()


def test_merging_moves_everything_into_the_contact_kept(api, alice):
    keep = ContactFactory(owner=alice, full_name="Jane Roe", specialty="")
    other = ContactFactory(owner=alice, full_name="J. Roe", specialty="Cardiology")
    other.emails.create(owner=alice, email="jroe@example.org")
    interaction = InteractionFactory(owner=alice, contacts=[other])
    response = api.post(f"/contacts/{keep.pk}/merge", {"other": other.pk})
    assert response.status_code == 200
    assert response.json()["id"] == keep.pk
    assert response.json()["emails"] == ["jroe@example.org"]
    assert not Contact.objects.filter(pk=other.pk).exists()
    keep.refresh_from_db()
    assert keep.specialty == "Cardiology"
    assert list(interaction.contacts.all()) == [keep]


def test_me_is_the_owners_own_profile(api, alice):
    response = api.get("/me")
    assert response.status_code == 200
    body = response.json()
    assert body["is_self"] is True
    assert body["full_name"] == "Alice Adams"
    assert body["id"] == contact_self_ensure(owner=alice).pk


def test_the_list_leaves_out_your_own_profile_and_pages_with_a_total(api, alice):
    ContactFactory.create_batch(5, owner=alice)
    first = api.get("/contacts", {"limit": 2}).json()
    rest = api.get("/contacts", {"limit": 2, "offset": 4}).json()
    assert first["count"] == 5
    assert len(first["items"]) == 2
    assert len(rest["items"]) == 1
    every = api.get("/contacts").json()["items"]
    assert not any(c["is_self"] for c in every)
    assert {c["id"] for c in every} == set(
        Contact.objects.filter(owner=alice, is_self=False).values_list("pk", flat=True)
    )


def test_the_list_refuses_a_page_size_over_the_limit(api, alice):
    response = api.get("/contacts", {"limit": 501})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "limit"


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [c["full_name"] for c in response.json()["items"]]


def test_the_list_searches_and_filters(api, alice):
    cardiologist = ContactFactory(
        owner=alice, full_name="Ana Ruiz", specialty="Cardiology", state="CO", notes="echo lab"
    )
    surgeon = ContactFactory(owner=alice, full_name="Ben Ode", specialty="Surgery", state="NY")
    cardiologist.tags.set(tags_resolve(owner=alice, names=["mentor"]))
    affiliation = AffiliationFactory(owner=alice, contact=surgeon)
    assert names(api.get("/contacts", {"q": "echo"})) == ["Ana Ruiz"]
    assert names(api.get("/contacts", {"tag": "Mentor"})) == ["Ana Ruiz"]
    assert names(api.get("/contacts", {"specialty": "surgery"})) == ["Ben Ode"]
    assert names(api.get("/contacts", {"state": "co"})) == ["Ana Ruiz"]
    assert names(api.get("/contacts", {"organization": affiliation.organization_id})) == ["Ben Ode"]


def test_the_list_sorts_by_last_contact(api, alice):
    recent = ContactFactory(owner=alice, full_name="Recent")
    old = ContactFactory(owner=alice, full_name="Old")
    Contact.objects.filter(pk=recent.pk).update(last_interaction_on=datetime.date(2026, 5, 1))
    Contact.objects.filter(pk=old.pk).update(last_interaction_on=datetime.date(2025, 1, 1))
    assert names(api.get("/contacts", {"sort": "-last_contact"})) == ["Recent", "Old"]
    assert names(api.get("/contacts", {"sort": "last_contact"})) == ["Old", "Recent"]


def test_the_sorts_the_api_offers_are_the_sorts_the_selector_knows():
    assert set(get_args(ContactSort)) == set(CONTACT_SORTS)


def test_an_unknown_sort_is_a_field_error(api, alice):
    response = api.get("/contacts", {"sort": "shoe_size"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "sort"


def test_logging_an_interaction_shows_on_the_contact(api, alice):
    contact = ContactFactory(owner=alice)
    api.post(
        "/interactions",
        {"kind": "call", "happened_on": "2026-03-02", "contacts": [contact.pk]},
    )
    body = api.get(f"/contacts/{contact.pk}").json()
    assert body["last_interaction_on"] == "2026-03-02"
    assert Interaction.objects.filter(owner=alice).count() == 1
