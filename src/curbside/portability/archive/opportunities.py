"""The job search in the archive: opportunities with their people, stage history and
documents sent, the job preferences and the saved searches (archive version 2).

    "opportunities": [{"id", "title", …every field…, "organization": <organization id> | null,
                       "referrer": <contact id> | null,
                       "listing": {"source", "external_id", "url"} | null,
                       "created_at", "updated_at"}, …],
    "opportunity_people": [{"opportunity", "contact", "role", "note",
                            "affiliation": <position in "affiliations", from 1> | null, …}, …],
    "stage_changes": [{"opportunity", "from_stage", "to_stage", "changed_on", "note", …}, …],
    "documents_sent": [{"opportunity", "kind", "version", "sent_on", "sent_to", "note",
                        "recipients": [<contact id>, …], …}, …],
    "job_preferences": {"specialties": […], …} | null,
    "saved_searches": [{"name", "params": {…}, "last_seen_at", "last_notified_at", …}, …]

Interactions and follow-ups carry "opportunity": <opportunity id> | null. Job listings are
the instance's public data, not the user's: an opportunity names its listing by source,
external id and URL, and a restore links it again when that listing exists there.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

from curbside.accounts.models import User
from curbside.opportunities.models import (
    DocumentSent,
    JobPreferences,
    Listing,
    Opportunity,
    OpportunityPerson,
    SavedSearch,
    StageChange,
)

from .fields import TIMESTAMPS

Record = dict[str, Any]
Fields = Callable[[models.Model, tuple[str, ...]], dict[str, object]]

OPPORTUNITY_FIELDS = (
    "title",
    "specialty",
    "practice_setting",
    "position_type",
    "city",
    "state",
    "zip_code",
    "salary_min",
    "salary_max",
    "salary_unit",
    "call_schedule",
    "loan_repayment",
    "visa_sponsorship",
    "start_on",
    "deadline_on",
    "url",
    "notes",
    "source",
    "source_name",
    "stage",
    "stage_changed_on",
)
PERSON_FIELDS = ("role", "note")
STAGE_CHANGE_FIELDS = ("from_stage", "to_stage", "changed_on", "note")
DOCUMENT_FIELDS = ("kind", "version", "sent_on", "sent_to", "note")
PREFERENCE_FIELDS = (
    "specialties",
    "practice_settings",
    "position_types",
    "states",
    "zip_code",
    "radius_miles",
    "salary_floor",
    "salary_floor_unit",
    "visa_needed",
    "must_haves",
    "comparison_weights",
)
PREFERENCE_LISTS = ("specialties", "practice_settings", "position_types", "states")
SAVED_SEARCH_FIELDS = ("name", "params", "last_seen_at", "last_notified_at")


@dataclass(frozen=True, slots=True)
class JobSearchData:
    """Every job-search row an owner owns, each list in primary-key order."""

    opportunities: list[Opportunity]
    people: list[OpportunityPerson]
    stage_changes: list[StageChange]
    documents: list[DocumentSent]
    recipients: list[tuple[int, int]]  # (document id, contact id)
    preferences: JobPreferences | None
    saved_searches: list[SavedSearch]


def job_search_data(*, owner: User) -> JobSearchData:
    """Seven queries however much there is."""
    recipients = DocumentSent.recipients.through.objects.filter(documentsent__owner=owner)
    return JobSearchData(
        opportunities=list(
            Opportunity.objects.filter(owner=owner).select_related("listing").order_by("pk")
        ),
        people=list(OpportunityPerson.objects.filter(owner=owner).order_by("pk")),
        stage_changes=list(StageChange.objects.filter(owner=owner).order_by("pk")),
        documents=list(DocumentSent.objects.filter(owner=owner).order_by("pk")),
        recipients=list(recipients.order_by("pk").values_list("documentsent_id", "contact_id")),
        preferences=JobPreferences.objects.filter(owner=owner).first(),
        saved_searches=list(SavedSearch.objects.filter(owner=owner).order_by("pk")),
    )


def _ref(ids: dict[int, int], pk: int | None) -> int | None:
    return None if pk is None else ids[pk]


def _listing(listing: Listing | None) -> dict[str, str] | None:
    if listing is None:
        return None
    return {"source": listing.source, "external_id": listing.external_id, "url": listing.url}


def opportunity_ids(data: JobSearchData) -> dict[int, int]:
    """Database id → archive id, in the order the archive lists the opportunities."""
    ordered = sorted(data.opportunities, key=lambda o: (o.created_at, o.pk))
    return {o.pk: index for index, o in enumerate(ordered, start=1)}


def build_job_search(
    data: JobSearchData,
    *,
    fields: Fields,
    contact_ids: dict[int, int],
    organization_ids: dict[int, int],
    affiliation_ids: dict[int, int],
    opportunity_ids: dict[int, int],
) -> Record:
    """The archive's job-search sections (see the module docstring)."""
    opportunities = sorted(data.opportunities, key=lambda o: opportunity_ids[o.pk])
    recipients: dict[int, list[int]] = {d.pk: [] for d in data.documents}
    for document_id, contact_id in data.recipients:
        recipients[document_id].append(contact_ids[contact_id])
    people = sorted(
        data.people,
        key=lambda p: (opportunity_ids[p.opportunity_id], contact_ids[p.contact_id], p.role, p.pk),
    )
    changes = sorted(
        data.stage_changes,
        key=lambda c: (opportunity_ids[c.opportunity_id], c.changed_on, c.created_at, c.pk),
    )
    documents = sorted(
        data.documents, key=lambda d: (opportunity_ids[d.opportunity_id], d.sent_on, d.pk)
    )
    preferences = data.preferences
    return {
        "opportunities": [
            {
                "id": opportunity_ids[o.pk],
                **fields(o, OPPORTUNITY_FIELDS),
                "organization": _ref(organization_ids, o.organization_id),
                "referrer": _ref(contact_ids, o.referrer_id),
                "listing": _listing(o.listing),
                **fields(o, TIMESTAMPS),
            }
            for o in opportunities
        ],
        "opportunity_people": [
            {
                "opportunity": opportunity_ids[p.opportunity_id],
                "contact": contact_ids[p.contact_id],
                "affiliation": _ref(affiliation_ids, p.affiliation_id),
                **fields(p, (*PERSON_FIELDS, *TIMESTAMPS)),
            }
            for p in people
        ],
        "stage_changes": [
            {
                "opportunity": opportunity_ids[c.opportunity_id],
                **fields(c, (*STAGE_CHANGE_FIELDS, *TIMESTAMPS)),
            }
            for c in changes
        ],
        "documents_sent": [
            {
                "opportunity": opportunity_ids[d.opportunity_id],
                **fields(d, DOCUMENT_FIELDS),
                "recipients": sorted(recipients[d.pk]),
                **fields(d, TIMESTAMPS),
            }
            for d in documents
        ],
        "job_preferences": None
        if preferences is None
        else fields(preferences, (*PREFERENCE_FIELDS, *TIMESTAMPS)),
        "saved_searches": [
            fields(s, (*SAVED_SEARCH_FIELDS, *TIMESTAMPS))
            for s in sorted(data.saved_searches, key=lambda s: (s.name, s.pk))
        ],
    }


