"""Writes to the physician's job preferences, which the fit score and comparisons read."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import fit
from ..classify import POSITION_TYPES, PRACTICE_SETTINGS, SPECIALTIES
from ..geo import US_STATES, zip_to_point
from ..models import JobPreferences

if TYPE_CHECKING:
    from curbside.accounts.models import User

VOCABULARIES: dict[str, Mapping[str, str]] = {
    "specialties": SPECIALTIES,
    "practice_settings": PRACTICE_SETTINGS,
    "position_types": POSITION_TYPES,
    "states": US_STATES,
}


def job_preferences_get_or_default(*, owner: "User") -> JobPreferences:
    """The owner's preferences, or unsaved empty ones when they never set any."""
    found = JobPreferences.objects.filter(owner=owner).first()
    return found if found is not None else JobPreferences(owner=owner)


def _values(field: str, values: Iterable[str]) -> list[str]:
    """Known vocabulary values, each once, in the vocabulary's order."""
    vocabulary = VOCABULARIES[field]
    chosen = set(values)
    unknown = chosen - set(vocabulary)
    if unknown:
        raise ValidationError({field: f"Unknown choice: {', '.join(sorted(unknown))}."})
    return [value for value in vocabulary if value in chosen]


@transaction.atomic
def job_preferences_update(
    *,
    owner: "User",
    specialties: Iterable[str] = (),
    practice_settings: Iterable[str] = (),
    position_types: Iterable[str] = (),
    states: Iterable[str] = (),
    zip_code: str = "",
    radius_miles: int | None = None,
    salary_floor: Decimal | None = None,
    salary_floor_unit: str = "year",
    visa_needed: str = "",
    must_haves: str = "",
) -> JobPreferences:
    """Replace the owner's preferences (the comparison weights stay as they are)."""
    preferences = JobPreferences.objects.select_for_update().filter(owner=owner).first()
    if preferences is None:
        preferences = JobPreferences(owner=owner)
    preferences.specialties = _values("specialties", specialties)
    preferences.practice_settings = _values("practice_settings", practice_settings)
    preferences.position_types = _values("position_types", position_types)
    preferences.states = _values("states", (state.upper() for state in states))
    preferences.zip_code = zip_code.strip()
    if preferences.zip_code and zip_to_point(preferences.zip_code) is None:
        raise ValidationError({"zip_code": "Unknown ZIP code: give a five-digit US ZIP code."})
    if radius_miles is not None and not preferences.zip_code:
        raise ValidationError({"radius_miles": "Give the ZIP code the distance is measured from."})
    preferences.radius_miles = radius_miles
    preferences.salary_floor = salary_floor
    preferences.salary_floor_unit = salary_floor_unit or "year"
    preferences.visa_needed = visa_needed
    preferences.must_haves = must_haves.strip()
    preferences.full_clean(exclude=["owner"], validate_unique=False)
    preferences.save()
    return preferences


@transaction.atomic
def comparison_weights_set(*, owner: "User", weights: Mapping[str, object]) -> JobPreferences:
    """Store how much each criterion weighs (0–5) in the owner's comparisons."""
    preferences = JobPreferences.objects.select_for_update().filter(owner=owner).first()
    if preferences is None:
        preferences = JobPreferences(owner=owner)
    preferences.comparison_weights = fit.comparison_weights(weights)
    preferences.full_clean(exclude=["owner"], validate_unique=False)
    preferences.save()
    return preferences
