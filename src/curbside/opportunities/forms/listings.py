"""The listing search form: it renders the filters; `search.params` reads them.

Every field is read by `params_from_query`, the one reader the API and saved searches use
too, so the page can never understand a query differently from them. The form only shows
the values and puts that reader's messages beside the fields they concern.
"""

from typing import Any

from django import forms

from ..classify import POSITION_TYPES, PRACTICE_SETTINGS, SPECIALTIES
from ..search.params import SORTS, ListingSearchParams, params_from_query

RADIUS_CHOICES = [("10", "10 miles"), ("25", "25 miles"), ("50", "50 miles"), ("100", "100 miles"),
                  ("250", "250 miles")]  # fmt: skip


def _any(label: str, vocabulary: dict[str, str]) -> list[tuple[str, str]]:
    return [("", label), *sorted(vocabulary.items(), key=lambda item: item[1])]


class ListingSearchForm(forms.Form):
    q = forms.CharField(
        label="Words",
        required=False,
        help_text='All words must appear; "quote a phrase", end a word with * for a prefix.',
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": 'nocturnist "loan repayment" cardio*'}
        ),
    )
    near = forms.CharField(
        label="Near",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "ZIP code or City, ST"}),
    )
    radius_miles = forms.CharField(
        label="Within",
        required=False,
        widget=forms.Select(choices=[("", "50 miles"), *RADIUS_CHOICES]),
    )
    specialty = forms.CharField(
        label="Specialty",
        required=False,
        widget=forms.Select(choices=_any("Any specialty", SPECIALTIES)),
    )
    practice_setting = forms.CharField(
        label="Practice setting",
        required=False,
        widget=forms.Select(choices=_any("Any setting", PRACTICE_SETTINGS)),
    )
    position_type = forms.CharField(
        label="Position type",
        required=False,
        widget=forms.Select(choices=_any("Any position", POSITION_TYPES)),
    )
    salary_floor = forms.CharField(
        label="Pay at least, a year",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "250000"}),
    )
    posted_since = forms.CharField(
        label="Posted since", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    visa = forms.BooleanField(label="Sponsors a visa", required=False)
    sort = forms.CharField(
        label="Sort by", required=False, widget=forms.Select(choices=list(SORTS.items()))
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.search_params = ListingSearchParams()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.search_params, problems = params_from_query(self.data)
        for name, message in problems.items():
            self.add_error(name if name in self.fields else None, message)
        return cleaned

    def params(self) -> ListingSearchParams:
        """What to search for: every value the reader understood (the rest is reported)."""
        self.is_valid()
        return self.search_params
