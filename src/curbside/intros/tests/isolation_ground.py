"""Cross-user tests for common ground, latent connections and the map; gathered by
test_isolation.py."""

import pytest
from django.test import Client
from django.urls import reverse

from curbside.accounts.services import token_create
from curbside.network.models import Contact, Tie
from curbside.network.tests.factories import AffiliationFactory, ContactFactory

NAMES: list[str] = [
    "intros:common_ground",
    "intros:latent_record",
    "api:contact_common_ground",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_ground_urls_answer_404_for_another_users_contact(client, alice, bob, name):
    contact = ContactFactory(owner=alice)
    AffiliationFactory(owner=alice, contact=contact)
    path = reverse(name, kwargs={"contact_id" if name.startswith("api:") else "pk": contact.pk})
    if name.startswith("api:"):
        _, token = token_create(owner=bob, name="tests")
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    else:
        client.force_login(bob)

    assert client.get(path).status_code in {404, 405}
    assert client.post(path).status_code in {404, 405}
    assert client.get(path, headers={"HX-Request": "true"}).status_code in {404, 405}
    assert not Tie.objects.filter(owner__in=[alice, bob]).exists()
    Contact.objects.get(pk=contact.pk)  # still there


@pytest.mark.django_db
def test_ground_a_self_contact_cannot_be_recorded_as_a_latent_tie(client, alice):
    me = Contact.objects.get(owner=alice, is_self=True)
    client.force_login(alice)
    assert client.post(reverse("intros:latent_record", args=[me.pk])).status_code == 404
