"""Another user's token is indistinguishable from a missing one.

CROSS_USER_URL_NAMES lists this app's URLs with an object id; the coverage test in
core/tests/test_isolation_coverage.py checks that every such URL of the site is listed in
some app's test_isolation.py and parametrized into a test here.
"""

import pytest
from django.urls import reverse

from curbside.accounts import services
from curbside.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

CROSS_USER_URL_NAMES = ["accounts:token_revoke"]


@pytest.mark.parametrize("name", CROSS_USER_URL_NAMES)
def test_another_users_token_is_not_found_and_stays(client, alice, bob, name):
    token, raw = services.token_create(owner=alice, name="Alice's laptop")
    client.force_login(bob)

    assert client.get(reverse(name, args=[token.pk])).status_code in {404, 405}
    assert client.post(reverse(name, args=[token.pk])).status_code == 404

    assert ApiToken.objects.filter(pk=token.pk, owner=alice).exists()
    assert services.token_authenticate(raw) == alice


def test_another_users_token_is_not_listed(client, alice, bob):
    services.token_create(owner=alice, name="Alice's laptop")
    client.force_login(bob)

    response = client.get(reverse("accounts:token_list"))

    assert "Alice's laptop" not in response.content.decode()
    assert list(response.context["tokens"]) == []


def test_another_administrators_invitations_are_not_listed(client, alice, bob):
    services.invitation_create(created_by=alice, email="carol@example.org")
    bob.is_staff = True
    bob.save()
    client.force_login(bob)

    response = client.get(reverse("accounts:invitation_list"))

    assert "carol@example.org" not in response.content.decode()
