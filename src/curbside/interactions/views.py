from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from curbside.core.http import AuthedRequest

from . import selectors


@login_required
@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "interactions/dashboard.html",
        {"today": today, "board": selectors.dashboard(owner=request.user, today=today)},
    )


def interaction_list(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def interaction_create(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def interaction_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def interaction_delete(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def follow_up_list(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def follow_up_create(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def follow_up_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def follow_up_complete(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def follow_up_snooze(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def follow_up_dismiss(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def follow_up_reopen(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def follow_up_delete(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")
