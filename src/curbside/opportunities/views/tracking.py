"""Tracking a job listing as one's own opportunity."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from curbside.core.http import AuthedRequest

from ..models import Listing
from ..services import tracking as services


@login_required
@require_POST
def listing_track(request: AuthedRequest, pk: int) -> HttpResponse:
    """Listings are public: any user may track one, into their own pipeline."""
    listing = get_object_or_404(Listing, pk=pk)
    opportunity = services.listing_track(owner=request.user, listing=listing)
    messages.success(request, f"“{opportunity.title}” is in your pipeline.")
    return redirect("opportunities:opportunity_detail", pk=opportunity.pk)
