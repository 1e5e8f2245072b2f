"""Forms of the pipeline pages. Every choice of an organization or a person is the owner's."""

from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms

from curbside.interactions.forms import ContactChoiceField, ContactMultipleChoiceField, DateInput
from curbside.interactions.models import Interaction
from curbside.network.models import Contact, Organization
from curbside.network.selectors import contact_choices, organization_choices

from ..models import (
    POSITION_CHOICES,
    SETTING_CHOICES,
    SPECIALTY_CHOICES,
    VISA_CHOICES,
    DocumentSent,
    Opportunity,
    OpportunityPerson,
)

if TYPE_CHECKING:
    from curbside.accounts.models import User


class OpportunityForm(forms.ModelForm[Opportunity]):
    """An opportunity's own fields; the stage moves through the board or the stage form."""

    organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        empty_label="— none or new —",
        help_text="The group, hospital or institution offering it.",
    )
    organization_name = forms.CharField(
        label="New organization",
        required=False,
        max_length=200,
        help_text="Not among your organizations yet? Type its name and it is added.",
    )
    referrer = ContactChoiceField(
        queryset=Contact.objects.none(),
        required=False,
        label="Who told you about it",
        empty_label="— nobody —",
        help_text="For an opportunity you heard of through your network.",
    )
    url = forms.URLField(label="URL", required=False, assume_scheme="https", max_length=1000)

    class Meta:
        model = Opportunity
        fields = (
            "title",
            "organization",
            "organization_name",
            "source",
            "source_name",
            "referrer",
            "specialty",
            "practice_setting",
            "position_type",
            "city",
            "state",
            "zip_code",
            "salary_min",
            "salary_max",
            "salary_unit",
            "call_schedule",
            "loan_repayment",
            "visa_sponsorship",
            "start_on",
            "deadline_on",
            "url",
            "notes",
        )
        widgets: ClassVar[dict[str, Any]] = {
            "start_on": DateInput(),
            "deadline_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "source": forms.RadioSelect,
        }
        help_texts: ClassVar[dict[str, str]] = {
            "deadline_on": "Becomes a follow-up on your list, due that day.",
        }

    def __init__(self, *args: Any, owner: "User", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = cast(forms.ModelChoiceField[Organization], self.fields["organization"])
        organization.queryset = organization_choices(owner=owner)
        referrer = cast(ContactChoiceField, self.fields["referrer"])
        referrer.queryset = contact_choices(owner=owner)
        vocabularies = {
            "specialty": SPECIALTY_CHOICES,
            "practice_setting": SETTING_CHOICES,
            "position_type": POSITION_CHOICES,
            "visa_sponsorship": VISA_CHOICES,
        }
        for name, choices in vocabularies.items():
            cast(forms.ChoiceField, self.fields[name]).choices = [("", "— not said —"), *choices]


class OpportunityFilterForm(forms.Form):
    q = forms.CharField(
        label="Words",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Title, place, group…"}),
    )
    stage = forms.ChoiceField(
        label="Stage", required=False, choices=[("", "Any stage"), *Opportunity.Stage.choices]
    )
    source = forms.ChoiceField(
        label="Source", required=False, choices=[("", "Any source"), *Opportunity.Source.choices]
    )


class StageForm(forms.Form):
    stage = forms.ChoiceField(label="Stage", choices=Opportunity.Stage.choices)
    on = forms.DateField(label="On", required=False, widget=DateInput(), help_text="Empty: today.")
    note = forms.CharField(label="Note", required=False, max_length=300)


class PersonForm(forms.Form):
    contact = ContactChoiceField(
        queryset=Contact.objects.none(), label="Person", empty_label="— choose a person —"
    )
    role = forms.ChoiceField(label="Role", choices=OpportunityPerson.Role.choices)
    note = forms.CharField(label="Note", required=False, max_length=200)

    def __init__(self, *args: Any, owner: "User", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contact = cast(ContactChoiceField, self.fields["contact"])
        contact.queryset = contact_choices(owner=owner)


class InterviewForm(forms.Form):
    interviewers = ContactMultipleChoiceField(
        queryset=Contact.objects.none(),
        label="Interviewers",
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Each is owed a thank-you tomorrow. Hold Ctrl (⌘ on a Mac) to pick several.",
    )
    happened_on = forms.DateField(label="Date", widget=DateInput())
    summary = forms.CharField(
        label="Summary", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    sentiment = forms.ChoiceField(
        label="How did it go?",
        choices=Interaction.Sentiment.choices,
        initial=Interaction.Sentiment.NEUTRAL,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, owner: "User", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        interviewers = cast(ContactMultipleChoiceField, self.fields["interviewers"])
        interviewers.queryset = contact_choices(owner=owner)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="Document", choices=DocumentSent.Kind.choices)
    version = forms.CharField(label="Version", max_length=120, help_text="CV 2026-10 (academic) …")
    sent_on = forms.DateField(label="Sent on", widget=DateInput())
    recipients = ContactMultipleChoiceField(
        queryset=Contact.objects.none(),
        label="To",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    sent_to = forms.CharField(
        label="Also to",
        required=False,
        max_length=200,
        help_text="Anyone not in your contacts (HR portal …).",
    )
    note = forms.CharField(label="Note", required=False, max_length=300)

    def __init__(self, *args: Any, owner: "User", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recipients = cast(ContactMultipleChoiceField, self.fields["recipients"])
        recipients.queryset = contact_choices(owner=owner)
