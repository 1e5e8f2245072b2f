"""Forms of the network pages. They check the shape of input; services apply the rules.

Every form that offers the owner's rows takes `owner=` and scopes its querysets to it, so a
forged id in a POST body is an invalid choice, never someone else's row.
"""

import re
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from . import selectors
from .contactinfo import format_phone
from .models import Affiliation, Contact, Organization, Tie

if TYPE_CHECKING:
    from curbside.accounts.models import User

PHOTO_MAX_BYTES = 5 * 1024 * 1024
# Pillow's format name → the file extension the photo is stored (and later served) under.
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
STRENGTH_CHOICES = [
    (0, "Not set"),
    (1, "1 — met once"),
    (2, "2 — acquaintance"),
    (3, "3 — know each other"),
    (4, "4 — close"),
    (5, "5 — would vouch for me"),
]
TIE_STRENGTH_CHOICES = STRENGTH_CHOICES[1:]
CONTACT_SORT_CHOICES = [
    ("name", "Name"),
    ("last_contact", "Last contact, oldest first"),
    ("-last_contact", "Last contact, newest first"),
    ("strength", "Strength"),
    ("recent", "Recently added"),
]


class PhotoField(forms.ImageField):
    """An image checked by what Pillow reads, not by its name: the form renames it anyway."""

    default_validators = []


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def split_emails(text: str) -> list[str]:
    """Emails one per line; commas and semicolons between them work too."""
    return [part for part in re.split(r"[\s,;]+", text) if part]


