from django.http import Http404, HttpRequest, HttpResponse


def contact_list(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def contact_create(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def contact_quick_add(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def contact_detail(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def contact_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def contact_delete(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def contact_merge(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def contact_photo(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def contact_snooze(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def affiliation_create(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def affiliation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def affiliation_delete(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def tie_create(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def tie_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def tie_delete(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def organization_list(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def organization_create(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def organization_detail(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def organization_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def organization_delete(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")


def profile(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    raise Http404("Not built yet.")
