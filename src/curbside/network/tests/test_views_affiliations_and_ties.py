"""Adding, editing and removing a contact's affiliations and ties from their page."""

import pytest
from django.urls import reverse

from curbside.network import services
from curbside.network.models import Affiliation, Organization, Tie

from .factories import AffiliationFactory, ContactFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


# Affiliations


def test_an_affiliation_at_one_of_your_organizations(alice_client, alice):
    contact = ContactFactory(owner=alice)
    hospital = OrganizationFactory(owner=alice, name="Denver Heart")

    response = alice_client.post(
        reverse("network:affiliation_create", args=[contact.pk]),
        {
            "organization": hospital.pk,
            "kind": "employment",
            "role": "Chair of Cardiology",
            "start_year": "2019",
            "is_decision_maker": "on",
        },
    )

    affiliation = Affiliation.objects.get(owner=alice, contact=contact)
    assert response["Location"] == reverse("network:contact_detail", args=[contact.pk]) + (
        "#affiliations"
    )
    assert affiliation.organization == hospital
    assert (affiliation.role, affiliation.start_year, affiliation.end_year) == (
        "Chair of Cardiology",
        2019,
        None,
    )
    assert affiliation.is_decision_maker


def test_an_affiliation_at_a_new_organization_typed_by_name(alice_client, alice):
    contact = ContactFactory(owner=alice)

    alice_client.post(
        reverse("network:affiliation_create", args=[contact.pk]),
        {
            "new_organization": "Front Range University School of Medicine",
            "kind": "education",
            "role": "MD",
            "end_year": "2018",
        },
    )

    affiliation = Affiliation.objects.get(owner=alice, contact=contact)
    assert affiliation.organization.name == "Front Range University School of Medicine"
    assert affiliation.organization.owner == alice
    assert affiliation.years == "2018"


def test_a_typed_name_matches_an_organization_you_already_have(alice_client, alice):
    contact = ContactFactory(owner=alice)
    existing = OrganizationFactory(owner=alice, name="Denver Heart")

    alice_client.post(
        reverse("network:affiliation_create", args=[contact.pk]),
        {"new_organization": "denver heart", "kind": "employment"},
    )

    assert Organization.objects.filter(owner=alice).count() == 1
    assert Affiliation.objects.get(contact=contact).organization == existing


def test_an_affiliation_needs_an_organization(alice_client, alice):
    contact = ContactFactory(owner=alice)

    response = alice_client.post(
        reverse("network:affiliation_create", args=[contact.pk]), {"kind": "employment"}
    )

    assert response.context["form"].errors["organization"] == [
        "Choose an organization or type a new name."
    ]
    assert not Affiliation.objects.filter(contact=contact).exists()


def test_an_affiliation_cannot_end_before_it_starts_and_no_organization_is_left_behind(
    alice_client, alice
):
    contact = ContactFactory(owner=alice)

    response = alice_client.post(
        reverse("network:affiliation_create", args=[contact.pk]),
        {
            "new_organization": "Nowhere Clinic",
            "kind": "employment",
            "start_year": "2020",
            "end_year": "2010",
        },
    )

    assert "end_year" in response.context["form"].errors
    assert not Organization.objects.filter(owner=alice, name="Nowhere Clinic").exists()


def test_editing_an_affiliation_can_move_it_and_end_it(alice_client, alice):
    affiliation = AffiliationFactory(owner=alice, start_year=2015)
    form = alice_client.get(reverse("network:affiliation_edit", args=[affiliation.pk]))
    assert form.context["form"].initial["organization"] == affiliation.organization_id

    alice_client.post(
        reverse("network:affiliation_edit", args=[affiliation.pk]),
        {
            "new_organization": "Cherry Creek Medical Center",
            "kind": "employment",
            "role": "Hospitalist",
            "start_year": "2015",
            "end_year": "2024",
        },
    )

    affiliation.refresh_from_db()
    assert affiliation.organization.name == "Cherry Creek Medical Center"
    assert (affiliation.role, affiliation.end_year) == ("Hospitalist", 2024)


