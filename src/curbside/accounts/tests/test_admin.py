import pytest
from django.urls import reverse

from curbside.accounts import services
from curbside.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_administrator_sees_accounts_tokens_and_invitations_in_the_admin(client, alice, bob):
    services.token_create(owner=bob, name="Bob's script")
    services.invitation_create(created_by=alice, email="dana@example.org")
    client.force_login(alice)

    users = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    tokens = client.get(reverse("admin:accounts_apitoken_changelist")).content.decode()
    invitations = client.get(reverse("admin:accounts_invitation_changelist")).content.decode()

    assert "bob@example.org" in users
    assert "Bob&#x27;s script" in tokens
    assert "dana@example.org" in invitations


def test_the_administrator_creates_an_account_in_the_admin(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "dana@example.org",
            "usable_password": "true",
            "password1": "plum orchard 42",
            "password2": "plum orchard 42",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(email="dana@example.org").check_password("plum orchard 42")


def test_tokens_cannot_be_created_in_the_admin(client, alice):
    client.force_login(alice)

    response = client.get(reverse("admin:accounts_apitoken_add"))

    assert response.status_code == 403


def test_an_ordinary_user_cannot_open_the_admin(client, bob):
    client.force_login(bob)

    response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
