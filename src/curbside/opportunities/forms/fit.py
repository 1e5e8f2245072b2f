"""Forms of the job preferences and the comparison weights."""

from decimal import Decimal
from typing import Any

from django import forms

from .. import fit
from ..classify import POSITION_TYPES, PRACTICE_SETTINGS, SPECIALTIES
from ..geo import US_STATES
from ..models import SALARY_UNIT_CHOICES, VISA_CHOICES, JobPreferences


class PreferencesForm(forms.Form):
    specialties = forms.MultipleChoiceField(
        label="Specialties",
        choices=list(SPECIALTIES.items()),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Leave empty if any will do. Ctrl- or ⌘-click to choose several.",
    )
    practice_settings = forms.MultipleChoiceField(
        label="Practice settings",
        choices=list(PRACTICE_SETTINGS.items()),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": len(PRACTICE_SETTINGS)}),
    )
    position_types = forms.MultipleChoiceField(
        label="Position types",
        choices=list(POSITION_TYPES.items()),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": len(POSITION_TYPES)}),
    )
    states = forms.MultipleChoiceField(
        label="States",
        choices=list(US_STATES.items()),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="A position in one of these states fits, wherever it is in the state.",
    )
    zip_code = forms.CharField(
        label="ZIP code",
        max_length=10,
        required=False,
        help_text="And positions within the distance below of this ZIP code.",
    )
    radius_miles = forms.IntegerField(
        label="Within (miles)",
        min_value=1,
        max_value=3000,
        required=False,
        help_text=f"{fit.DEFAULT_RADIUS_MILES} miles if left empty.",
    )
    salary_floor = forms.DecimalField(
        label="Salary floor", min_value=0, max_digits=12, decimal_places=2, required=False
    )
    salary_floor_unit = forms.ChoiceField(
        label="Salary floor per", choices=SALARY_UNIT_CHOICES, initial="year"
    )
    visa_needed = forms.ChoiceField(
        label="Visa sponsorship needed",
        choices=[("", "None needed"), *VISA_CHOICES],
        required=False,
    )
    must_haves = forms.CharField(
        label="Must-haves",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: “no OB call”, “4-day week”. Shown when you compare.",
    )

    @classmethod
    def for_preferences(cls, preferences: JobPreferences) -> "PreferencesForm":
        initial: dict[str, Any] = {
            name: getattr(preferences, name)
            for name in cls.base_fields
            if name != "radius_miles" or preferences.radius_miles
        }
        floor = preferences.salary_floor
        if isinstance(floor, Decimal) and floor == floor.to_integral_value():
            initial["salary_floor"] = int(floor)  # "400000", not "400000.00"
        return cls(initial=initial)


WEIGHT_CHOICES = [
    (
        weight,
        {0: "0 · ignore", fit.MAX_WEIGHT: f"{fit.MAX_WEIGHT} · matters most"}.get(
            weight, str(weight)
        ),
    )
    for weight in range(fit.MAX_WEIGHT + 1)
]


class ComparisonWeightsForm(forms.Form):
    """A weight 0–5 for each criterion of the comparison."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in fit.CRITERIA:
            self.fields[name] = forms.TypedChoiceField(
                label=fit.CRITERION_LABELS[name],
                choices=WEIGHT_CHOICES,
                coerce=int,
                initial=fit.DEFAULT_WEIGHT,
            )
