import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SETTINGS = reverse("accounts:settings")


def test_the_settings_page_shows_the_current_name_and_time_zone(client, alice):
    client.force_login(alice)

    form = client.get(SETTINGS).context["form"]

    assert form["name"].value() == "Alice Adams"
    assert form["time_zone"].value() == "America/New_York"


def test_saving_settings_changes_the_name_and_time_zone(client, alice):
    client.force_login(alice)

    response = client.post(
        SETTINGS, {"name": "Alice B. Adams", "time_zone": "Europe/Paris"}, follow=True
    )

    alice.refresh_from_db()
    assert (alice.first_name, alice.last_name) == ("Alice B.", "Adams")
    assert alice.time_zone == "Europe/Paris"
    assert "Settings saved." in response.content.decode()


def test_an_unknown_time_zone_is_refused(client, alice):
    client.force_login(alice)

    response = client.post(SETTINGS, {"name": "Alice Adams", "time_zone": "Mars/Olympus"})

    assert "time_zone" in response.context["form"].errors
    alice.refresh_from_db()
    assert alice.time_zone == "America/New_York"


def test_the_settings_page_requires_login(client):
    response = client.get(SETTINGS)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_only_administrators_see_the_invitations_link(client, alice, bob):
    client.force_login(alice)
    admin_page = client.get(SETTINGS).content.decode()
    client.force_login(bob)
    user_page = client.get(SETTINGS).content.decode()

    assert reverse("accounts:invitation_list") in admin_page
    assert reverse("accounts:invitation_list") not in user_page
