"""The import pages: upload files, check the preview, commit, see what was done."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from curbside.core.http import AuthedRequest

from . import forms, selectors, services
from .models import ImportBatch

ROWS_PER_PAGE = 100


def _batch_or_404(request: AuthedRequest, pk: int) -> ImportBatch:
    batch = selectors.import_batch_get(owner=request.user, pk=pk)
    if batch is None:
        raise Http404("No such import.")
    return batch


def _upload_page(request: AuthedRequest, form: forms.ImportUploadForm) -> HttpResponse:
    # An htmx upload swaps the form alone, keeping the chosen files in their input.
    if request.htmx:
        return render(request, "portability/import.html#upload", {"form": form})
    recent = selectors.import_batch_list(owner=request.user)
    return render(request, "portability/import.html", {"form": form, "recent": recent})


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        return _upload_page(request, forms.ImportUploadForm())
    form = forms.ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form)
    try:
        batch = services.import_preview(
            owner=request.user, files=form.file_contents(), mapping=form.mapping()
        )
    except ValidationError as error:
        headers = services.mapping_headers(error)
        if headers and not form.column_headers:
            form = forms.ImportUploadForm(request.POST, request.FILES, headers=headers)
            form.is_valid()
        for message in error.messages:
            form.add_error(None, message)
        return _upload_page(request, form)
    url = reverse("portability:import_preview", args=[batch.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _preview_page(
    request: AuthedRequest, batch: ImportBatch, form: forms.ImportCommitForm
) -> HttpResponse:
    show = request.GET.get("show", "")
    show = show if show in selectors.ROW_FILTERS else ""
    rows = selectors.import_rows(batch, show=show)
    context = {
        "batch": batch,
        "form": form,
        "show": show,
        "filters": selectors.ROW_FILTERS,
        "page": Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page")),
    }
    return render(request, "portability/import_preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: AuthedRequest, pk: int) -> HttpResponse:
    """The preview of an upload; POST commits it."""
    batch = _batch_or_404(request, pk)
    if batch.is_committed:
        return redirect("portability:import_report", pk=batch.pk)
    if request.method != "POST":
        return _preview_page(request, batch, forms.ImportCommitForm())
    form = forms.ImportCommitForm(request.POST)
    if form.is_valid():
        try:
            batch = services.import_commit(
                owner=request.user, batch=batch, skip_bad_rows=form.cleaned_data["skip_bad_rows"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Import done.")
            return redirect("portability:import_report", pk=batch.pk)
    return _preview_page(request, batch, form)


@login_required
@require_POST
def import_discard(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = _batch_or_404(request, pk)
    try:
        services.import_discard(owner=request.user, batch=batch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("portability:import_report", pk=batch.pk)
    messages.success(request, "The import was discarded; nothing was imported.")
    return redirect("portability:import")


@login_required
@require_GET
def import_report(request: AuthedRequest, pk: int) -> HttpResponse:
    batch = _batch_or_404(request, pk)
    if not batch.is_committed:
        return redirect("portability:import_preview", pk=batch.pk)
    report = selectors.import_report(owner=request.user, batch=batch)
    return render(request, "portability/import_report.html", {"report": report, "batch": batch})
