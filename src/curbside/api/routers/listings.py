"""/listings: search the instance's job listings (public data), and read one."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from curbside.opportunities.search.params import MAX_PER_PAGE, MAX_RADIUS_MILES
from curbside.opportunities.selectors import listings as selectors

from ..auth import ApiRequest
from ..common import LIST_ERRORS, READ_ERRORS

router = Router(tags=["listings"])


class ListingSearchQuery(Schema):
    """The search page's parameters, read by the same reader (`params_from_query`)."""

    q: str = Field(
        "", description='All words must appear; "a phrase" in quotes; cardio* for a prefix.'
    )
    specialty: str = Field("", description="A specialty value (cardiology, hospitalist, …).")
    practice_setting: str = Field("", description="private_practice, academic, …")
    position_type: str = Field("", description="full_time, part_time, locums, …")
    salary_floor: int | None = Field(None, ge=0, description="At least this a year (annualised).")
    visa: bool = Field(False, description="Only listings that sponsor a visa.")
    near: str = Field("", description='A US ZIP code or "City, ST".')
    radius_miles: int | None = Field(
        None, ge=1, le=MAX_RADIUS_MILES, description="Around `near`; 50 when not given."
    )
    posted_since: date | None = None
    created_after: datetime | None = Field(None, description="Imported after this moment.")
    sort: Literal["relevance", "date", "distance"] = "relevance"
    page: int = Field(1, ge=1)
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE)


class ListingOut(Schema):
    id: int
    title: str
    employer: str
    city: str
    state: str
    zip_code: str
    country: str
    latitude: float | None
    longitude: float | None
    is_remote: bool
    specialty: str
    practice_setting: str
    position_type: str
    salary_min: Decimal | None
    salary_max: Decimal | None
    salary_unit: str
    currency: str
    visa_sponsorship: str
    posted_on: date | None
    expires_on: date | None
    source: str
    url: str
    created_at: datetime


class ListingHitOut(ListingOut):
    distance_miles: float | None = Field(None, description="From `near`, when given.")


class ListingDetailOut(ListingOut):
    external_id: str
    description: str
    requirements: str
    updated_at: datetime


class FacetCountOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetsOut(Schema):
    specialty: list[FacetCountOut]
    practice_setting: list[FacetCountOut]
    position_type: list[FacetCountOut]


class ListingSearchOut(Schema):
    items: list[ListingHitOut]
    count: int = Field(description="All matching listings; `items` holds one page.")
    page: int
    per_page: int
    facets: FacetsOut = Field(
        description="Counts of each filter's values among listings matching every other filter."
    )


def _hit(hit: selectors.ListingHit) -> ListingHitOut:
    out = ListingHitOut.model_validate(hit.listing, from_attributes=True)
    out.distance_miles = None if hit.distance_miles is None else round(hit.distance_miles, 1)
    return out


@router.get("/listings", response={200: ListingSearchOut, **LIST_ERRORS})
def listing_search(request: ApiRequest, filters: Query[ListingSearchQuery]) -> ListingSearchOut:
    """Search listings that have not expired: words, filters, distance; one page, with facets.

    Paged with `page` and `per_page` (at most 100), like the search page, so that a saved
    search's query string works here unchanged."""
    params, problems = selectors.params_from_query(request.GET)
    if problems:
        raise ValidationError(problems)
    result = selectors.listing_search(params, today=timezone.localdate())
    if result.error:
        raise ValidationError({"near": result.error})
    facets = {
        facet.name: [
            FacetCountOut(
                value=count.value, label=count.label, count=count.count, selected=count.selected
            )
            for count in facet.counts
        ]
        for facet in result.facets
    }
    return ListingSearchOut(
        items=[_hit(hit) for hit in result.hits],
        count=result.total,
        page=params.page,
        per_page=params.per_page,
        facets=FacetsOut(**facets),
    )


@router.get("/listings/{int:listing_id}", response={200: ListingDetailOut, **READ_ERRORS})
def listing_detail(request: ApiRequest, listing_id: int) -> ListingDetailOut:
    """One listing, expired or not."""
    listing = selectors.listing_get(listing_id=listing_id)
    if listing is None:
        raise Http404
    return ListingDetailOut.model_validate(listing, from_attributes=True)
