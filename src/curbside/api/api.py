"""The REST API under /api/v1/: wiring, error shapes and the offline docs page."""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import DocsBase

from .auth import TokenAuth
from .routers import (
    affiliations,
    common_ground,
    contacts,
    export,
    followups,
    imports,
    interactions,
    intro_paths,
    listing_imports,
    listings,
    opportunities,
    organizations,
    saved_searches,
    ties,
)

DESCRIPTION = """\
Everything you keep in Curbside, for your own programs and scripts.

**Authentication.** Create a personal access token (in the web app or with
`curbside token create EMAIL`) and send it with every request:
`Authorization: Bearer cbs_…`.

**Lists** take `limit` (default 50, at most 500) and `offset`, and answer
`{"items": […], "count": total}`.

**Errors** are JSON: `{"detail": "message"}`. Invalid input answers 422 with the fields at
fault: `{"detail": "…", "errors": [{"field": "npi", "message": "…"}]}`. Another user's
records, like missing ones, answer 404 `{"detail": "Not found."}`.
"""


class OfflineSwagger(DocsBase):
    """Swagger UI from the copy django-ninja ships, started by a static script: the page
    loads nothing from the web and runs no inline script (our CSP forbids both)."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        context = {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)}
        return render(request, "api/docs.html", context)


class CurbsideAPI(NinjaAPI):
    def create_temporal_response(self, request: HttpRequest) -> HttpResponse:
        # Every answer of an operation holds private data: no browser or proxy may keep it.
        response = super().create_temporal_response(request)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response


api = CurbsideAPI(
    title="Curbside API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=TokenAuth(),
    docs=OfflineSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("", contacts.router)
api.add_router("", organizations.router)
api.add_router("", affiliations.router)
api.add_router("", ties.router)
api.add_router("", interactions.router)
api.add_router("", followups.router)
api.add_router("", imports.router)
api.add_router("", export.router)
api.add_router("", intro_paths.router)
api.add_router("", common_ground.router)
api.add_router("", opportunities.router)
api.add_router("", listings.router)
api.add_router("", listing_imports.router)
api.add_router("", saved_searches.router)


def _error(request: HttpRequest, detail: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


def _invalid(request: HttpRequest, errors: list[tuple[str | None, str]]) -> HttpResponse:
    detail = "; ".join(f"{field}: {message}" if field else message for field, message in errors)
    body = {
        "detail": detail or "Invalid input.",
        "errors": [{"field": field, "message": message} for field, message in errors],
    }
    return api.create_response(request, body, status=422)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, "Not found.", 404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _error(
        request, "Send a valid personal access token: Authorization: Bearer <token>.", 401
    )
    response["WWW-Authenticate"] = 'Bearer realm="curbside"'
    return response


@api.exception_handler(DjangoValidationError)
def domain_rule_broken(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """A service's or a model's ValidationError, with the field it names."""
    if hasattr(exc, "error_dict"):
        errors = [
            (None if field == NON_FIELD_ERRORS else field, message)
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [(None, message) for message in exc.messages]
    return _invalid(request, errors)


# Where a request's input sits in pydantic's error locations: dropped from the field name.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
_PARAMETERS = {"payload", "filters", "ninja_pagination"}


@api.exception_handler(NinjaValidationError)
def input_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    """Input that does not fit the schema (a missing field, a word where a date goes)."""
    errors: list[tuple[str | None, str]] = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ())]
        while location and (location[0] in _SOURCES or location[0] in _PARAMETERS):
            location.pop(0)
        errors.append((".".join(location) or None, str(error.get("msg", "Invalid input."))))
    return _invalid(request, errors)
