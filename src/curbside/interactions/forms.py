"""Forms of the interactions pages. Every choice of a person is limited to the owner's contacts."""

from collections.abc import Collection
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from curbside.network.models import Contact

from . import selectors, services
from .models import FollowUp, Interaction

if TYPE_CHECKING:
    from curbside.accounts.models import User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class ContactChoiceMixin:
    """Shows a contact with what tells two namesakes apart."""

    def label_from_instance(self, obj: Contact) -> str:
        details = [d for d in (obj.specialty, obj.location) if d]
        return " · ".join([obj.display_name, *details])


class ContactChoiceField(ContactChoiceMixin, forms.ModelChoiceField[Contact]):
    pass


class ContactMultipleChoiceField(ContactChoiceMixin, forms.ModelMultipleChoiceField[Contact]):
    pass


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class InteractionForm(forms.Form):
    contacts = ContactMultipleChoiceField(
        queryset=Contact.objects.none(),
        label="People",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    happened_on = forms.DateField(label="Date", widget=DateInput())
    kind = forms.ChoiceField(label="Kind", choices=Interaction.Kind.choices)
    summary = forms.CharField(
        label="Summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you talked about, what you promised, what to remember.",
    )
    sentiment = forms.ChoiceField(
        label="How did it go?",
        choices=Interaction.Sentiment.choices,
        initial=Interaction.Sentiment.NEUTRAL,
        widget=forms.RadioSelect,
    )
    # The explanation sits under the checkbox in the template (id "owe-thanks-help"): a
    # checkbox field lays its help text out on the same line as the label.
    owe_thanks = forms.BooleanField(
        label="Owe a thank-you",
        required=False,
        widget=forms.CheckboxInput(attrs={"aria-describedby": "owe-thanks-help"}),
    )

    def __init__(
        self,
        *args: Any,
        owner: "User",
        contact_query: str = "",
        chosen_ids: Collection[int] = (),
        with_owe_thanks: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        contacts = cast(ContactMultipleChoiceField, self.fields["contacts"])
        contacts.help_text = format_html(
            "Choose one or more; on a computer, hold Ctrl (⌘ on a Mac) to pick several. "
            'Someone new? <a href="{}">Quick add</a> them first.',
            reverse("network:contact_quick_add"),
        )
        contacts.queryset = selectors.contact_choices(
            owner=owner, query=contact_query, chosen_ids=chosen_ids
        )
        if not with_owe_thanks:
            del self.fields["owe_thanks"]

    @staticmethod
    def initial_for(*, today: date, kind: str, contact_ids: Collection[int]) -> dict[str, Any]:
        """A new interaction: today, and a thank-you owed when the kind usually earns one."""
        return {
            "happened_on": today,
            "kind": kind,
            "contacts": list(contact_ids),
            "owe_thanks": kind in services.THANKS_AFTER,
        }

    @staticmethod
    def initial_from(interaction: Interaction, contact_ids: Collection[int]) -> dict[str, Any]:
        """An interaction as it is, with the people chosen so far."""
        return {
            "contacts": list(contact_ids),
            "happened_on": interaction.happened_on,
            "kind": interaction.kind,
            "summary": interaction.summary,
            "sentiment": interaction.sentiment,
        }


class InteractionFilterForm(forms.Form):
    q = forms.CharField(
        label="Person",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Name or organization"}),
    )
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *Interaction.Kind.choices]
    )
    since = forms.DateField(label="From", required=False, widget=DateInput())
    until = forms.DateField(label="To", required=False, widget=DateInput())
    contact = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class FollowUpForm(forms.Form):
    contact = ContactChoiceField(
        queryset=Contact.objects.none(), label="Person", empty_label="— choose a person —"
    )
    kind = forms.ChoiceField(
        label="Kind", choices=FollowUp.Kind.choices, initial=FollowUp.Kind.FOLLOW_UP
    )
    due_on = forms.DateField(label="Due", widget=DateInput())
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=300,
        help_text="What to do, e.g. “Send the paper we discussed”.",
    )

    def __init__(self, *args: Any, owner: "User", with_contact: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_contact:
            chosen = [self.initial["contact"]] if self.initial.get("contact") else []
            contact = cast(ContactChoiceField, self.fields["contact"])
            contact.queryset = selectors.contact_choices(owner=owner, chosen_ids=chosen)
        else:
            del self.fields["contact"]


class FollowUpFilterForm(forms.Form):
    STATUSES = (
        ("pending", "To do"),
        ("done", "Done"),
        ("dismissed", "Dismissed"),
        ("all", "All"),
    )

    status = forms.ChoiceField(label="Status", required=False, choices=STATUSES)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *FollowUp.Kind.choices]
    )

    def selector_status(self) -> str:
        """The selector's status: "pending" (open or snoozed), one status, or "" for all."""
        status = self.cleaned_data.get("status") or "pending"
        return "" if status == "all" else status


class SnoozeForm(forms.Form):
    until = forms.DateField(required=False)
    days = forms.IntegerField(required=False, min_value=1, max_value=365)

    DEFAULT_DAYS = 3

    def until_date(self, due_on: date) -> date:
        """The day the follow-up comes back: `until`, or `days` (3 by default) from today, or
        from its due date when that is still ahead, so snoozing never brings it closer."""
        until: date | None = self.cleaned_data.get("until")
        if until is not None:
            return until
        days = self.cleaned_data.get("days") or self.DEFAULT_DAYS
        return max(timezone.localdate(), due_on) + timedelta(days=days)
