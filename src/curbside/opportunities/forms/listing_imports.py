"""Forms of the staff pages that import job listings."""

import json
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from curbside.core.imports import import_size_check
from curbside.opportunities.listings.csvlistings import FIELDS as CSV_FIELDS
from curbside.portability.forms import MultipleFileField, MultipleFileInput

MAPPING_PREFIX = "column_"
# The listing fields a CSV column can hold, in the order the form asks for them.
MAPPING_LABELS = {
    "title": "Job title",
    "employer": "Employer",
    "external_id": "The board's id",
    "url": "Web address",
    "description": "Description",
    "requirements": "Requirements",
    "specialty": "Specialty",
    "practice_setting": "Practice setting",
    "position_type": "Position type",
    "location": "Location (city, state ZIP)",
    "city": "City",
    "state": "State",
    "zip_code": "ZIP code",
    "country": "Country",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "is_remote": "Remote (yes or no)",
    "salary": "Salary (a range as text)",
    "salary_min": "Salary from",
    "salary_max": "Salary to",
    "salary_unit": "Salary basis (year, hour…)",
    "currency": "Currency",
    "posted_on": "Date posted",
    "expires_on": "Closing date",
    "visa_sponsorship": "Visa sponsorship",
}


class ListingImportForm(forms.Form):
    uploads = MultipleFileField(
        label="Listing files",
        required=False,
        help_text=(
            "Saved job pages (.html) with schema.org JobPosting, JSON-LD files (.json, "
            ".jsonld), RSS or Atom feeds (.xml, .rss, .atom) or CSV files. You can choose "
            "several files at once."
        ),
        # The file input keeps the chosen files when the form comes back asking for a
        # column mapping (htmx swaps the form around it).
        widget=MultipleFileInput(
            attrs={
                "accept": ".html,.htm,.json,.jsonld,.jsonl,.xml,.rss,.atom,.csv,.tsv,.txt",
                "hx-preserve": "true",
            }
        ),
    )
    url = forms.URLField(
        label="Or a web address",
        required=False,
        assume_scheme="https",
        help_text="A feed or a job page to download.",
    )
    source = forms.CharField(
        label="Source",
        max_length=100,
        required=False,
        help_text="The board or employer the listings come from. Leave it empty to use the "
        "feed's title, or the file's name.",
    )

    def __init__(self, *args: Any, headers: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound and not headers:
            headers = self._posted_headers()
        self.column_headers = list(dict.fromkeys(headers))
        if self.column_headers:
            choices = [("", "(none)"), *((header, header) for header in self.column_headers)]
            for field, label in MAPPING_LABELS.items():
                if field in CSV_FIELDS:
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
        files: list[UploadedFile] = [f for f in self.cleaned_data["uploads"] if f]
        errors = []
        for uploaded in files:
            try:
                import_size_check(name=uploaded.name or "A file", size=uploaded.size or 0)
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return files

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("uploads") and not cleaned.get("url") and not self.errors:
            raise ValidationError("Choose a file to import, or give a web address.")
        return cleaned

    def mapping(self) -> dict[str, str] | None:
        """Field → column header, for a CSV whose columns were named; None when not asked."""
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


class ListingImportCommitForm(forms.Form):
    skip_bad_rows = forms.BooleanField(
        label="Skip the listings with problems",
        required=False,
        help_text="Import the other listings now; those with problems are left out.",
    )
