from django import forms

from curbside.core.upload_forms import MappedUploadForm, MultipleFileField, MultipleFileInput

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


class ImportUploadForm(MappedUploadForm):
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

    MAPPING = MAPPING_FIELDS


class ImportCommitForm(forms.Form):
    skip_bad_rows = forms.BooleanField(
        label="Skip the rows with problems",
        required=False,
        help_text="Import the other rows now; the rows with problems are left out.",
    )