def test_removing_an_affiliation_keeps_the_organization(alice_client, alice):
    affiliation = AffiliationFactory(owner=alice)
    url = reverse("network:affiliation_delete", args=[affiliation.pk])

    assert "Remove this affiliation?" in alice_client.get(url).content.decode()
    alice_client.post(url)

    assert not Affiliation.objects.filter(pk=affiliation.pk).exists()
    assert Organization.objects.filter(pk=affiliation.organization_id).exists()


def test_the_edit_page_links_to_removing(alice_client, alice):
    affiliation = AffiliationFactory(owner=alice)

    html = alice_client.get(
        reverse("network:affiliation_edit", args=[affiliation.pk])
    ).content.decode()

    assert reverse("network:affiliation_delete", args=[affiliation.pk]) in html


# Ties


def test_recording_who_a_contact_knows(alice_client, alice):
    maya = ContactFactory(owner=alice, full_name="Maya Patel")
    omar = ContactFactory(owner=alice, full_name="Omar Haddad")

    response = alice_client.post(
        reverse("network:tie_create", args=[omar.pk]),
        {"other": maya.pk, "strength": "4", "context": "co-residents 2019–22", "since": "2019"},
        follow=True,
    )

    tie = Tie.objects.get(owner=alice)
    assert (tie.person_a, tie.person_b) == (maya, omar)  # stored in id order
    assert (tie.strength, tie.context, tie.since) == (4, "co-residents 2019–22", 2019)
    assert "Omar Haddad, MD knows Maya Patel, MD." in response.content.decode()
    assert [view.other for view in response.context["detail"].ties] == [maya]


def test_a_contact_is_not_offered_as_knowing_themselves_or_you(alice_client, alice):
    maya = ContactFactory(owner=alice)
    omar = ContactFactory(owner=alice)

    form = alice_client.get(reverse("network:tie_create", args=[maya.pk])).context["form"]

    assert list(form.fields["other"].queryset) == [omar]


def test_recording_a_tie_again_updates_it(alice_client, alice):
    maya = ContactFactory(owner=alice)
    omar = ContactFactory(owner=alice)
    services.tie_record(owner=alice, person=maya, other=omar, strength=2)

    alice_client.post(
        reverse("network:tie_create", args=[omar.pk]), {"other": maya.pk, "strength": "5"}
    )

    assert list(Tie.objects.filter(owner=alice).values_list("strength", flat=True)) == [5]


def test_editing_a_tie_returns_to_the_page_it_came_from(alice_client, alice):
    maya = ContactFactory(owner=alice)
    omar = ContactFactory(owner=alice)
    tie = services.tie_record(owner=alice, person=maya, other=omar, strength=2)
    back = reverse("network:contact_detail", args=[omar.pk])

    page = alice_client.get(reverse("network:tie_edit", args=[tie.pk]), {"next": back})
    response = alice_client.post(
        reverse("network:tie_edit", args=[tie.pk]),
        {"strength": "3", "context": "same department", "since": "", "next": back},
    )

    assert f'name="next" value="{back}"' in page.content.decode()
    assert response["Location"] == back
    tie.refresh_from_db()
    assert (tie.strength, tie.context, tie.since) == (3, "same department", None)


def test_removing_a_tie(alice_client, alice):
    maya = ContactFactory(owner=alice)
    omar = ContactFactory(owner=alice)
    tie = services.tie_record(owner=alice, person=maya, other=omar)

    response = alice_client.post(reverse("network:tie_delete", args=[tie.pk]))

    assert not Tie.objects.filter(pk=tie.pk).exists()
    assert response["Location"] == reverse("network:contact_detail", args=[maya.pk]) + "#ties"


def test_a_tie_strength_must_be_one_to_five(alice_client, alice):
    maya = ContactFactory(owner=alice)
    omar = ContactFactory(owner=alice)

    response = alice_client.post(
        reverse("network:tie_create", args=[maya.pk]), {"other": omar.pk, "strength": "9"}
    )

    assert "strength" in response.context["form"].errors
    assert not Tie.objects.filter(owner=alice).exists()


def test_the_strength_with_you_is_not_listed_among_ties(alice_client, alice):
    maya = ContactFactory(owner=alice)
    services.contact_strength_set(owner=alice, contact=maya, strength=5)

    response = alice_client.get(reverse("network:contact_detail", args=[maya.pk]))

    assert response.context["detail"].ties == []
    assert response.context["contact"].strength == 5
    assert "●●●●●" in response.content.decode()
