from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
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
