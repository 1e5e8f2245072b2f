import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
PASSWORD = "correct horse battery"  # the conftest users' password


def _log_in(client, email, password, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def test_logging_in_with_email_and_password_lands_on_the_dashboard(client, alice):
    response = _log_in(client, "Alice@Example.org ", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("interactions:dashboard")
    assert client.get(reverse("interactions:dashboard")).context["user"] == alice


def test_logging_in_returns_to_the_page_asked_for(client, alice):
    response = client.post(
        f"{LOGIN}?next=/accounts/tokens/",
        {"username": alice.email, "password": PASSWORD, "next": "/accounts/tokens/"},
    )

    assert response.url == "/accounts/tokens/"


def test_a_wrong_password_is_refused_with_a_clear_message(client, alice):
    response = _log_in(client, alice.email, "wrong")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "That email address and password do not match an account."
    ]
    assert "_auth_user_id" not in client.session


def test_the_login_form_is_labelled_email_and_password(client):
    page = client.get(LOGIN).content.decode()

    assert '<label for="id_username">Email' in page
    assert '<label for="id_password">Password' in page
    assert ">Log in</button>" in page


def test_the_login_page_offers_sign_up_only_while_it_is_open(client, settings, alice):
    settings.SIGNUP_POLICY = "open"
    open_page = client.get(LOGIN).content.decode()
    settings.SIGNUP_POLICY = "invite"
    invite_page = client.get(LOGIN).content.decode()

    assert reverse("accounts:signup") in open_page
    assert reverse("accounts:signup") not in invite_page
    assert "by invitation" in invite_page


def test_logging_out_takes_a_post(client, alice):
    client.force_login(alice)

    refused = client.get(reverse("accounts:logout"))
    response = client.post(reverse("accounts:logout"), follow=True)

    assert refused.status_code == 405
    assert response.redirect_chain[-1][0] == LOGIN
    assert "You are logged out." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account_from_that_address(client, alice):
    for _ in range(5):
        _log_in(client, alice.email, "wrong")

    response = _log_in(client, alice.email, PASSWORD)

    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not_lock_the_account(client, alice):
    for _ in range(4):
        _log_in(client, alice.email, "wrong")

    response = _log_in(client, alice.email, PASSWORD)

    assert response.status_code == 302


def test_a_lockout_does_not_lock_another_account_from_the_same_address(client, alice, bob):
    for _ in range(5):
        _log_in(client, alice.email, "wrong")

    response = _log_in(client, bob.email, PASSWORD)

    assert response.status_code == 302
    assert client.get(reverse("interactions:dashboard")).context["user"] == bob


def test_a_lockout_does_not_lock_the_account_from_another_address(client, alice):
    for _ in range(5):
        _log_in(client, alice.email, "wrong", REMOTE_ADDR="203.0.113.7")

    response = _log_in(client, alice.email, PASSWORD, REMOTE_ADDR="198.51.100.2")

    assert response.status_code == 302


def test_the_lockout_counts_an_address_typed_in_capitals_as_the_same_account(client, alice):
    for _ in range(5):
        _log_in(client, "ALICE@example.org", "wrong")

    response = _log_in(client, alice.email, PASSWORD)

    assert response.status_code == 429
