import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # the conftest users' password
NEW_PASSWORD = "new plum orchard 42"


def test_changing_the_password_needs_the_old_one(client, alice):
    client.force_login(alice)
    url = reverse("accounts:password_change")

    refused = client.post(
        url,
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    accepted = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert "old_password" in refused.context["form"].errors
    assert accepted.url == reverse("accounts:password_change_done")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    # The session survives the change: the user stays logged in.
    assert client.get(reverse("accounts:password_change_done")).status_code == 200


def test_changing_the_password_requires_login(client):
    response = client.get(reverse("accounts:password_change"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_password_reset_link_arrives_by_email_and_sets_a_new_password(client, alice):
    response = client.post(reverse("accounts:password_reset"), {"email": "Alice@example.org"})

    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert message.subject == "Reset your Curbside password"
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", str(message.body))
    assert link is not None

    form_page = client.get(link[1], follow=True)
    assert form_page.context["validlink"] is True
    set_password = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert set_password.url == reverse("accounts:password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_a_password_reset_link_works_once(client, alice):
    client.post(reverse("accounts:password_reset"), {"email": alice.email})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    form_page = client.get(link[1], follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    again = client.get(link[1], follow=True)

    assert again.context["validlink"] is False
    assert "This link does not work" in again.content.decode()


def test_a_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, alice):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True
    )

    assert mail.outbox == []
    assert "If an account uses that address" in response.content.decode()
