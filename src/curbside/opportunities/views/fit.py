"""Pages of fit and comparison: the physician's job preferences, and finalists side by side."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from curbside.core.http import AuthedRequest

from ..forms.fit import ComparisonWeightsForm, PreferencesForm
from ..selectors import fit as selectors
from ..services import preferences as services

MIN_COMPARED = 2


def _add_service_errors(form: PreferencesForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            try:
                services.job_preferences_update(owner=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, "Saved your job preferences: fit scores use them now.")
                return redirect("opportunities:preferences")
    else:
        stored = services.job_preferences_get_or_default(owner=request.user)
        form = PreferencesForm.for_preferences(stored)
    return render(request, "opportunities/preferences.html", {"form": form})


def _ids(values: list[str]) -> list[int]:
    """Ids from the query string, each once; anything that is not a number is ignored."""
    numbers = (int(value) for value in values if value.isdecimal() and len(value) < 19)
    return list(dict.fromkeys(numbers))


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_compare(request: AuthedRequest) -> HttpResponse:
    """2 to 5 of the owner's opportunities side by side; POST saves the weights."""
    ids = _ids(request.GET.getlist("ids"))
    comparison = None
    if MIN_COMPARED <= len(ids) <= selectors.MAX_COMPARED:
        comparison = selectors.opportunity_comparison(owner=request.user, ids=ids)
        if comparison is None:
            raise Http404("No such opportunity.")
    if request.method == "POST":
        form = ComparisonWeightsForm(request.POST)
        if form.is_valid():
            services.comparison_weights_set(owner=request.user, weights=form.cleaned_data)
            messages.success(request, "Saved your weights.")
            url = reverse("opportunities:opportunity_compare")
            return redirect(f"{url}?{urlencode({'ids': ids}, doseq=True)}" if ids else url)
    if comparison is None:
        choices = selectors.opportunity_choices_to_compare(owner=request.user)
        context = {"choices": choices, "chosen": ids, "max_compared": selectors.MAX_COMPARED}
        return render(request, "opportunities/opportunity_compare.html", context)
    if request.method != "POST":
        form = ComparisonWeightsForm(initial=comparison.weights)
    context = {"comparison": comparison, "form": form, "ids": ids}
    return render(request, "opportunities/opportunity_compare.html", context)
