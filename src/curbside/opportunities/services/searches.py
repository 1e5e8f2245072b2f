"""Writes to saved listing searches: name a search, rename or change it, delete it, and
record when its results were last seen (what is new is what was imported since)."""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import SavedSearch
from ..search.params import DEFAULT_PER_PAGE, params_from_query

if TYPE_CHECKING:
    from curbside.accounts.models import User

MAX_SAVED_SEARCHES = 25


def search_params(query: Mapping[str, object]) -> dict[str, str]:
    """A search's criteria as stored: what the listing search understands, in its canonical
    form, without the page or anything else about how results are shown."""
    params, errors = params_from_query(query)
    if errors:
        raise ValidationError(dict(errors))
    criteria = params.with_changes(page=1, per_page=DEFAULT_PER_PAGE, created_after=None)
    return dict(parse_qsl(criteria.to_query()))


def _check_name(owner: "User", name: str, *, other_than: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Give the search a name."})
    taken = SavedSearch.objects.filter(owner=owner, name__iexact=name)
    if other_than is not None:
        taken = taken.exclude(pk=other_than)
    if taken.exists():
        raise ValidationError({"name": f"You already have a saved search named “{name}”."})
    return name


@transaction.atomic
def saved_search_create(*, owner: "User", name: str, params: Mapping[str, object]) -> SavedSearch:
    """Save a search. Listings already there count as seen: what is new starts now."""
    if SavedSearch.objects.filter(owner=owner).count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(
            f"You can keep {MAX_SAVED_SEARCHES} saved searches: delete one to save another."
        )
    now = timezone.now()
    saved_search = SavedSearch(
        owner=owner,
        name=_check_name(owner, name),
        params=search_params(params),
        last_seen_at=now,
        last_notified_at=now,
    )
    saved_search.full_clean(exclude=["owner"], validate_unique=False)
    saved_search.save()
    return saved_search


@transaction.atomic
def saved_search_update(
    *,
    owner: "User",
    saved_search: SavedSearch,
    name: str | None = None,
    params: Mapping[str, object] | None = None,
) -> SavedSearch:
    """Rename a saved search or change its criteria (when it was last seen stays)."""
    if saved_search.owner_id != owner.pk:
        raise ValidationError("Unknown saved search.")
    if name is not None:
        saved_search.name = _check_name(owner, name, other_than=saved_search.pk)
    if params is not None:
        saved_search.params = search_params(params)
    saved_search.full_clean(exclude=["owner"], validate_unique=False)
    saved_search.save()
    return saved_search


@transaction.atomic
def saved_search_delete(*, owner: "User", saved_search: SavedSearch) -> None:
    if saved_search.owner_id != owner.pk:
        raise ValidationError("Unknown saved search.")
    saved_search.delete()


def saved_search_mark_seen(
    *, owner: "User", saved_search: SavedSearch, at: datetime | None = None
) -> SavedSearch:
    """The owner has seen this search's results: only later imports are new."""
    seen_at = at or timezone.now()
    SavedSearch.objects.filter(owner=owner, pk=saved_search.pk).update(last_seen_at=seen_at)
    saved_search.last_seen_at = seen_at
    return saved_search


def saved_searches_mark_notified(
    *, owner: "User", saved_search_ids: Iterable[int], at: datetime
) -> int:
    """The digest told the owner about these searches' new listings up to `at`."""
    return SavedSearch.objects.filter(owner=owner, pk__in=list(saved_search_ids)).update(
        last_notified_at=at
    )
