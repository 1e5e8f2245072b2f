"""The listing search page and a listing's page: public data, for every signed-in user.

Dates are the user's: core.middleware.UserTimeZoneMiddleware activates their time zone, so
timezone.localdate() is the user's today (a listing expiring today is still shown)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from curbside.core.http import AuthedRequest

from ..forms.listings import ListingSearchForm
from ..selectors import listings as selectors
from ..selectors.fit import fit_for_listings
from ..selectors.tracking import listing_tracked_by

FACET_TITLES = {
    "specialty": "Specialty",
    "practice_setting": "Practice setting",
    "position_type": "Position type",
}


@dataclass(frozen=True, slots=True)
class FacetLink:
    label: str
    count: int
    selected: bool
    href: str  # the search with this value chosen, or without it when it is chosen


@dataclass(frozen=True, slots=True)
class FacetBlock:
    title: str
    links: tuple[FacetLink, ...]


def _facet_blocks(result: selectors.ListingSearchResult) -> list[FacetBlock]:
    params = result.params.with_changes(page=1)
    return [
        FacetBlock(
            FACET_TITLES[facet.name],
            tuple(
                FacetLink(
                    count.label,
                    count.count,
                    count.selected,
                    "?"
                    + params.with_changes(
                        **{facet.name: "" if count.selected else count.value}
                    ).to_query(),
                )
                for count in facet.counts
            ),
        )
        for facet in result.facets
    ]


@login_required
@require_GET
def listing_search(request: AuthedRequest) -> HttpResponse:
    form = ListingSearchForm(request.GET)
    result = selectors.listing_search(form.params(), today=timezone.localdate())
    listings = [hit.listing for hit in result.hits]
    fits = fit_for_listings(owner=request.user, listings=listings)
    for listing in listings:
        listing.fit = fits.get(listing.pk)
    context = {"form": form, "result": result, "facets": _facet_blocks(result)}
    template = "opportunities/listing_search.html" + ("#results" if request.htmx else "")
    return render(request, template, context)


@login_required
@require_GET
def listing_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    listing = selectors.listing_get(listing_id=pk)
    if listing is None:
        raise Http404("No such listing.")
    context = {
        "listing": listing,
        "fit": fit_for_listings(owner=request.user, listings=[listing]).get(listing.pk),
        "salary": selectors.listing_salary(listing),
        "is_expired": bool(listing.expires_on and listing.expires_on < timezone.localdate()),
        "tracked": listing_tracked_by(owner=request.user, listing=listing),
    }
    return render(request, "opportunities/listing_detail.html", context)
