from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from curbside.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request that went through @login_required and django-htmx's middleware."""

    user: "User"
    htmx: "HtmxDetails"
