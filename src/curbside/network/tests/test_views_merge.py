"""Merging two records of one person: choose, preview side by side, confirm."""

import datetime

import pytest
from django.urls import reverse

from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.tests.factories import FollowUpFactory, InteractionFactory
from curbside.network import services
from curbside.network.models import Affiliation, Contact

from .factories import AffiliationFactory, ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def two_records(alice):
    """Maya twice: once from a business card, once from an old phone."""
    keep = services.contact_create(
        owner=alice, name="Maya Patel, MD", emails=["maya@denverheart.org"], specialty="Cardiology"
    )
    other = services.contact_create(
        owner=alice, name="Maya Patel", emails=["mpatel@gmail.com"], phones=["3035550142"]
    )
    friend = ContactFactory(owner=alice)
    services.tie_record(owner=alice, person=other, other=friend, strength=4)
    AffiliationFactory(owner=alice, contact=other)
    InteractionFactory(owner=alice, contacts=[keep], happened_on=datetime.date(2026, 1, 5))
    InteractionFactory(owner=alice, contacts=[other], happened_on=datetime.date(2026, 3, 9))
    FollowUpFactory(owner=alice, contact=other)
    return keep, other


def test_the_chooser_offers_look_alikes_by_last_name(alice_client, alice, two_records):
    keep, other = two_records
    services.contact_create(owner=alice, name="Omar Haddad")

    response = alice_client.get(reverse("network:contact_merge", args=[keep.pk]))

    assert response.context["candidates"] == [other]
    assert response.context["query"] == "Patel"
    assert f"?other={other.pk}" in response.content.decode()


def test_the_chooser_searches_as_you_type_with_htmx(alice_client, alice, two_records):
    keep, _ = two_records
    services.contact_create(owner=alice, name="Omar Haddad")

    response = alice_client.get(
        reverse("network:contact_merge", args=[keep.pk]),
        {"q": "haddad"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()

    assert html.strip().startswith('<div id="candidates">')
    assert "Omar Haddad" in html
    assert "Maya Patel" not in html


def test_the_preview_shows_both_side_by_side_and_what_will_move(alice_client, two_records):
    keep, other = two_records

    response = alice_client.get(
        reverse("network:contact_merge", args=[keep.pk]), {"other": other.pk}
    )
    html = response.content.decode()
    preview = response.context["preview"]

    assert preview.keep.contact == keep
    assert preview.merge.contact == other
    assert (preview.merge.n_emails, preview.merge.n_phones) == (1, 1)
    assert (preview.merge.n_affiliations, preview.merge.n_ties) == (1, 1)
    assert (preview.merge.n_interactions, preview.merge.n_follow_ups) == (1, 1)
    assert "maya@denverheart.org" in html
    assert "mpatel@gmail.com" in html
    assert "1 email, 1 phone, 1 affiliation, 1 tie, 1 interaction and 1 follow-up." in html
    assert ">Merge contacts</button>" in html
    assert Contact.objects.filter(pk=other.pk).exists()  # a preview changes nothing


def test_merging_moves_everything_and_keeps_both_histories(alice_client, alice, two_records):
    keep, other = two_records

    response = alice_client.post(
        reverse("network:contact_merge", args=[keep.pk]), {"other": other.pk}, follow=True
    )

    assert response.redirect_chain == [(reverse("network:contact_detail", args=[keep.pk]), 302)]
    assert "Merged Maya Patel into Maya Patel, MD." in response.content.decode()
    assert not Contact.objects.filter(pk=other.pk).exists()
    assert sorted(keep.emails.values_list("email", flat=True)) == [
        "maya@denverheart.org",
        "mpatel@gmail.com",
    ]
    assert list(keep.phones.values_list("number", flat=True)) == ["+13035550142"]
    assert Interaction.objects.filter(owner=alice, contacts=keep).count() == 2
    assert FollowUp.objects.filter(owner=alice, contact=keep).count() == 1
    assert Affiliation.objects.filter(owner=alice, contact=keep).count() == 1
    assert [view.tie.strength for view in response.context["detail"].ties] == [4]
    detail = response.context["detail"]
    assert len(detail.interactions) == 2


def test_a_contact_cannot_be_merged_with_itself(alice_client, two_records):
    keep, _ = two_records

    response = alice_client.post(
        reverse("network:contact_merge", args=[keep.pk]), {"other": keep.pk}
    )

    assert response.status_code == 200
    assert "other" in response.context["form"].errors
    assert Contact.objects.filter(pk=keep.pk).exists()


def test_merging_needs_a_chosen_contact(alice_client, two_records):
    keep, other = two_records

    response = alice_client.post(reverse("network:contact_merge", args=[keep.pk]), {})

    assert response.status_code == 200
    assert response.context["candidates"] == [other]  # back to choosing
    assert Contact.objects.filter(pk=other.pk).exists()
