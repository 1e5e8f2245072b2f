"""/saved-searches: named listing searches, and the listings new in each since last seen."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from curbside.accounts.models import User
from curbside.core.models import get_owned_or_404
from curbside.opportunities.models import Listing, SavedSearch
from curbside.opportunities.selectors import fit as fit_selectors
from curbside.opportunities.selectors import searches as selectors
from curbside.opportunities.services import searches as services

from ..auth import ApiRequest
from ..common import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, Pagination

router = Router(tags=["saved-searches"])

PARAMS_HELP = (
    "The search's criteria as GET /api/v1/listings takes them: q, specialty, "
    "practice_setting, position_type, salary_floor, visa, near, radius_miles, posted_since, "
    "sort. Stored in canonical form; the page is not kept."
)


class SavedSearchIn(Schema):
    name: str = Field(..., max_length=120, description="Unique among your saved searches.")
    params: dict[str, str | list[str]] = Field(default_factory=dict, description=PARAMS_HELP)


class SavedSearchPatch(Schema):
    name: str | None = Field(None, max_length=120)
    params: dict[str, str | list[str]] | None = Field(None, description=PARAMS_HELP)


class SavedSearchOut(Schema):
    id: int
    name: str
    params: dict[str, str]
    query: str = Field(description="The criteria as a query string for GET /api/v1/listings.")
    description: str = Field(description="The criteria in words.")
    n_new: int = Field(description="Listings imported since it was last seen.")
    error: str = Field(description="Why it could not be searched (a place not found), or empty.")
    last_seen_at: datetime | None
    last_notified_at: datetime | None
    created_at: datetime


class NewListingOut(Schema):
    id: int
    title: str
    employer: str
    city: str
    state: str
    zip_code: str
    is_remote: bool
    specialty: str
    practice_setting: str
    position_type: str
    salary_min: Decimal | None
    salary_max: Decimal | None
    salary_unit: str
    visa_sponsorship: str
    url: str
    posted_on: date | None
    expires_on: date | None
    created_at: datetime
    fit: int = Field(description="Fit score 0–100 with your preferences and network.")


class NewListingsOut(Schema):
    items: list[NewListingOut]
    count: int = Field(description="All new listings; `items` holds the newest (at most 50).")
    since: datetime | None = Field(description="When the search was last seen before this.")
    error: str


class NewFilters(Schema):
    peek: bool = Field(False, description="Look without marking the search seen.")


def _out(row: selectors.SavedSearchRow) -> dict[str, Any]:
    saved_search = row.saved_search
    return {
        "id": saved_search.pk,
        "name": saved_search.name,
        "params": saved_search.params,
        "query": selectors.saved_search_query(saved_search),
        "description": selectors.describe(selectors.saved_search_params(saved_search)),
        "n_new": row.n_new,
        "error": row.error,
        "last_seen_at": saved_search.last_seen_at,
        "last_notified_at": saved_search.last_notified_at,
        "created_at": saved_search.created_at,
    }


def _shown(owner: User, saved_search: SavedSearch) -> dict[str, Any]:
    today = selectors.user_today(owner)
    return _out(selectors.saved_search_row(owner=owner, saved_search=saved_search, today=today))


def _owned(owner: User, saved_search_id: int) -> SavedSearch:
    return get_owned_or_404(SavedSearch, owner, pk=saved_search_id)


def _listing(listing: Listing, fit: int) -> dict[str, Any]:
    fields = {name: getattr(listing, name) for name in NewListingOut.model_fields if name != "fit"}
    return {**fields, "fit": fit}


@router.get("/saved-searches", response={200: list[SavedSearchOut], **LIST_ERRORS})
@paginate(Pagination)
def saved_search_list(request: ApiRequest) -> Any:
    """Your saved searches by name, each with how many listings are new since last seen."""
    owner = request.auth
    rows = selectors.saved_search_list(owner=owner, today=selectors.user_today(owner))
    return [_out(row) for row in rows]


@router.post("/saved-searches", response={201: SavedSearchOut, **WRITE_ERRORS})
def saved_search_create(request: ApiRequest, payload: SavedSearchIn) -> Status[dict[str, Any]]:
    """Save a search; listings already imported count as seen."""
    saved_search = services.saved_search_create(
        owner=request.auth, name=payload.name, params=payload.params
    )
    return Status(201, _shown(request.auth, saved_search))


@router.get("/saved-searches/{int:saved_search_id}", response={200: SavedSearchOut, **READ_ERRORS})
def saved_search_detail(request: ApiRequest, saved_search_id: int) -> dict[str, Any]:
    return _shown(request.auth, _owned(request.auth, saved_search_id))


@router.patch(
    "/saved-searches/{int:saved_search_id}", response={200: SavedSearchOut, **WRITE_ERRORS}
)
def saved_search_update(
    request: ApiRequest, saved_search_id: int, payload: SavedSearchPatch
) -> dict[str, Any]:
    """Rename it or replace its criteria."""
    saved_search = services.saved_search_update(
        owner=request.auth,
        saved_search=_owned(request.auth, saved_search_id),
        name=payload.name,
        params=payload.params,
    )
    return _shown(request.auth, saved_search)


@router.delete("/saved-searches/{int:saved_search_id}", response={204: None, **READ_ERRORS})
def saved_search_delete(request: ApiRequest, saved_search_id: int) -> Status[None]:
    services.saved_search_delete(
        owner=request.auth, saved_search=_owned(request.auth, saved_search_id)
    )
    return Status(204, None)


@router.get(
    "/saved-searches/{int:saved_search_id}/new", response={200: NewListingsOut, **READ_ERRORS}
)
def saved_search_new(
    request: ApiRequest, saved_search_id: int, filters: Query[NewFilters]
) -> dict[str, Any]:
    """Listings imported since the search was last seen, newest first, each with its fit;
    this marks the search seen unless `peek=true`."""
    owner = request.auth
    saved_search = _owned(owner, saved_search_id)
    since = saved_search.last_seen_at
    seen_at = timezone.now()
    result = selectors.saved_search_new(
        owner=owner, saved_search=saved_search, today=selectors.user_today(owner)
    )
    listings = [hit.listing for hit in result.hits]
    fits = fit_selectors.fit_for_listings(owner=owner, listings=listings)
    if not filters.peek:
        services.saved_search_mark_seen(owner=owner, saved_search=saved_search, at=seen_at)
    return {
        "items": [_listing(listing, fits[listing.pk].score) for listing in listings],
        "count": result.total,
        "since": since,
        "error": result.error,
    }
