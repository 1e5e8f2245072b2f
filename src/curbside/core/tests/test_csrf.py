"""Every form of the site is protected against cross-site request forgery.

The URLs are found by walking the URL resolver, so a form added later is checked too.
Excluded: the API (bearer tokens, no cookies) and the Django admin (Django tests its own).
"""

import re

import pytest
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.test import Client
from django.urls import reverse

from curbside.accounts import services

from .url_walk import Route, site_routes

pytestmark = pytest.mark.django_db

NOT_CSRF_PROTECTED_PREFIXES = ("api/", "admin/")
REJECTED_HEADER = "X-Csrf-Rejected"


def csrf_rejected(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Stands in for Django's CSRF failure page, so a 403 is known to come from the check."""
    response = HttpResponseForbidden()
    response[REJECTED_HEADER] = reason or "rejected"
    return response


@pytest.fixture(autouse=True)
def _recognisable_csrf_failures(settings):
    settings.CSRF_FAILURE_VIEW = f"{__name__}.csrf_rejected"


def form_routes() -> list[Route]:
    return [
        route for route in site_routes() if not route.route.startswith(NOT_CSRF_PROTECTED_PREFIXES)
    ]


@pytest.mark.parametrize("signed_in", [True, False], ids=["signed-in", "anonymous"])
@pytest.mark.parametrize("route", form_routes(), ids=lambda route: route.name or route.route)
def test_a_post_without_a_csrf_token_is_refused(alice, route, signed_in):
    client = Client(enforce_csrf_checks=True)
    if signed_in:
        client.force_login(alice)
    # An object of the user for URLs with an id. The check runs in the middleware, before
    # the view looks anything up; a view exempted from it would act on this token.
    token, _ = services.token_create(owner=alice, name="laptop")

    response = client.post(route.path(object_id=token.pk), {"name": "forged"})

    assert response.status_code == 403
    assert response.has_header(REJECTED_HEADER)


def test_the_walk_reaches_the_sites_forms():
    names = {route.name for route in form_routes()}
    assert {"accounts:login", "accounts:signup", "accounts:token_revoke"} <= names


def test_a_post_with_the_csrf_token_is_accepted(alice):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("accounts:login")).content.decode()
    csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert csrf_token is not None

    response = client.post(
        reverse("accounts:login"),
        {
            "csrfmiddlewaretoken": csrf_token[1],
            "username": "alice@example.org",
            "password": "correct horse battery",
        },
    )

    assert response.status_code == 302
    assert not response.has_header(REJECTED_HEADER)
