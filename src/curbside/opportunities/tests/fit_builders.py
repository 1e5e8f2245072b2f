"""Small builders for the fit, comparison and saved-search tests."""

import datetime
import itertools
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from curbside.network import services as network_services
from curbside.network.models import Affiliation, Contact, Organization
from curbside.network.tests.factories import AffiliationFactory, ContactFactory
from curbside.opportunities.fit import annual_salary
from curbside.opportunities.models import Listing, ListingSearch, Opportunity, SavedSearch
from curbside.opportunities.selectors import searches as search_selectors

_numbers = itertools.count(1)


def opportunity(owner, **fields: Any) -> Opportunity:
    values: dict[str, Any] = {"title": f"Cardiologist {next(_numbers)}"} | fields
    return Opportunity.objects.create(owner=owner, **values)


def listing(**fields: Any) -> Listing:
    """A listing and its search row, the way an import stores them."""
    number = next(_numbers)
    values: dict[str, Any] = {
        "source": "Test board",
        "external_id": f"job-{number}",
        "title": f"Hospitalist {number}",
        "employer": "Denver Health",
        "specialty": "hospitalist",
        "practice_setting": "hospital_employed",
        "position_type": "full_time",
        "city": "Denver",
        "state": "CO",
        "latitude": 39.7491,
        "longitude": -104.9946,
        "salary_min": Decimal(300000),
        "salary_max": Decimal(350000),
        "salary_unit": "year",
    } | fields
    row = Listing.objects.create(**values)
    ListingSearch.objects.create(
        listing=row,
        specialty=row.specialty,
        practice_setting=row.practice_setting,
        position_type=row.position_type,
        state=row.state,
        annual_salary_min=annual_salary(row.salary_min, row.salary_unit),
        annual_salary_max=annual_salary(row.salary_max, row.salary_unit),
        has_visa=bool(row.visa_sponsorship),
        latitude=row.latitude,
        longitude=row.longitude,
        posted_on=row.posted_on,
        expires_on=row.expires_on,
        created_at=fields.get("created_at") or timezone.now(),
    )
    return row


def person(owner, name: str, strength: int | None = None, **fields: Any) -> Contact:
    """A contact; with `strength`, the owner knows them that well."""
    first, _, last = name.partition(" ")
    contact = ContactFactory(
        owner=owner, first_name=first, last_name=last, full_name=name, **fields
    )
    if strength is not None:
        network_services.contact_strength_set(owner=owner, contact=contact, strength=strength)
    return contact


def works_at(
    owner, contact: Contact, organization: Organization, *, role: str = "", **fields: Any
) -> Affiliation:
    values: dict[str, Any] = {"role": role or "Attending physician"} | fields
    return AffiliationFactory(owner=owner, contact=contact, organization=organization, **values)


def knows(owner, one: Contact, other: Contact, strength: int = 3) -> None:
    network_services.tie_record(owner=owner, person=one, other=other, strength=strength)


def listing_search_cost(owner, today: datetime.date = datetime.date(2026, 11, 18)) -> int:
    """How many queries one saved search's count takes: one listing search, whose plan is
    the listing search's own business (a few queries, never one per listing)."""
    saved = SavedSearch.objects.filter(owner=owner).order_by("pk").last()
    assert saved is not None
    with CaptureQueriesContext(connection) as captured:
        search_selectors.saved_search_new(owner=owner, saved_search=saved, today=today, per_page=1)
    assert 1 <= len(captured) <= 3
    return len(captured)
