"""What every importer shares: the size limit, a paused garbage collector, the column
mapping request, and a silent progress callback."""

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError

# stage, done, total: how an import tells its caller how far it has got.
Progress = Callable[[str, int, int], None]


def quiet(stage: str, done: int, total: int) -> None:
    """The progress callback of callers that show none."""


@contextmanager
def bulk_work() -> Iterator[None]:
    """Pause the cyclic garbage collector while an import builds its many small objects,
    which all live until the end: collecting would only rescan them (it halves a parse)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_max_bytes() -> int:
    """The largest file an import reads (CURBSIDE_IMPORT_MAX_BYTES)."""
    return int(settings.CURBSIDE_IMPORT_MAX_BYTES)


def size_text(n_bytes: int) -> str:
    """1536 → "1.5 KB"."""
    if n_bytes >= 1024 * 1024:
        return f"{n_bytes / 1024 / 1024:.1f}".removesuffix(".0") + " MB"
    if n_bytes >= 1024:
        return f"{n_bytes / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{n_bytes} bytes"


def import_size_check(*, name: str, size: int) -> None:
    """Refuse a file over the size limit before it is read, naming it and the limit."""
    limit = import_max_bytes()
    if size > limit:
        raise ValidationError(
            f"{name} is too large to import ({size_text(size)}; the limit is "
            f"{size_text(limit)} a file, set by CURBSIDE_IMPORT_MAX_BYTES). "
            "Split it into smaller files.",
            code="too_large",
        )


class MappingNeededError(ValidationError):
    """A CSV file whose columns must be named by the user before it can be read."""

    def __init__(self, message: str, *, file_name: str, headers: Sequence[str]) -> None:
        super().__init__(message, code="mapping_needed")
        self.file_name = file_name
        self.headers = list(headers)


def mapping_headers(error: ValidationError) -> list[str]:
    """The column names of the files that an upload's error says need a column mapping."""
    return [
        header
        for part in getattr(error, "error_list", [])
        if isinstance(part, MappingNeededError)
        for header in part.headers
    ]