def split_tags(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def year_field(label: str, *, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=1900, max_value=2100, help_text=help_text
    )


def _contact_choice(
    owner: "User", *, label: str, exclude: Contact | None = None, required: bool = False
) -> forms.ModelChoiceField[Contact]:
    contacts = selectors.contact_choices(owner=owner)
    if exclude is not None and exclude.pk:
        contacts = contacts.exclude(pk=exclude.pk)
    return forms.ModelChoiceField(
        queryset=contacts, required=required, label=label, empty_label="— choose a person —"
    )


def form_errors_from(
    form: forms.BaseForm, error: ValidationError, aliases: dict[str, str] | None = None
) -> None:
    """Put a service's ValidationError onto the form: on its field when the form has one
    (after renaming with `aliases`), otherwise above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        name = (aliases or {}).get(field, field)
        form.add_error(name if name in form.fields else None, messages)


class ContactForm(forms.Form):
    """A contact with everything the full form edits; `contact` fills it in for editing."""

    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="As you would write it: “Dr. Jane A. Roe, MD, FACS”. "
        "Honorific, first, middle and last name and credentials are kept apart.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}),
    )
    credentials = forms.CharField(
        label="Credentials", max_length=120, required=False, help_text="MD, DO, MBA, FACS …"
    )
    specialty = forms.CharField(label="Specialty", max_length=120, required=False)
    subspecialty = forms.CharField(label="Subspecialty", max_length=120, required=False)
    npi = forms.CharField(
        label="NPI",
        max_length=10,
        required=False,
        help_text="The 10-digit National Provider Identifier.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    emails = forms.CharField(
        label="Emails",
        required=False,
        help_text="One per line; the first is the main one.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    phones = forms.CharField(
        label="Phones",
        required=False,
        help_text="One per line; numbers without a country code are read as North American.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    city = forms.CharField(label="City", max_length=100, required=False)
    state = forms.CharField(label="State", max_length=100, required=False)
    zip_code = forms.CharField(label="ZIP code", max_length=12, required=False)
    country = forms.CharField(label="Country", max_length=100, required=False)
    research_interests = forms.CharField(
        label="Research interests", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    procedures = forms.CharField(
        label="Procedures", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    how_we_met = forms.CharField(
        label="How we met", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    tags = forms.CharField(
        label="Tags", required=False, help_text="Separated by commas: mentor, Denver, ASCO 2026"
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    cadence_days = forms.IntegerField(
        label="Keep in touch every (days)",
        required=False,
        min_value=1,
        max_value=3650,
        help_text="Leave empty for no keep-in-touch reminders.",
    )
    strength = forms.TypedChoiceField(
        label="Relationship strength",
        choices=STRENGTH_CHOICES,
        coerce=int,
        initial=0,
        required=False,
    )
    photo = PhotoField(
        label="Photo", required=False, help_text="JPEG, PNG, WebP or GIF, up to 5 MB."
    )

    def __init__(self, *args: Any, owner: "User", contact: Contact | None = None, **kwargs: Any):
        if contact is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(contact)
        super().__init__(*args, **kwargs)
        self.contact = contact
        introduced_by = _contact_choice(owner, label="Introduced by", exclude=contact)
        introduced_by.empty_label = "— nobody —"
        self.fields["introduced_by"] = introduced_by
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp,image/gif"
        if contact is not None and contact.is_self:
            # The owner's own profile: strength and introductions describe other people.
            for name in ("strength", "introduced_by", "how_we_met", "cadence_days"):
                del self.fields[name]

    @staticmethod
    def initial_for(contact: Contact) -> dict[str, Any]:
        """The form's values for an existing contact (emails, phones and tags prefetched)."""
        name = " ".join(p for p in (contact.honorific, contact.full_name) if p)
        strength: int = getattr(contact, "strength", 0)
        return {
            "name": name,
            "credentials": contact.credentials,
            "specialty": contact.specialty,
            "subspecialty": contact.subspecialty,
            "npi": contact.npi,
            "emails": "\n".join(e.email for e in contact.emails.all()),
            "phones": "\n".join(format_phone(p.number) for p in contact.phones.all()),
            "city": contact.city,
            "state": contact.state,
            "zip_code": contact.zip_code,
            "country": contact.country,
            "research_interests": contact.research_interests,
            "procedures": contact.procedures,
            "how_we_met": contact.how_we_met,
            "introduced_by": contact.introduced_by_id,
            "tags": ", ".join(t.name for t in contact.tags.all()),
            "notes": contact.notes,
            "cadence_days": contact.cadence_days,
            "strength": strength,
            "photo": contact.photo,
        }

    def clean_photo(self) -> UploadedFile | bool | None:
        photo = self.cleaned_data.get("photo")
        if not isinstance(photo, UploadedFile):
            return photo  # None: unchanged; False: "Clear" was ticked
        if photo.size is not None and photo.size > PHOTO_MAX_BYTES:
            raise ValidationError("The photo is larger than 5 MB.")
        image_format = getattr(getattr(photo, "image", None), "format", None)
        extension = PHOTO_FORMATS.get(image_format or "")
        if extension is None:
            raise ValidationError("Upload a JPEG, PNG, WebP or GIF image.")
        # A name of our own: the extension then tells the truth when the photo is served.
        photo.name = f"{uuid.uuid4().hex}.{extension}"
        return photo

    def service_fields(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments for contact_create / contact_update."""
        data = self.cleaned_data
        fields: dict[str, Any] = {
            name: data[name]
            for name in (
                "credentials",
                "specialty",
                "subspecialty",
                "npi",
                "city",
                "state",
                "zip_code",
                "country",
                "research_interests",
                "procedures",
                "how_we_met",
                "notes",
                "cadence_days",
                "introduced_by",
            )
            if name in self.fields
        }
        fields["emails"] = split_emails(data["emails"])
        fields["phones"] = split_lines(data["phones"])
        fields["tags"] = split_tags(data["tags"])
        if data.get("photo") is False:
            fields["photo"] = ""
        elif isinstance(data.get("photo"), UploadedFile):
            fields["photo"] = data["photo"]
        return fields

    @property
    def strength_changed(self) -> bool:
        """Whether a strength was submitted and differs from the contact's."""
        return (
            "strength" in self.fields
            and "strength" in self.data
            and ("strength" in self.changed_data)
        )

    @property
    def chosen_strength(self) -> int | None:
        """The chosen strength, None for "Not set"."""
        return self.cleaned_data.get("strength") or None


class QuickAddForm(forms.Form):
    """A name and one more detail, typed on a phone between two conference sessions."""

    name = forms.CharField(
        label="Name",
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "words", "autofocus": True}
        ),
    )
    email = forms.EmailField(
        label="Email", required=False, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    phone = forms.CharField(
        label="Phone",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    organization = forms.CharField(
        label="Organization",
        max_length=200,
        required=False,
        help_text="Where they work now.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    how_we_met = forms.CharField(
        label="Where we met",
        max_length=1000,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    note = forms.CharField(
        label="Note", max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        others = ("email", "phone", "organization", "how_we_met", "note")
        if "email" not in self.errors and not any(data.get(name) for name in others):
            raise ValidationError(
                "Add one more detail — an email, a phone, an organization, where you met or a note."
            )
        return data


class AffiliationForm(forms.Form):
    """A school, program, job or membership: an existing organization or a new name."""

    new_organization = forms.CharField(
        label="Or a new organization",
        max_length=200,
        required=False,
        help_text="Type its name; it is added to your organizations (or matched by name).",
    )
    kind = forms.ChoiceField(label="Kind", choices=Affiliation.Kind.choices)
    role = forms.CharField(
        label="Role or title",
        max_length=120,
        required=False,
        help_text="Department chair, program director, resident, MD class of …",
    )
    start_year = year_field("Start year")
    end_year = year_field(
        "End year", help_text="Empty while current; the graduation year for a school."
    )
    is_decision_maker = forms.BooleanField(
        label="Decision maker",
        required=False,
        help_text="Chair, program director, practice owner, CMO, recruiter…",
    )

    def __init__(self, *args: Any, owner: "User", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organization"] = forms.ModelChoiceField(
            queryset=selectors.organization_choices(owner=owner),
            required=False,
            label="Organization",
            empty_label="— choose —",
        )
        self.order_fields(["organization", "new_organization"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_organization = data.get("organization") or data.get("new_organization", "").strip()
        if not has_organization and "organization" not in self.errors:
            self.add_error("organization", "Choose an organization or type a new name.")
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", "The end year comes after the start year.")
        return data

    @staticmethod
    def initial_for(affiliation: Affiliation) -> dict[str, Any]:
        return {
            "organization": affiliation.organization_id,
            "kind": affiliation.kind,
            "role": affiliation.role,
            "start_year": affiliation.start_year,
            "end_year": affiliation.end_year,
            "is_decision_maker": affiliation.is_decision_maker,
        }

    def affiliation_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "role": data["role"],
            "start_year": data["start_year"],
            "end_year": data["end_year"],
            "is_decision_maker": data["is_decision_maker"],
        }


class TieCreateForm(forms.Form):
    """Someone this contact knows, among the owner's contacts."""

    strength = forms.TypedChoiceField(
        label="Strength", choices=TIE_STRENGTH_CHOICES, coerce=int, initial=3
    )
    context = forms.CharField(
        label="Context",
        max_length=200,
        required=False,
        help_text="For example: co-residents 2019–22",
    )
    since = year_field("Since (year)")

    def __init__(self, *args: Any, owner: "User", contact: Contact, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["other"] = _contact_choice(owner, label="Knows", exclude=contact, required=True)
        self.order_fields(["other", "strength", "context", "since"])


class TieEditForm(forms.Form):
    strength = forms.TypedChoiceField(label="Strength", choices=TIE_STRENGTH_CHOICES, coerce=int)
    context = forms.CharField(
        label="Context",
        max_length=200,
        required=False,
        help_text="For example: co-residents 2019–22",
    )
    since = year_field("Since (year)")

    @staticmethod
    def initial_for(tie: Tie) -> dict[str, Any]:
        return {"strength": tie.strength, "context": tie.context, "since": tie.since}


class OrganizationForm(forms.ModelForm[Organization]):
    website = forms.URLField(label="Website", required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = ("name", "kind", "city", "state", "website", "notes")
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class MergeForm(forms.Form):
    """The contact to fold into this one, among the owner's other contacts."""

    def __init__(self, *args: Any, owner: "User", contact: Contact, **kwargs: Any):
        super().__init__(*args, **kwargs)
        contacts = selectors.contact_choices(owner=owner).exclude(pk=contact.pk)
        self.fields["other"] = forms.ModelChoiceField(
            queryset=contacts, label="Merge with", widget=forms.HiddenInput
        )


class SnoozeForm(forms.Form):
    until = forms.DateField(
        label="Until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Empty: 30 days from today.",
    )

    def clean_until(self) -> Any:
        return self.cleaned_data.get("until") or timezone.localdate() + timedelta(days=30)
