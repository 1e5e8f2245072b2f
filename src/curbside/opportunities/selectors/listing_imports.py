"""Reads of listing imports: instance-wide records that only staff see."""

from typing import Any

from django.db.models import QuerySet

from curbside.opportunities.models import ListingImport

RECENT = 20
# What the preview page can show: all rows, or those of one action.
ROW_FILTERS = {
    "": "All",
    "create": "New",
    "update": "Updated",
    "skip": "Unchanged or repeated",
    "error": "With problems",
}


def listing_import_list() -> QuerySet[ListingImport]:
    """The latest imports, without their rows (a preview may hold 100,000 of them)."""
    return (
        ListingImport.objects.defer("rows")
        .select_related("created_by")
        .order_by("-created_at", "-pk")[:RECENT]
    )


def listing_import_get(*, pk: int) -> ListingImport | None:
    return ListingImport.objects.filter(pk=pk).first()


def listing_import_rows(batch: ListingImport, *, show: str = "") -> list[dict[str, Any]]:
    """The preview's rows, all or those of one action (see ROW_FILTERS)."""
    if not show:
        return list(batch.rows)
    return [row for row in batch.rows if row["action"] == show]
