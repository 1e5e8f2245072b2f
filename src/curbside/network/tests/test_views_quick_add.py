"""Quick add: a name and one more detail, typed on a phone at a conference."""

import pytest
from django.urls import reverse

from curbside.network.models import Affiliation, Contact, Organization

from .factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def quick_add(client, **fields):
    return client.post(reverse("network:contact_quick_add"), fields, follow=True)


def test_the_form_has_explicit_labels_for_each_field(alice_client):
    html = alice_client.get(reverse("network:contact_quick_add")).content.decode()

    for label in ("Name", "Email", "Phone", "Organization", "Where we met", "Note"):
        assert f">{label}</label>" in html
    assert 'type="email"' in html
    assert 'type="tel"' in html


def test_a_name_and_an_email_are_enough(alice_client, alice):
    response = quick_add(alice_client, name="Dr. Maya Patel, MD", email="Maya@Example.org")

    contact = Contact.objects.get(owner=alice, last_name="Patel")
    assert (contact.honorific, contact.first_name, contact.credentials) == ("Dr.", "Maya", "MD")
    assert list(contact.emails.values_list("email", flat=True)) == ["maya@example.org"]
    assert response.redirect_chain == [(reverse("network:contact_quick_add"), 302)]
    html = response.content.decode()
    assert f'Added <a href="/contacts/{contact.pk}/">Maya Patel, MD</a>. Add another below.' in html
    assert 'name="name" value=' not in html  # an empty form, ready for the next person


def test_a_name_alone_is_not_enough(alice_client, alice):
    response = quick_add(alice_client, name="Maya Patel")

    assert response.context["form"].non_field_errors() == [
        "Add one more detail — an email, a phone, an organization, where you met or a note."
    ]
    assert not Contact.objects.filter(owner=alice, last_name="Patel").exists()


def test_a_phone_number_is_normalised_and_a_bad_one_is_shown_under_phone(alice_client, alice):
    quick_add(alice_client, name="Maya Patel", phone="303.555.0142")
    bad = quick_add(alice_client, name="Omar Haddad", phone="call me")

    maya = Contact.objects.get(owner=alice, last_name="Patel")
    assert list(maya.phones.values_list("number", flat=True)) == ["+13035550142"]
    assert list(bad.context["form"].errors) == ["phone"]
    assert not Contact.objects.filter(owner=alice, last_name="Haddad").exists()


def test_an_organization_becomes_their_current_job(alice_client, alice):
    quick_add(alice_client, name="Maya Patel", organization="Denver Heart")

    affiliation = Affiliation.objects.get(owner=alice, contact__last_name="Patel")
    assert affiliation.organization.name == "Denver Heart"
    assert affiliation.kind == Affiliation.Kind.EMPLOYMENT
    assert affiliation.end_year is None


def test_an_organization_already_known_is_reused_whatever_its_case(alice_client, alice):
    existing = OrganizationFactory(owner=alice, name="Denver Heart")

    quick_add(alice_client, name="Maya Patel", organization="  denver   heart ")

    assert Organization.objects.filter(owner=alice).count() == 1
    assert Affiliation.objects.get(owner=alice).organization == existing


def test_where_we_met_and_a_note_are_kept(alice_client, alice):
    quick_add(alice_client, name="Maya Patel", how_we_met="ACC 2026, poster 112", note="TAVR")

    contact = Contact.objects.get(owner=alice, last_name="Patel")
    assert (contact.how_we_met, contact.notes) == ("ACC 2026, poster 112", "TAVR")


def test_the_new_contact_appears_on_the_list_with_credentials_split(alice_client, alice):
    quick_add(alice_client, name="Dr. Maya Patel, MD", email="maya@example.org")

    html = alice_client.get(reverse("network:contact_list")).content.decode()

    assert ">Maya Patel, MD</a>" in html
