"""/api/v1/: the API's operations, its schema and docs, and JSON answers for the rest."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.urls import URLPattern, URLResolver, path, re_path

from .api import api

View = Callable[..., HttpResponseBase]


def _json_not_allowed(view: View) -> View:
    """django-ninja answers a method a path lacks in plain text; API errors are JSON."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        answer = JsonResponse({"detail": f'Method "{request.method}" not allowed.'}, status=405)
        answer["Allow"] = response["Allow"]
        return answer

    return wrapped


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return JsonResponse({"detail": "Not found."}, status=404)


def _api_patterns() -> list[URLPattern | URLResolver]:
    patterns, _, _ = api.urls
    for pattern in patterns:
        if not isinstance(pattern, URLPattern):
            continue
        if pattern.name == "api-root":
            # Kept for django-ninja's own reverse(); there is nothing to show at /api/v1/.
            pattern.callback = not_found
        else:
            pattern.callback = _json_not_allowed(pattern.callback)
    return [*patterns, re_path(r"", not_found, name="not_found")]


urlpatterns: list[URLPattern | URLResolver] = [
    path("", (_api_patterns(), "ninja", api.urls_namespace)),
]
