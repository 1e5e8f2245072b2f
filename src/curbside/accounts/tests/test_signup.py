import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from curbside.accounts import services
from curbside.accounts.models import Invitation, User

pytestmark = pytest.mark.django_db

SIGNUP = reverse("accounts:signup")


PASSWORD = "plum orchard 42"


def _form(email="dana@example.org", name="Dana Diaz", password=PASSWORD, again=None):
    return {"email": email, "name": name, "password1": password, "password2": again or password}


def test_the_first_visitor_signs_up_is_logged_in_and_becomes_the_administrator(client):
    response = client.post(SIGNUP, _form(email="Dana@Example.org"))

    assert response.status_code == 302
    assert response.url == reverse("interactions:dashboard")
    user = User.objects.get()
    assert user.email == "dana@example.org"
    assert user.get_full_name() == "Dana Diaz"
    assert user.is_staff
    assert user.is_superuser
    assert client.get(reverse("interactions:dashboard")).context["user"] == user


def test_a_later_open_sign_up_is_an_ordinary_account(client, settings, alice):
    settings.SIGNUP_POLICY = "open"

    client.post(SIGNUP, _form())

    dana = User.objects.get(email="dana@example.org")
    assert not dana.is_staff
    assert not dana.is_superuser


def test_once_an_account_exists_sign_up_needs_an_invitation_by_default(client, alice):
    page = client.get(SIGNUP)
    forged = client.post(SIGNUP, _form())

    assert page.status_code == 403
    assert "Sign-up is by invitation" in page.content.decode()
    assert forged.status_code == 403
    assert not User.objects.filter(email="dana@example.org").exists()


def test_an_invitation_link_opens_sign_up_with_the_invited_address(client, alice):
    invitation, code = services.invitation_create(created_by=alice, email="dana@example.org")
    url = f"{SIGNUP}?invite={code}"

    page = client.get(url)
    response = client.post(url, _form())

    assert page.context["form"]["email"].value() == "dana@example.org"
    assert response.status_code == 302
    assert User.objects.filter(email="dana@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.used_at is not None


def test_an_invitation_link_works_only_once(client, alice):
    _, code = services.invitation_create(created_by=alice, email="dana@example.org")
    client.post(f"{SIGNUP}?invite={code}", _form())
    client.logout()

    response = client.post(f"{SIGNUP}?invite={code}", _form(email="eve@example.org"))

    assert response.status_code == 403
    assert "This invitation link is not valid" in response.content.decode()
    assert not User.objects.filter(email="eve@example.org").exists()


def test_a_made_up_invitation_code_is_refused(client, alice):
    response = client.get(f"{SIGNUP}?invite=guessed")

    assert response.status_code == 403
    assert "This invitation link is not valid" in response.content.decode()


def test_closed_sign_up_refuses_everyone_even_with_an_invitation(client, settings, alice):
    settings.SIGNUP_POLICY = "closed"
    _, code = services.invitation_create(created_by=alice, email="dana@example.org")

    response = client.post(f"{SIGNUP}?invite={code}", _form())

    assert response.status_code == 403
    assert "Sign-up is closed" in response.content.decode()
    assert not User.objects.filter(email="dana@example.org").exists()
    assert Invitation.objects.get().used_at is None


def test_closed_sign_up_refuses_even_the_first_account(client, settings):
    settings.SIGNUP_POLICY = "closed"

    response = client.post(SIGNUP, _form())

    assert response.status_code == 403
    assert not get_user_model().objects.exists()


def test_two_different_passwords_are_refused_with_a_clear_message(client):
    response = client.post(SIGNUP, _form(again="plum orchard 43"))

    assert response.status_code == 200
    assert response.context["form"].errors["password2"] == [
        "The two passwords differ. Type the same one twice."
    ]
    assert not User.objects.exists()


def test_a_weak_password_is_refused_next_to_the_password_field(client):
    response = client.post(SIGNUP, _form(password="password"))

    assert "This password is too common." in response.context["form"].errors["password1"]
    assert not User.objects.exists()


def test_an_address_already_in_use_is_refused_next_to_the_email_field(client, settings, alice):
    settings.SIGNUP_POLICY = "open"

    response = client.post(SIGNUP, _form(email="ALICE@example.org"))

    assert response.context["form"].errors["email"] == [
        "An account with this email address already exists."
    ]
    assert User.objects.count() == 1


def test_every_field_is_required(client):
    response = client.post(SIGNUP, {})

    assert set(response.context["form"].errors) == {"email", "name", "password1", "password2"}


def test_a_signed_in_user_is_sent_to_the_dashboard(client, alice):
    client.force_login(alice)

    response = client.get(SIGNUP)

    assert response.status_code == 302
    assert response.url == reverse("interactions:dashboard")
