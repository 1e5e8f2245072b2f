"""Reads about listings a physician tracks."""

from typing import TYPE_CHECKING

from curbside.opportunities.models import Listing, Opportunity

if TYPE_CHECKING:
    from curbside.accounts.models import User


def listing_tracked_by(*, owner: "User", listing: Listing) -> Opportunity | None:
    """The owner's opportunity made from this listing, if they track it (the first one)."""
    return Opportunity.objects.filter(owner=owner, listing=listing).order_by("pk").first()
