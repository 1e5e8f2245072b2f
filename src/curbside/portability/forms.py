import json
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from . import services

# What a column of a generic CSV can hold: the keys the CSV parser's mapping takes.
MAPPING_FIELDS = (
    ("full_name", "Name"),
    ("honorific", "Honorific (Dr., Ms.)"),
    ("first_name", "First name"),
    ("middle_name", "Middle name"),
    ("last_name", "Last name"),
    ("suffix", "Suffix (Jr., III)"),
    ("credentials", "Credentials (MD, FACS)"),
    ("emails", "Email"),
    ("phones", "Phone"),
    ("organization", "Organization"),
    ("department", "Department"),
    ("title", "Title"),
    ("street", "Street"),
    ("city", "City"),
    ("state", "State"),
    ("zip_code", "ZIP code"),
    ("country", "Country"),
    ("urls", "Web address"),
    ("notes", "Notes"),
    ("tags", "Tags"),
    ("connected_on", "Date you met or connected"),
)
MAPPING_PREFIX = "column_"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files from a single <input type="file" multiple>."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportUploadForm(forms.Form):
    uploads = MultipleFileField(
        label="Contact files",
        help_text=(
            "vCard (.vcf) from a phone, Apple, Google or Outlook; LinkedIn's Connections.csv; "
            "a Google or Outlook CSV export; a CSV of your own; or a Curbside archive (.json). "
            "You can choose several files at once."
        ),
        # The file input keeps the chosen files when the form comes back asking for a
        # column mapping (htmx swaps the form around it).
        widget=MultipleFileInput(
            attrs={"accept": ".vcf,.vcard,.csv,.txt,.json", "hx-preserve": "true"}
        ),
    )

    def __init__(self, *args: Any, headers: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound and not headers:
            headers = self._posted_headers()
        self.column_headers = list(dict.fromkeys(headers))
        if self.column_headers:
            choices = [("", "(none)"), *((h, h) for h in self.column_headers)]
            for field, label in MAPPING_FIELDS:
                self.fields[MAPPING_PREFIX + field] = forms.ChoiceField(
                    label=label, choices=choices, required=False
                )

    def _posted_headers(self) -> list[str]:
        try:
            posted = json.loads(self.data.get("headers") or "[]")
        except ValueError:
            return []
        return [h for h in posted if isinstance(h, str)] if isinstance(posted, list) else []

    @property
    def headers_json(self) -> str:
        """The CSV's column names, sent back with the mapping (the file is read again)."""
        return json.dumps(self.column_headers) if self.column_headers else ""

    @property
    def mapping_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(MAPPING_PREFIX)]

    def clean_uploads(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["uploads"]
        errors = []
        for uploaded in files:
            try:
                services.import_size_check(name=uploaded.name or "A file", size=uploaded.size or 0)
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return files

    def mapping(self) -> dict[str, str] | None:
        """Field → column header, for a CSV without a known layout; None when not asked."""
        chosen = {
            name.removeprefix(MAPPING_PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(MAPPING_PREFIX) and value
        }
        return chosen or None

    def file_contents(self) -> list[tuple[str, bytes]]:
        return [
            (uploaded.name or "upload", uploaded.read())
            for uploaded in self.cleaned_data["uploads"]
        ]


class ImportCommitForm(forms.Form):
    skip_bad_rows = forms.BooleanField(
        label="Skip the rows with problems",
        required=False,
        help_text="Import the other rows now; the rows with problems are left out.",
    )
