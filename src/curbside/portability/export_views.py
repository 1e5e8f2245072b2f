"""The export page and the download it offers."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from curbside.core.http import AuthedRequest

from . import export_selectors
from .export_forms import ExportForm
from .export_selectors import attachment


def _page(request: AuthedRequest, form: ExportForm, *, status: int = 200) -> HttpResponse:
    counts = export_selectors.export_counts(owner=request.user)
    context = {"form": form, "counts": counts}
    return render(request, "portability/export.html", context, status=status)


@login_required
@require_GET
def export(request: AuthedRequest) -> HttpResponse:
    return _page(request, ExportForm())


@login_required
@require_GET
def export_download(request: AuthedRequest) -> HttpResponse:
    form = ExportForm(request.GET)
    if not form.is_valid():
        return _page(request, form, status=400)
    exported = export_selectors.export_file(
        owner=request.user,
        format=form.cleaned_data["format"],
        include_self=form.cleaned_data["include_self"],
    )
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = attachment(exported.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
