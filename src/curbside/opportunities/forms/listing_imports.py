"""Forms of the staff pages that import job listings."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from curbside.core.upload_forms import MappedUploadForm, MultipleFileField, MultipleFileInput
from curbside.opportunities.listings.csvlistings import FIELDS as CSV_FIELDS

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


class ListingImportForm(MappedUploadForm):
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

    MAPPING = [(field, label) for field, label in MAPPING_LABELS.items() if field in CSV_FIELDS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("uploads") and not cleaned.get("url") and not self.errors:
            raise ValidationError("Choose a file to import, or give a web address.")
        return cleaned


class ListingImportCommitForm(forms.Form):
    skip_bad_rows = forms.BooleanField(
        label="Skip the listings with problems",
        required=False,
        help_text="Import the other listings now; those with problems are left out.",
    )
