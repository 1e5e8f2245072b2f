"""Reads of saved listing searches: what is new in each since it was last seen (or since the
digest last told the owner), through the same listing search as the search page.

Counting what is new runs one listing search (two or three queries) per saved search, each
restricted to listings created after that search was last seen. Two things keep that
bounded: an owner keeps at most services.searches.MAX_SAVED_SEARCHES, and a search last seen
after the newest import is not run at all (one query finds the newest import), so on a day
without imports the list costs two queries however many searches there are.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Max
from django.db.models.functions import Lower
from django.http import QueryDict
from django.utils import timezone

from ..classify import POSITION_TYPES, PRACTICE_SETTINGS, SPECIALTIES
from ..models import ListingSearch, SavedSearch
from .listings import ListingSearchParams, ListingSearchResult, listing_search, params_from_query

if TYPE_CHECKING:
    from curbside.accounts.models import User

NEW_PER_PAGE = 50  # new listings shown at once for one saved search


@dataclass(frozen=True, slots=True)
class SavedSearchRow:
    saved_search: SavedSearch
    n_new: int
    error: str = ""  # why the search could not run (a place no longer found)


def user_today(user: "User") -> date:
    """The user's own date, in their time zone (for the API and the digest, where no
    middleware has activated it)."""
    try:
        zone = ZoneInfo(user.time_zone) if user.time_zone else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    return timezone.localdate(timezone=zone) if zone else timezone.localdate()


def saved_search_params(saved_search: SavedSearch) -> ListingSearchParams:
    """The stored criteria as search parameters (values no longer understood are left out)."""
    params, _ = params_from_query(saved_search.params or {})
    return params


def saved_search_query(saved_search: SavedSearch) -> str:
    """The query string that opens the saved search on the search page."""
    return saved_search_params(saved_search).with_changes(page=1, created_after=None).to_query()


def _new_since(
    saved_search: SavedSearch, since: datetime | None, *, today: date, per_page: int
) -> ListingSearchResult:
    params = saved_search_params(saved_search).with_changes(
        created_after=since, sort="date", page=1, per_page=per_page
    )
    return listing_search(params, today=today)


def _newest_import() -> datetime | None:
    newest: datetime | None = ListingSearch.objects.aggregate(newest=Max("created_at"))["newest"]
    return newest


def _rows(searches: list[SavedSearch], *, today: date, since_field: str) -> list[SavedSearchRow]:
    """Each search with how many listings are new since `since_field`; a search whose time is
    after the newest import has nothing new, and is not searched."""
    newest = _newest_import() if searches else None
    rows = []
    for saved_search in searches:
        since: datetime | None = getattr(saved_search, since_field)
        if newest is None or (since is not None and since >= newest):
            rows.append(SavedSearchRow(saved_search=saved_search, n_new=0))
            continue
        result = _new_since(saved_search, since, today=today, per_page=1)
        rows.append(
            SavedSearchRow(saved_search=saved_search, n_new=result.total, error=result.error)
        )
    return rows


def saved_search_list(
    *, owner: "User", today: date, limit: int | None = None
) -> list[SavedSearchRow]:
    """The owner's saved searches by name, each with how many listings are new since it was
    last seen. At most two queries, plus one listing search per search with new imports."""
    searches = SavedSearch.objects.filter(owner=owner).order_by(Lower("name"), "pk")
    return _rows(
        list(searches[:limit] if limit else searches), today=today, since_field="last_seen_at"
    )


def saved_search_row(*, owner: "User", saved_search: SavedSearch, today: date) -> SavedSearchRow:
    """One saved search with how many listings are new since it was last seen."""
    if saved_search.owner_id != owner.pk:
        raise ValueError("The saved search is not the owner's.")
    return _rows([saved_search], today=today, since_field="last_seen_at")[0]


def saved_search_new(
    *, owner: "User", saved_search: SavedSearch, today: date, per_page: int = NEW_PER_PAGE
) -> ListingSearchResult:
    """Listings matching a saved search that were imported after it was last seen, newest
    first (`owner` must own it: callers fetch it through the owner)."""
    if saved_search.owner_id != owner.pk:
        raise ValueError("The saved search is not the owner's.")
    return _new_since(saved_search, saved_search.last_seen_at, today=today, per_page=per_page)


@dataclass(frozen=True, slots=True)
class DigestSearch:
    saved_search: SavedSearch
    result: ListingSearchResult  # new since the last digest, newest first


def saved_search_digest(*, owner: "User", today: date, per_search: int = 10) -> list[DigestSearch]:
    """For the digest: each saved search with listings imported since the last digest told
    the owner about it (or since it was saved)."""
    searches = list(SavedSearch.objects.filter(owner=owner).order_by(Lower("name"), "pk"))
    newest = _newest_import() if searches else None
    found = []
    for saved_search in searches:
        since = saved_search.last_notified_at or saved_search.created_at
        if newest is None or since >= newest:
            continue
        result = _new_since(saved_search, since, today=today, per_page=per_search)
        if result.total:
            found.append(DigestSearch(saved_search=saved_search, result=result))
    return found


def describe(params: ListingSearchParams) -> str:
    """A search's criteria in words: "“icu” · Cardiology · within 50 miles of 80202"."""
    parts = []
    if params.q:
        parts.append(f"“{params.q}”")
    parts.extend(
        vocabulary.get(value, value)
        for value, vocabulary in (
            (params.specialty, SPECIALTIES),
            (params.practice_setting, PRACTICE_SETTINGS),
            (params.position_type, POSITION_TYPES),
        )
        if value
    )
    if params.salary_floor is not None:
        parts.append(f"at least ${params.salary_floor:,} a year")
    if params.visa:
        parts.append("visa sponsorship")
    if params.near:
        parts.append(f"within {params.radius} miles of {params.near}")
    if params.posted_since is not None:
        parts.append(f"posted since {params.posted_since:%b %-d, %Y}")
    return " · ".join(parts) or "All listings"


def describe_query(query: str) -> str:
    """describe() of a query string, as the search page passes it."""
    params, _ = params_from_query(QueryDict(query))
    return describe(params)
