"""Pages of saved listing searches: the list, saving one from the search page, what is new
in one (which marks it seen), and deleting one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from curbside.core.http import AuthedRequest
from curbside.core.models import get_owned_or_404

from ..forms.searches import SavedSearchForm
from ..models import SavedSearch
from ..selectors import fit as fit_selectors
from ..selectors import searches as selectors
from ..services import searches as services


@login_required
@require_GET
def saved_search_list(request: AuthedRequest) -> HttpResponse:
    rows = selectors.saved_search_list(owner=request.user, today=timezone.localdate())
    return render(request, "opportunities/saved_search_list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def saved_search_create(request: AuthedRequest) -> HttpResponse:
    """Save the search whose query string comes in `query` (the search page's form)."""
    data = request.POST if request.method == "POST" else None
    form = SavedSearchForm(data, initial={"query": request.GET.get("query", "")})
    if form.is_valid():
        try:
            saved_search = services.saved_search_create(
                owner=request.user,
                name=form.cleaned_data["name"],
                params=QueryDict(form.cleaned_data["query"]),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, f"Saved “{saved_search.name}”. New listings that match will show here."
            )
            return redirect("opportunities:saved_search_list")
    query = form["query"].value() or ""
    criteria = selectors.describe_query(query)
    context = {"form": form, "criteria": criteria}
    return render(request, "opportunities/saved_search_form.html", context)


@login_required
@require_GET
def saved_search_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """What is new since the search was last seen; seeing it marks it seen."""
    saved_search = get_owned_or_404(SavedSearch, request.user, pk=pk)
    seen_at = timezone.now()
    since = saved_search.last_seen_at
    result = selectors.saved_search_new(
        owner=request.user, saved_search=saved_search, today=timezone.localdate()
    )
    listings = [hit.listing for hit in result.hits]
    fits = fit_selectors.fit_for_listings(owner=request.user, listings=listings)
    services.saved_search_mark_seen(owner=request.user, saved_search=saved_search, at=seen_at)
    context = {
        "saved_search": saved_search,
        "since": since,
        "result": result,
        "rows": [(listing, fits.get(listing.pk)) for listing in listings],
        "criteria": selectors.describe(selectors.saved_search_params(saved_search)),
        "query": selectors.saved_search_query(saved_search),
    }
    return render(request, "opportunities/saved_search_detail.html", context)


@login_required
@require_POST
def saved_search_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    saved_search = get_owned_or_404(SavedSearch, request.user, pk=pk)
    services.saved_search_delete(owner=request.user, saved_search=saved_search)
    messages.success(request, f"Deleted the saved search “{saved_search.name}”.")
    return redirect("opportunities:saved_search_list")
