import pytest
from django.urls import reverse

from curbside.accounts import services
from curbside.accounts.models import Invitation, User

pytestmark = pytest.mark.django_db

INVITATIONS = reverse("accounts:invitation_list")


def test_an_administrator_invites_someone_and_sees_the_link_once(client, alice):
    client.force_login(alice)

    created = client.post(INVITATIONS, {"email": "dana@example.org"})
    later = client.get(INVITATIONS).content.decode()

    link = created.context["signup_link"]
    assert link.startswith("http://testserver/accounts/signup/?invite=")
    assert link in created.content.decode()
    assert link not in later
    assert "dana@example.org" in later
    assert "not used yet" in later
    assert Invitation.objects.get().created_by == alice


def test_the_invitation_link_lets_the_invited_person_sign_up(client, alice):
    client.force_login(alice)
    link = client.post(INVITATIONS, {"email": "dana@example.org"}).context["signup_link"]
    client.logout()

    response = client.post(
        link.removeprefix("http://testserver"),
        {
            "email": "dana@example.org",
            "name": "Dana Diaz",
            "password1": "plum orchard 42",
            "password2": "plum orchard 42",
        },
    )

    assert response.status_code == 302
    assert User.objects.filter(email="dana@example.org").exists()


def test_an_invitation_needs_a_valid_address(client, alice):
    client.force_login(alice)

    response = client.post(INVITATIONS, {"email": "not an address"})

    assert "email" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_the_page_warns_when_sign_up_is_closed(client, settings, alice):
    settings.SIGNUP_POLICY = "closed"
    client.force_login(alice)

    page = client.get(INVITATIONS).content.decode()

    assert "Sign-up is closed on this instance" in page


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_invitations_page_does_not_exist_for_ordinary_users(client, bob, method):
    client.force_login(bob)

    response = getattr(client, method)(INVITATIONS, {"email": "eve@example.org"})

    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_the_invitation_list_queries_do_not_grow(client, alice, django_assert_num_queries):
    client.force_login(alice)
    for batch in (2, 18):
        for n in range(batch):
            services.invitation_create(created_by=alice, email=f"guest{n}@example.org")
        # session, user, any user at all (the default sign-up policy), invitations
        with django_assert_num_queries(4):
            response = client.get(INVITATIONS)
        assert len(response.context["invitations"]) == {2: 2, 18: 20}[batch]
