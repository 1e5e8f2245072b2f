"""Another user's contacts, affiliations, ties and organizations are indistinguishable from
missing ones: 404 on every page that takes their id, for GET and POST, and left unchanged.

CROSS_USER_URL_NAMES lists this app's URLs with an object id; the coverage test in
core/tests/test_isolation_coverage.py checks that each is listed and parametrized here.
"""

import datetime

import pytest
from django.urls import reverse

from curbside.interactions.tests.factories import FollowUpFactory, InteractionFactory
from curbside.network import services
from curbside.network.models import Affiliation, Contact, Organization, Tie

from .factories import AffiliationFactory, ContactFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

CONTACT_URL_NAMES = [
    "network:contact_detail",
    "network:contact_edit",
    "network:contact_delete",
    "network:contact_merge",
    "network:contact_photo",
    "network:contact_snooze",
    "network:affiliation_create",
    "network:tie_create",
]
AFFILIATION_URL_NAMES = ["network:affiliation_edit", "network:affiliation_delete"]
TIE_URL_NAMES = ["network:tie_edit", "network:tie_delete"]
ORGANIZATION_URL_NAMES = [
    "network:organization_detail",
    "network:organization_edit",
    "network:organization_delete",
]
CROSS_USER_URL_NAMES = [
    *CONTACT_URL_NAMES,
    *AFFILIATION_URL_NAMES,
    *TIE_URL_NAMES,
    *ORGANIZATION_URL_NAMES,
]

# A POST that would change the object if the view let it through.
FORGED_POST = {
    "name": "Taken Over",
    "strength": "5",
    "context": "forged",
    "until": "2030-01-01",
    "kind": "employment",
    "new_organization": "Forged Clinic",
    "role": "Forged",
}


@pytest.fixture
def alices_network(alice):
    """A contact of Alice's with a photo-less card, an affiliation, a tie and interactions."""
    contact = services.contact_create(
        owner=alice, name="Dr. Maya Patel, MD", emails=["maya@example.org"], cadence_days=30
    )
    friend = ContactFactory(owner=alice)
    tie = services.tie_record(owner=alice, person=contact, other=friend, strength=2)
    affiliation = AffiliationFactory(owner=alice, contact=contact)
    InteractionFactory(owner=alice, contacts=[contact])
    FollowUpFactory(owner=alice, contact=contact)
    return {
        "contact": contact,
        "friend": friend,
        "tie": tie,
        "affiliation": affiliation,
        "organization": affiliation.organization,
    }


def snapshot(network):
    """What Alice's rows look like; compared before and after Bob's attempts."""
    contact = Contact.objects.get(pk=network["contact"].pk)
    tie = Tie.objects.get(pk=network["tie"].pk)
    affiliation = Affiliation.objects.get(pk=network["affiliation"].pk)
    organization = Organization.objects.get(pk=network["organization"].pk)
    return {
        "contact": (contact.full_name, contact.next_touch_on, contact.updated_at),
        "emails": list(contact.emails.values_list("email", flat=True)),
        "n_contacts": Contact.objects.filter(owner=contact.owner).count(),
        "tie": (tie.strength, tie.context, tie.updated_at),
        "affiliation": (affiliation.role, affiliation.organization_id, affiliation.updated_at),
        "n_affiliations": Affiliation.objects.filter(owner=contact.owner).count(),
        "n_ties": Tie.objects.filter(owner=contact.owner).count(),
        "organization": (organization.name, organization.updated_at),
    }


def object_for(name, network):
    if name in AFFILIATION_URL_NAMES:
        return network["affiliation"]
    if name in TIE_URL_NAMES:
        return network["tie"]
    if name in ORGANIZATION_URL_NAMES:
        return network["organization"]
    return network["contact"]


@pytest.mark.parametrize("name", CROSS_USER_URL_NAMES)
def test_another_users_object_is_not_found_and_stays_as_it_was(
    client, alice, bob, alices_network, name
):
    target = object_for(name, alices_network)
    before = snapshot(alices_network)
    bobs_contact = Contact.objects.filter(owner=bob, is_self=False).earliest("pk")
    client.force_login(bob)
    url = reverse(name, args=[target.pk])

    get = client.get(url)
    post = client.post(url, {**FORGED_POST, "other": bobs_contact.pk})

    assert get.status_code in {404, 405}
    assert post.status_code in {404, 405}
    assert get.status_code == 404 or post.status_code == 404
    assert snapshot(alices_network) == before


