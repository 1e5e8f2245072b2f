"""The form that names a search to save it."""

from django import forms
from django.core.exceptions import ValidationError

from ..search.params import MAX_QUERY_LENGTH


class SavedSearchForm(forms.Form):
    name = forms.CharField(
        label="Name this search", max_length=120, help_text="“Cardiology near Denver”"
    )
    # The search page's query string, carried along unchanged.
    query = forms.CharField(
        required=False, max_length=4 * MAX_QUERY_LENGTH, widget=forms.HiddenInput()
    )

    def add_service_errors(self, error: ValidationError) -> None:
        """A service's ValidationError on the name, or on the form (criteria it refused)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error("name" if field == "name" else None, errors)
