"""Job preferences: the service, the page, and the link from the settings page."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from curbside.opportunities.models import JobPreferences
from curbside.opportunities.services import preferences as services

pytestmark = pytest.mark.django_db

URL = reverse("opportunities:preferences")


def test_preferences_default_to_none_without_being_stored(alice):
    preferences = services.job_preferences_get_or_default(owner=alice)
    assert preferences.pk is None
    assert preferences.specialties == []
    assert not JobPreferences.objects.exists()


def test_updating_stores_one_row_with_known_values_in_vocabulary_order(alice):
    services.job_preferences_update(
        owner=alice,
        specialties=["hospitalist", "cardiology", "cardiology"],
        states=["co", "WY"],
        zip_code=" 80202 ",
        radius_miles=40,
        salary_floor=Decimal(300000),
        visa_needed="H-1B",
        must_haves="no OB call\n4-day week\n",
    )
    services.job_preferences_update(owner=alice, specialties=["cardiology", "hospitalist"])
    stored = JobPreferences.objects.get(owner=alice)
    assert stored.specialties == ["cardiology", "hospitalist"]
    assert stored.states == []  # the second update replaced everything
    assert JobPreferences.objects.filter(owner=alice).count() == 1


def test_updating_keeps_the_comparison_weights(alice):
    services.comparison_weights_set(owner=alice, weights={"pay": 5})
    services.job_preferences_update(owner=alice, states=["CO"], zip_code="80202")
    stored = JobPreferences.objects.get(owner=alice)
    assert stored.comparison_weights["pay"] == 5
    assert stored.states == ["CO"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"specialties": ["astrology"]}, "specialties"),
        ({"practice_settings": ["spaceship"]}, "practice_settings"),
        ({"states": ["XX"]}, "states"),
        ({"zip_code": "00000"}, "zip_code"),
        ({"radius_miles": 25}, "radius_miles"),
        ({"zip_code": "80202", "radius_miles": 0}, "radius_miles"),
        ({"salary_floor": Decimal(-1)}, "salary_floor"),
        ({"visa_needed": "Green card"}, "visa_needed"),
    ],
)
def test_values_outside_the_vocabularies_are_refused_and_nothing_is_stored(alice, changes, field):
    with pytest.raises(ValidationError) as caught:
        services.job_preferences_update(owner=alice, **changes)
    assert field in caught.value.message_dict
    assert not JobPreferences.objects.filter(owner=alice).exists()


def test_the_page_shows_the_stored_preferences(client, alice):
    services.job_preferences_update(
        owner=alice, specialties=["cardiology"], zip_code="80202", radius_miles=35
    )
    client.force_login(alice)
    response = client.get(URL)
    form = response.context["form"]
    assert form.initial["specialties"] == ["cardiology"]
    assert form.initial["radius_miles"] == 35
    assert b'<option value="cardiology" selected>' in response.content


def test_posting_the_form_saves_the_preferences_and_comes_back(client, alice, bob):
    client.force_login(alice)
    response = client.post(
        URL,
        {
            "specialties": ["cardiology", "internal_medicine"],
            "practice_settings": ["academic"],
            "position_types": ["full_time"],
            "states": ["CO", "NM"],
            "zip_code": "80202",
            "radius_miles": "60",
            "salary_floor": "350000",
            "salary_floor_unit": "year",
            "visa_needed": "J-1 waiver",
            "must_haves": "no OB call",
        },
    )
    assert response.status_code == 302
    assert response.url == URL
    stored = JobPreferences.objects.get(owner=alice)
    assert stored.specialties == ["cardiology", "internal_medicine"]
    assert stored.states == ["CO", "NM"]
    assert stored.radius_miles == 60
    assert stored.salary_floor == Decimal(350000)
    assert stored.visa_needed == "J-1 waiver"
    assert not JobPreferences.objects.filter(owner=bob).exists()


def test_an_unknown_zip_code_is_shown_on_its_field(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"zip_code": "00000", "salary_floor_unit": "year"})
    assert response.status_code == 200
    assert "zip_code" in response.context["form"].errors
    assert not JobPreferences.objects.exists()


def test_the_settings_page_links_to_the_job_preferences(client, alice):
    client.force_login(alice)
    response = client.get(reverse("accounts:settings"))
    assert f'href="{URL}"'.encode() in response.content


def test_the_page_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response.url
