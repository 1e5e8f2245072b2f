"""Reads for the exports: everything an owner owns, in a fixed number of queries.

Rows are read table by table with the owner in each filter (no per-contact queries and no
giant `IN (…)` lists), then grouped in Python.
"""

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Count, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.http import content_disposition_header

from curbside.accounts.models import User
from curbside.interactions.models import FollowUp, Interaction
from curbside.network.models import (
    Affiliation,
    Contact,
    ContactEmail,
    ContactPhone,
    Organization,
    Tag,
    Tie,
)
from curbside.network.selectors import with_strength

from .exports import ContactCard, LabeledValue, csv_text, vcard_text

if TYPE_CHECKING:
    from django.db.models import Model

ExportFormat = Literal["json", "vcf", "csv"]
EXPORT_FORMATS: dict[ExportFormat, str] = {
    "json": "Complete archive (JSON)",
    "vcf": "Contacts as vCards (.vcf)",
    "csv": "Contacts as a spreadsheet (CSV)",
}
CONTENT_TYPES: dict[ExportFormat, str] = {
    "json": "application/json",
    "vcf": "text/vcard; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class ExportCounts:
    n_contacts: int  # not counting the owner's own profile
    n_organizations: int
    n_affiliations: int
    n_ties: int
    n_interactions: int
    n_follow_ups: int
    n_tags: int


def _count(rows: "QuerySet[Model]") -> Coalesce:
    counted = rows.order_by().values("owner").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0, output_field=IntegerField())


def export_counts(*, owner: User) -> ExportCounts:
    """How much an export holds, in one query (a scalar subquery per table)."""
    counts = (
        User.objects.filter(pk=owner.pk)
        .annotate(
            n_contacts=_count(Contact.objects.filter(owner=owner, is_self=False)),
            n_organizations=_count(Organization.objects.filter(owner=owner)),
            n_affiliations=_count(Affiliation.objects.filter(owner=owner)),
            n_ties=_count(Tie.objects.filter(owner=owner)),
            n_interactions=_count(Interaction.objects.filter(owner=owner)),
            n_follow_ups=_count(FollowUp.objects.filter(owner=owner)),
            n_tags=_count(Tag.objects.filter(owner=owner)),
        )
        .values(
            "n_contacts",
            "n_organizations",
            "n_affiliations",
            "n_ties",
            "n_interactions",
            "n_follow_ups",
            "n_tags",
        )
        .get()
    )
    return ExportCounts(**counts)


@dataclass(frozen=True, slots=True)
class OwnerData:
    """Every row an owner owns, each list in primary-key order, links as (id, id) pairs."""

    contacts: list[Contact]
    emails: list[ContactEmail]
    phones: list[ContactPhone]
    tags: list[Tag]
    contact_tags: list[tuple[int, int]]  # (contact id, tag id)
    organizations: list[Organization]
    affiliations: list[Affiliation]
    ties: list[Tie]
    interactions: list[Interaction]
    interaction_contacts: list[tuple[int, int]]  # (interaction id, contact id)
    follow_ups: list[FollowUp]


def owner_data(*, owner: User) -> OwnerData:
    """Everything the owner has, for the archive: eleven queries however large the network."""
    contact_tags = Contact.tags.through.objects.filter(contact__owner=owner)
    interaction_contacts = Interaction.contacts.through.objects.filter(interaction__owner=owner)
    return OwnerData(
        contacts=list(Contact.objects.filter(owner=owner).order_by("pk")),
        emails=list(ContactEmail.objects.filter(owner=owner).order_by("pk")),
        phones=list(ContactPhone.objects.filter(owner=owner).order_by("pk")),
        tags=list(Tag.objects.filter(owner=owner).order_by("pk")),
        contact_tags=list(contact_tags.order_by("pk").values_list("contact_id", "tag_id")),
        organizations=list(Organization.objects.filter(owner=owner).order_by("pk")),
        affiliations=list(Affiliation.objects.filter(owner=owner).order_by("pk")),
        ties=list(Tie.objects.filter(owner=owner).order_by("pk")),
        interactions=list(Interaction.objects.filter(owner=owner).order_by("pk")),
        interaction_contacts=list(
            interaction_contacts.order_by("pk").values_list("interaction_id", "contact_id")
        ),
        follow_ups=list(FollowUp.objects.filter(owner=owner).order_by("pk")),
    )