def test_an_owner_reaches_each_of_those_pages(client, alice, alices_network):
    # The same URLs work for their owner, so the 404s above come from the owner check.
    client.force_login(alice)
    for name in CROSS_USER_URL_NAMES:
        if name in {"network:contact_snooze", "network:contact_photo"}:
            continue  # POST only; no photo uploaded
        target = object_for(name, alices_network)
        assert client.get(reverse(name, args=[target.pk])).status_code == 200, name


def test_another_users_contacts_and_organizations_are_never_listed(client, alice, bob):
    ContactFactory(owner=bob, full_name="Secret Person", first_name="Secret", last_name="Person")
    OrganizationFactory(owner=bob, name="Secret Clinic")
    client.force_login(alice)

    contacts = client.get(reverse("network:contact_list"), {"q": "Secret"})
    organizations = client.get(reverse("network:organization_list"), {"q": "Secret"})

    assert "Secret Person" not in contacts.content.decode()
    assert contacts.context["page"].paginator.count == 0
    assert "Secret Clinic" not in organizations.content.decode()
    assert organizations.context["page"].paginator.count == 0


def test_a_forged_introducer_from_another_user_is_rejected(client, alice, bob):
    bobs_contact = ContactFactory(owner=bob)
    client.force_login(alice)

    response = client.post(
        reverse("network:contact_create"),
        {"name": "Ann Lee", "introduced_by": bobs_contact.pk, "strength": "0"},
    )

    assert response.status_code == 200
    assert "introduced_by" in response.context["form"].errors
    assert not Contact.objects.filter(owner=alice, full_name="Ann Lee").exists()


def test_a_forged_introducer_is_rejected_when_editing_too(client, alice, bob):
    contact = ContactFactory(owner=alice)
    bobs_contact = ContactFactory(owner=bob)
    client.force_login(alice)

    response = client.post(
        reverse("network:contact_edit", args=[contact.pk]),
        {"name": contact.full_name, "introduced_by": bobs_contact.pk},
    )

    assert "introduced_by" in response.context["form"].errors
    contact.refresh_from_db()
    assert contact.introduced_by_id is None


def test_a_tie_to_another_users_contact_is_rejected(client, alice, bob):
    contact = ContactFactory(owner=alice)
    bobs_contact = ContactFactory(owner=bob)
    client.force_login(alice)

    response = client.post(
        reverse("network:tie_create", args=[contact.pk]),
        {"other": bobs_contact.pk, "strength": "3"},
    )

    assert "other" in response.context["form"].errors
    assert not Tie.objects.filter(owner=alice).exists()
    assert not Tie.objects.filter(person_b=bobs_contact).exists()


def test_an_affiliation_with_another_users_organization_is_rejected(client, alice, bob):
    contact = ContactFactory(owner=alice)
    bobs_organization = OrganizationFactory(owner=bob)
    client.force_login(alice)

    response = client.post(
        reverse("network:affiliation_create", args=[contact.pk]),
        {"organization": bobs_organization.pk, "kind": "employment"},
    )

    assert "organization" in response.context["form"].errors
    assert not Affiliation.objects.filter(contact=contact).exists()
    assert not bobs_organization.affiliations.exists()


def test_moving_an_affiliation_to_another_users_organization_is_rejected(client, alice, bob):
    affiliation = AffiliationFactory(owner=alice)
    bobs_organization = OrganizationFactory(owner=bob)
    client.force_login(alice)

    client.post(
        reverse("network:affiliation_edit", args=[affiliation.pk]),
        {"organization": bobs_organization.pk, "kind": "employment"},
    )

    affiliation.refresh_from_db()
    assert affiliation.organization.owner == alice


def test_merging_with_another_users_contact_is_rejected(client, alice, bob):
    contact = ContactFactory(owner=alice)
    bobs_contact = ContactFactory(owner=bob)
    client.force_login(alice)

    preview = client.get(
        reverse("network:contact_merge", args=[contact.pk]), {"other": bobs_contact.pk}
    )
    merge = client.post(
        reverse("network:contact_merge", args=[contact.pk]), {"other": bobs_contact.pk}
    )

    assert preview.context["form"].errors
    assert bobs_contact.full_name not in preview.content.decode()
    assert merge.status_code == 200
    assert Contact.objects.filter(pk=bobs_contact.pk, owner=bob).exists()
    assert Contact.objects.filter(pk=contact.pk, owner=alice).exists()


def test_snoozing_another_users_contact_changes_nothing(client, alice, bob):
    contact = ContactFactory(owner=alice, next_touch_on=datetime.date(2026, 1, 1))
    client.force_login(bob)

    response = client.post(reverse("network:contact_snooze", args=[contact.pk]))

    assert response.status_code == 404
    contact.refresh_from_db()
    assert contact.next_touch_on == datetime.date(2026, 1, 1)
