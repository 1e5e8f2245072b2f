from typing import Any, ClassVar

from django.db import models

from curbside.core.models import OwnedModel, OwnedQuerySet


class ImportBatch(OwnedModel):
    """One upload of one or more contact files: its preview, then what committing it did.

    The files themselves are never kept; what they hold lives in `rows` (the parsed, checked
    and matched preview) or, for a Curbside archive, in `archive` until it is restored.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Previewed"
        COMMITTED = "committed", "Committed"
        DISCARDED = "discarded", "Discarded"

    file_names = models.JSONField(default=list, blank=True)  # ["contacts.vcf", "Connections.csv"]
    formats = models.JSONField(default=list, blank=True)  # one of records.FORMATS per file
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    # One dict per record: line, file, action, values, contact, duplicates, problems…
    # (see services/matching.py for the keys).
    rows = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    archive = models.JSONField(null=True, blank=True)  # a Curbside archive waiting for commit
    archive_counts = models.JSONField(default=dict, blank=True)  # what the archive holds, per kind
    n_create = models.PositiveIntegerField(default=0)
    n_update = models.PositiveIntegerField(default=0)
    n_skip = models.PositiveIntegerField(default=0)
    n_error = models.PositiveIntegerField(default=0)
    n_possible_duplicates = models.PositiveIntegerField(default=0)
    skip_bad_rows = models.BooleanField(default=False)
    committed_at = models.DateTimeField(null=True, blank=True)
    # After the commit: the ids of the contacts created and updated, and the possible
    # duplicates to offer for merging.
    report = models.JSONField(default=dict, blank=True)

    objects = OwnedQuerySet["ImportBatch"].as_manager()

    class Meta:
        indexes: ClassVar = [models.Index(fields=["owner", "-created_at"])]
        ordering: ClassVar = ["-created_at", "-pk"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"Import of {', '.join(self.file_names) or 'nothing'} ({self.status})"

    @property
    def is_archive(self) -> bool:
        return bool(self.formats == ["archive"])

    @property
    def is_previewed(self) -> bool:
        return self.status == self.Status.PREVIEWED

    @property
    def is_committed(self) -> bool:
        return self.status == self.Status.COMMITTED

    @property
    def n_rows(self) -> int:
        return self.n_create + self.n_update + self.n_skip + self.n_error

    @property
    def problems(self) -> list[dict[str, Any]]:
        """The rows that have problems, in file order."""
        return [row for row in self.rows if row.get("problems")]