def _labeled(rows: Iterable[ContactEmail | ContactPhone]) -> dict[int, list[LabeledValue]]:
    grouped: dict[int, list[LabeledValue]] = defaultdict(list)
    ordered = sorted(rows, key=lambda row: (not row.is_primary, row.pk))
    for row in ordered:
        value = row.email if isinstance(row, ContactEmail) else row.number
        grouped[row.contact_id].append(LabeledValue(value, row.label, row.is_primary))
    return grouped


def _current_jobs(owner: User) -> dict[int, Affiliation]:
    """Each contact's current job: the one started last (undated ones after), then the first
    recorded. Chosen in Python so that SQLite and PostgreSQL agree on where NULLs go."""
    jobs = Affiliation.objects.filter(
        owner=owner, kind=Affiliation.Kind.EMPLOYMENT, end_year__isnull=True
    ).select_related("organization")
    current: dict[int, Affiliation] = {}
    for job in sorted(jobs, key=lambda job: (-(job.start_year or 0), job.pk)):
        current.setdefault(job.contact_id, job)
    return current


def contact_cards(*, owner: User, include_self: bool = False) -> list[ContactCard]:
    """The owner's contacts (and their own card if asked) for vCard and CSV, by name.

    Five queries: contacts with strength, emails, phones, tag names, current jobs.
    """
    contacts: QuerySet[Contact] = Contact.objects.filter(owner=owner)
    if not include_self:
        contacts = contacts.filter(is_self=False)
    contacts = with_strength(contacts, owner).order_by("-is_self", "last_name", "first_name", "pk")
    emails = _labeled(ContactEmail.objects.filter(owner=owner))
    phones = _labeled(ContactPhone.objects.filter(owner=owner))
    tags: dict[int, list[str]] = defaultdict(list)
    tag_rows = Contact.tags.through.objects.filter(contact__owner=owner).values_list(
        "contact_id", "tag__name"
    )
    for contact_id, name in tag_rows:
        tags[contact_id].append(name)
    jobs = _current_jobs(owner)
    cards = []
    for contact in contacts:
        job = jobs.get(contact.pk)
        cards.append(
            ContactCard(
                full_name=contact.full_name,
                honorific=contact.honorific,
                first_name=contact.first_name,
                middle_name=contact.middle_name,
                last_name=contact.last_name,
                suffix=contact.suffix,
                credentials=contact.credentials,
                specialty=contact.specialty,
                subspecialty=contact.subspecialty,
                npi=contact.npi,
                emails=tuple(emails.get(contact.pk, ())),
                phones=tuple(phones.get(contact.pk, ())),
                organization=job.organization.name if job else "",
                title=job.role if job else "",
                city=contact.city,
                state=contact.state,
                zip_code=contact.zip_code,
                country=contact.country,
                tags=tuple(sorted(tags.get(contact.pk, ()), key=str.casefold)),
                notes=contact.notes,
                how_we_met=contact.how_we_met,
                strength=contact.strength or None,  # type: ignore[attr-defined]  # annotated
                last_interaction_on=contact.last_interaction_on,
                cadence_days=contact.cadence_days,
                updated_at=contact.updated_at,
            )
        )
    return cards


def attachment(filename: str) -> str:
    """The Content-Disposition header that saves a download under `filename`."""
    return content_disposition_header(as_attachment=True, filename=filename) or "attachment"


@dataclass(frozen=True, slots=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str  # curbside-2026-11-22.json
    n_contacts: int


def _local_today(owner: User) -> date:
    try:
        return timezone.localdate(timezone=ZoneInfo(owner.time_zone))
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.localdate()


def export_file(*, owner: User, format: ExportFormat, include_self: bool = False) -> ExportFile:
    """The owner's network as a file to download or write: a JSON archive, vCards or CSV.

    `include_self` adds the owner's own card to vCard and CSV (the archive always has it).
    """
    from .archive import archive_build

    filename = f"curbside-{_local_today(owner):%Y-%m-%d}.{format}"
    if format == "json":
        archive = archive_build(owner)
        text = json.dumps(archive, ensure_ascii=False, indent=2) + "\n"
        n_contacts = sum(1 for contact in archive["contacts"] if not contact["is_self"])
    else:
        cards = contact_cards(owner=owner, include_self=include_self)
        text = vcard_text(cards) if format == "vcf" else csv_text(cards)
        n_contacts = len(cards)
    return ExportFile(text.encode(), CONTENT_TYPES[format], filename, n_contacts)
