"""Forms of the introduction pages: whom to reach, and the request marked sent.

Ids are only parsed here; the views resolve them within the owner's rows (404 otherwise).
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from curbside.interactions.models import Interaction

from .selectors.paths import MAX_K

SENT_BY = [
    (Interaction.Kind.EMAIL.value, "Email"),
    (Interaction.Kind.MESSAGE.value, "Message"),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class ReachForm(forms.Form):
    """The query string of "How do I reach…": a search, or a target and how many chains."""

    q = forms.CharField(label="Person or organization", required=False, max_length=200)
    contact = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    organization = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    decision_makers = forms.BooleanField(label="Decision makers only", required=False)
    k = forms.IntegerField(label="Chains", required=False, min_value=1, max_value=MAX_K, initial=3)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("contact") and data.get("organization"):
            raise ValidationError("Reach a person or an organization, not both at once.")
        if not data.get("k"):
            data["k"] = 3
        return data


class IntroRequestForm(forms.Form):
    """The draft as the user edited it, and how and when it went out."""

    message = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=5000,
        help_text="Edit it as you like; it is kept with the interaction when you mark it sent.",
    )
    kind = forms.ChoiceField(label="Sent by", choices=SENT_BY, initial=SENT_BY[0][0])
    sent_on = forms.DateField(label="Sent on", widget=DateInput())


def chain_ids(value: str) -> list[int] | None:
    """ "12,34,56" → [12, 34, 56]; None when anything in it is not an id."""
    parts = value.split(",") if value else []
    if not parts or not all(part.isdecimal() and len(part) < 19 for part in parts):
        return None
    return [int(part) for part in parts]
