"""The staff pages that import job listings: upload or download, preview, commit or discard.

Listings are shared by everyone on the instance, so only staff import them; to anyone else
these pages do not exist (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from curbside.core.http import AuthedRequest
from curbside.core.imports import mapping_headers

from ..forms.listing_imports import ListingImportCommitForm, ListingImportForm
from ..models import ListingImport
from ..selectors import listing_imports as selectors
from ..services import listings as services

ROWS_PER_PAGE = 100


def _staff_only(request: AuthedRequest) -> None:
    if not request.user.is_staff:
        raise Http404("Only the instance's administrators import listings.")


def _batch_or_404(request: AuthedRequest, pk: int) -> ListingImport:
    _staff_only(request)
    batch = selectors.listing_import_get(pk=pk)
    if batch is None:
        raise Http404("No such import.")
    return batch


def _upload_page(request: AuthedRequest, form: ListingImportForm) -> HttpResponse:
    # An htmx upload swaps the form alone, keeping the chosen files in their input.
    if request.htmx:
        return render(request, "opportunities/listing_import.html#upload", {"form": form})
    recent = selectors.listing_import_list()
    return render(request, "opportunities/listing_import.html", {"form": form, "recent": recent})


def _preview(request: AuthedRequest, form: ListingImportForm) -> ListingImport:
    files = form.file_contents()
    if form.cleaned_data["url"]:
        files.append(services.listing_fetch(form.cleaned_data["url"]))
    return services.listing_import_preview(
        files=files,
        source=form.cleaned_data["source"],
        created_by=request.user,
        column_mapping=form.mapping(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def listing_import_upload(request: AuthedRequest) -> HttpResponse:
    _staff_only(request)
    if request.method != "POST":
        return _upload_page(request, ListingImportForm())
    form = ListingImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form)
    try:
        batch = _preview(request, form)
    except ValidationError as error:
        headers = mapping_headers(error)
        if headers and not form.column_headers:
            form = ListingImportForm(request.POST, request.FILES, headers=headers)
            form.is_valid()
        for message in error.messages:
            form.add_error(None, message)
        return _upload_page(request, form)
    url = reverse("opportunities:listing_import_preview", args=[batch.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _preview_page(
    request: AuthedRequest, batch: ListingImport, form: ListingImportCommitForm
) -> HttpResponse:
    show = request.GET.get("show", "")
    show = show if show in selectors.ROW_FILTERS else ""
    rows = selectors.listing_import_rows(batch, show=show)
    context = {
        "batch": batch,
        "form": form,
        "show": show,
        "filters": selectors.ROW_FILTERS,
        "page": Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page")),
    }
    return render(request, "opportunities/listing_import_preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def listing_import_preview(request: AuthedRequest, pk: int) -> HttpResponse:
    """The preview of an upload (and, once committed, what it did); POST commits it."""
    batch = _batch_or_404(request, pk)
    if request.method != "POST":
        return _preview_page(request, batch, ListingImportCommitForm())
    form = ListingImportCommitForm(request.POST)
    if form.is_valid():
        try:
            batch = services.listing_import_commit(
                batch=batch, skip_bad_rows=form.cleaned_data["skip_bad_rows"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                f"Imported: {batch.n_create} new, {batch.n_update} updated, "
                f"{batch.n_skip} unchanged.",
            )
            return redirect("opportunities:listing_import_preview", pk=batch.pk)
    return _preview_page(request, batch, form)


@login_required
@require_POST
def listing_import_discard(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = _batch_or_404(request, pk)
    try:
        services.listing_import_discard(batch=batch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("opportunities:listing_import_preview", pk=batch.pk)
    messages.success(request, "The import was discarded; no listing was imported.")
    return redirect("opportunities:listing_import")
