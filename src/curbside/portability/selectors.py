"""Reads of the portability app: import batches, their previews and reports."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from curbside.network.models import Contact

from .models import ImportBatch

if TYPE_CHECKING:
    from curbside.accounts.models import User

# What a report page lists by name; the rest is counted (the contact list shows everyone).
REPORT_LISTED = 100
ROW_FILTERS = {
    "": "All rows",
    "error": "Problems",
    "duplicates": "Possible duplicates",
    "create": "New",
    "update": "Updates",
    "skip": "Already there",
}


def import_batch_get(*, owner: "User", pk: int) -> ImportBatch | None:
    return ImportBatch.objects.filter(owner=owner, pk=pk).first()


def import_batch_list(*, owner: "User", limit: int = 10) -> QuerySet[ImportBatch]:
    """The owner's latest imports, without their (large) previews."""
    return (
        ImportBatch.objects.filter(owner=owner)
        .defer("rows", "archive", "report", "warnings")
        .order_by("-created_at", "-pk")[:limit]
    )


def import_rows(batch: ImportBatch, *, show: str = "") -> list[dict[str, Any]]:
    """The preview's rows, those with problems first, filtered by action or duplicates."""
    rows = batch.rows
    if show == "duplicates":
        rows = [row for row in rows if row.get("duplicates")]
    elif show in ROW_FILTERS and show:
        rows = [row for row in rows if row["action"] == show]
    return sorted(rows, key=lambda row: row["action"] != "error")


@dataclass(frozen=True, slots=True)
class DuplicateOffer:
    contact: Contact  # created by the import
    candidates: list[Contact]  # already in the network (or created alongside)


@dataclass(frozen=True, slots=True)
class ImportReport:
    batch: ImportBatch
    created: list[Contact]
    updated: list[Contact]
    n_created: int
    n_updated: int
    duplicates: list[DuplicateOffer]

    @property
    def n_unlisted_created(self) -> int:
        return self.n_created - len(self.created)

    @property
    def n_unlisted_updated(self) -> int:
        return self.n_updated - len(self.updated)


def import_report(*, owner: "User", batch: ImportBatch) -> ImportReport:
    """What a committed import created and updated, and the duplicates to offer for merging.

    Contacts deleted or merged away since the import are left out. One query.
    """
    report = batch.report or {}
    created_ids = report.get("created", [])
    updated_ids = report.get("updated", [])
    offers = report.get("duplicates", [])[:REPORT_LISTED]
    wanted = {
        *created_ids[:REPORT_LISTED],
        *updated_ids[:REPORT_LISTED],
        *(offer["contact"] for offer in offers),
        *(pk for offer in offers for pk in offer["candidates"] if pk),
    }
    found = Contact.objects.filter(owner=owner).in_bulk(list(wanted))
    duplicates = []
    for offer in offers:
        contact = found.get(offer["contact"])
        candidates = [found[pk] for pk in offer["candidates"] if pk in found]
        if contact is not None and candidates:
            duplicates.append(DuplicateOffer(contact, candidates))
    return ImportReport(
        batch=batch,
        created=[found[pk] for pk in created_ids[:REPORT_LISTED] if pk in found],
        updated=[found[pk] for pk in updated_ids[:REPORT_LISTED] if pk in found],
        n_created=len(created_ids),
        n_updated=len(updated_ids),
        duplicates=duplicates,
    )