def listing_pks(references: list[dict[str, str] | None]) -> list[int | None]:
    """The instance's listing for each archived reference, or None where it has none."""
    wanted = [r for r in references if r is not None]
    if not wanted:
        return [None] * len(references)
    found: dict[tuple[str, str, str], int] = {}
    condition = Q()
    for reference in wanted:
        if reference["external_id"]:
            condition |= Q(source=reference["source"], external_id=reference["external_id"])
        elif reference["url"]:
            condition |= Q(source=reference["source"], external_id="", url=reference["url"])
    if condition:
        for pk, source, external_id, url in Listing.objects.filter(condition).values_list(
            "pk", "source", "external_id", "url"
        ):
            found[(source, external_id, "" if external_id else url)] = pk
    return [
        None
        if r is None
        else found.get((r["source"], r["external_id"], "" if r["external_id"] else r["url"]))
        for r in references
    ]


def read_job_search(
    archive: Record,
    *,
    contact_ids: set[int],
    organization_ids: set[int],
    n_affiliations: int,
) -> Record:
    """The job-search sections read and checked; references resolved to archive ids."""
    from .reading import Archive, _fail, _list, _object, _reference, _values

    opportunities = Archive._read(
        archive, "opportunities", Opportunity, OPPORTUNITY_FIELDS, with_id=True
    )
    known = {o["id"] for o in opportunities}
    for index, (opportunity, raw) in enumerate(
        zip(opportunities, archive.get("opportunities", []), strict=True)
    ):
        where = f"opportunities[{index}]"
        opportunity["organization"] = _reference(
            raw, "organization", where, organization_ids, "organization", optional=True
        )
        opportunity["referrer"] = _reference(
            raw, "referrer", where, contact_ids, "contact", optional=True
        )
        listing = raw.get("listing")
        if listing is not None:
            listing = _object(listing, f"{where}.listing")
            if not all(
                isinstance(listing.get(k, ""), str) for k in ("source", "external_id", "url")
            ):
                _fail(f"{where}.listing: source, external_id and url must be text")
            listing = {k: listing.get(k, "") for k in ("source", "external_id", "url")}
        opportunity["listing"] = listing
        low, high = opportunity["salary_min"], opportunity["salary_max"]
        if low is not None and high is not None and high < low:
            _fail(f"{where}: salary_max ({high}) is below salary_min ({low})")

    affiliations = set(range(1, n_affiliations + 1))
    people = Archive._read(archive, "opportunity_people", OpportunityPerson, PERSON_FIELDS)
    roles: set[tuple[int, int, str]] = set()
    for index, (person, raw) in enumerate(
        zip(people, archive.get("opportunity_people", []), strict=True)
    ):
        where = f"opportunity_people[{index}]"
        person["opportunity"] = _reference(raw, "opportunity", where, known, "opportunity")
        person["contact"] = _reference(raw, "contact", where, contact_ids, "contact")
        person["affiliation"] = _reference(
            raw, "affiliation", where, affiliations, "affiliation", optional=True
        )
        role = (person["opportunity"], person["contact"], person["role"])
        if role in roles:
            _fail(f"{where}: contact {role[1]} is already {role[2]} on opportunity {role[0]}")
        roles.add(role)

    changes = Archive._read(archive, "stage_changes", StageChange, STAGE_CHANGE_FIELDS)
    for index, (change, raw) in enumerate(
        zip(changes, archive.get("stage_changes", []), strict=True)
    ):
        change["opportunity"] = _reference(
            raw, "opportunity", f"stage_changes[{index}]", known, "opportunity"
        )

    documents = Archive._read(archive, "documents_sent", DocumentSent, DOCUMENT_FIELDS)
    for index, (document, raw) in enumerate(
        zip(documents, archive.get("documents_sent", []), strict=True)
    ):
        where = f"documents_sent[{index}]"
        document["opportunity"] = _reference(raw, "opportunity", where, known, "opportunity")
        recipients = _list(raw, "recipients", f"{where}.recipients")
        document["recipients"] = sorted(
            {
                _reference(
                    {"contact": r}, "contact", f"{where}.recipients[{i}]", contact_ids, "contact"
                )
                for i, r in enumerate(recipients)
            }
        )

    preferences = None
    if (raw_preferences := archive.get("job_preferences")) is not None:
        record = _object(raw_preferences, "job_preferences")
        preferences = _values(
            JobPreferences, record, (*PREFERENCE_FIELDS, *TIMESTAMPS), "job_preferences"
        )
        for name in PREFERENCE_LISTS:
            value = preferences[name]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                _fail(f"job_preferences.{name}: must be a list of text")
        if not isinstance(preferences["comparison_weights"], dict):
            _fail("job_preferences.comparison_weights: must be an object")

    searches = Archive._read(archive, "saved_searches", SavedSearch, SAVED_SEARCH_FIELDS)
    names: set[str] = set()
    for index, search in enumerate(searches):
        if not isinstance(search["params"], dict):
            _fail(f"saved_searches[{index}].params: must be an object")
        if search["name"] in names:
            _fail(f"saved_searches[{index}]: the name {search['name']!r} is used twice")
        names.add(search["name"])

    return {
        "opportunities": opportunities,
        "opportunity_people": people,
        "stage_changes": changes,
        "documents_sent": documents,
        "job_preferences": preferences,
        "saved_searches": searches,
    }
