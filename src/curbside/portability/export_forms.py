from django import forms

from .export_selectors import EXPORT_FORMATS


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label="Format",
        choices=list(EXPORT_FORMATS.items()),
        initial="json",
        widget=forms.RadioSelect,
        help_text="The archive holds everything and restores into a new account; vCards "
        "open in phones and mail programs; the CSV opens in a spreadsheet.",
    )
    include_self = forms.BooleanField(
        label="Include my own card (vCard and CSV)",
        required=False,
        help_text="The archive always includes your profile.",
    )
