"""Writes of the portability app: importing contacts (preview, commit, discard)."""

from curbside.core.imports import (
    MappingNeededError,
    Progress,
    import_max_bytes,
    import_size_check,
    mapping_headers,
)

from .imports import import_commit, import_discard, import_preview

__all__ = [
    "MappingNeededError",
    "Progress",
    "import_commit",
    "import_discard",
    "import_max_bytes",
    "import_preview",
    "import_size_check",
    "mapping_headers",
]
