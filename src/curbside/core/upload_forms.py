"""What the import forms share: several files in one input, each checked against the size
limit, and the column mapping asked for when a CSV's columns are not recognised."""

import json
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from curbside.core.imports import import_size_check

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


class MappedUploadForm(forms.Form):
    """A form with an `uploads` field that, given a CSV's column names (`headers`, or those
    posted back with the mapping), asks which column holds each of MAPPING's fields."""

    MAPPING: Sequence[tuple[str, str]] = ()  # (field, label) in the order they are asked

    def __init__(self, *args: Any, headers: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound and not headers:
            headers = self._posted_headers()
        self.column_headers = list(dict.fromkeys(headers))
        if self.column_headers:
            choices = [("", "(none)"), *((header, header) for header in self.column_headers)]
            for field, label in self.MAPPING:
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
        """The chosen files, every one within the size limit (each one over it is named)."""
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
