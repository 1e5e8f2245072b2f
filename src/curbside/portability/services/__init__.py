"""Writes of the portability app: importing contacts (preview, commit, discard)."""

from .imports import (
    MappingNeededError,
    Progress,
    import_commit,
    import_discard,
    import_max_bytes,
    import_preview,
    import_size_check,
    mapping_headers,
)

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
