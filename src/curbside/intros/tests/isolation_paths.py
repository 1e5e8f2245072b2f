"""Cross-user tests for the chains pages and endpoint; gathered by test_isolation.py.

Their ids travel in the query string (`contact`, `organization`, `chain`, `to_contact`,
`to_organization`): another user's id is a 404 everywhere, and nothing is written.
"""

import pytest
from django.test import Client
from django.urls import reverse

from curbside.accounts.services import token_create
from curbside.interactions.models import FollowUp, Interaction
from curbside.intros.graph import graph_cache_clear
from curbside.network.models import Contact

from .reach_network import build

NAMES: list[str] = ["intros:reach", "intros:reach_panel", "intros:draft", "api:intro_paths"]

# How each URL names a person and an organization in its query string.
CONTACT_PARAM = {
    "intros:reach": "contact",
    "intros:reach_panel": "contact",
    "api:intro_paths": "to_contact",
}
ORGANIZATION_PARAM = {
    "intros:reach": "organization",
    "intros:reach_panel": "organization",
    "api:intro_paths": "to_organization",
}


@pytest.fixture
def paths_fresh_graphs():
    """Chains built for one test are not reused by the next (ids are reused on SQLite)."""
    graph_cache_clear()
    yield
    graph_cache_clear()


def _client_of(user, name: str) -> Client:
    if name.startswith("api:"):
        _, raw = token_create(owner=user, name="tests")
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.usefixtures("paths_fresh_graphs")
@pytest.mark.parametrize("name", NAMES)
def test_paths_another_users_person_is_not_found(alice, bob, name):
    alices = build(alice)
    me = Contact.objects.get(owner=bob, is_self=True)
    bobs_friend = Contact.objects.filter(owner=bob, is_self=False)[0]
    client = _client_of(bob, name)
    url = reverse(name)

    if name == "intros:draft":
        chain = f"{me.pk},{bobs_friend.pk},{alices.carl.pk}"
        assert client.get(url, {"chain": chain}).status_code == 404
        response = client.post(f"{url}?chain={chain}", {"message": "Hi", "kind": "email"})
        assert response.status_code == 404
        mine = f"{alices.me.pk},{alices.ann.pk},{alices.carl.pk}"  # alice's own chain
        assert client.get(url, {"chain": mine}).status_code == 404
    else:
        response = client.get(url, {CONTACT_PARAM[name]: alices.carl.pk})
        assert response.status_code == 404
    assert not Interaction.objects.filter(summary__startswith="Asked").exists()
    assert not FollowUp.objects.filter(kind=FollowUp.Kind.FOLLOW_UP).exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("paths_fresh_graphs")
@pytest.mark.parametrize("name", NAMES)
def test_paths_another_users_organization_is_not_found(alice, bob, name):
    alices = build(alice)
    bobs = build(bob)
    client = _client_of(bob, name)
    url = reverse(name)

    if name == "intros:draft":
        chain = f"{bobs.me.pk},{bobs.ann.pk},{bobs.carl.pk}"  # his own chain, her organization
        response = client.get(url, {"chain": chain, "organization": str(alices.mercy.pk)})
        assert response.status_code == 404
        response = client.post(
            f"{url}?chain={chain}&organization={alices.mercy.pk}",
            {"message": "Hi", "kind": "email", "sent_on": "2026-06-01"},
        )
        assert response.status_code == 404
        assert client.get(url, {"chain": chain}).status_code == 200  # his own is fine
    else:
        response = client.get(url, {ORGANIZATION_PARAM[name]: alices.mercy.pk})
        assert response.status_code == 404
        own = client.get(url, {ORGANIZATION_PARAM[name]: bobs.mercy.pk})
        assert own.status_code == 200
    assert not Interaction.objects.filter(summary__startswith="Asked").exists()
