"""The instance admin's view of imports: what was uploaded and what it did, read-only."""

from django.contrib import admin
from django.http import HttpRequest

from .models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin[ImportBatch]):
    list_display = (
        "pk",
        "owner",
        "status",
        "file_names",
        "n_create",
        "n_update",
        "n_skip",
        "n_error",
        "created_at",
        "committed_at",
    )
    list_filter = ("status",)
    list_select_related = ("owner",)
    search_fields = ("owner__email",)
    exclude = ("rows", "archive")
    readonly_fields = (
        "owner",
        "file_names",
        "formats",
        "status",
        "warnings",
        "archive_counts",
        "n_create",
        "n_update",
        "n_skip",
        "n_error",
        "n_possible_duplicates",
        "skip_bad_rows",
        "committed_at",
        "report",
        "created_at",
        "updated_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
