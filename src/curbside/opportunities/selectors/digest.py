"""Reads for the email digest: what is new for one user since the last digest, and what is due."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from curbside.accounts.models import User
from curbside.interactions.models import FollowUp
from curbside.interactions.selectors import follow_up_list

from .searches import DigestSearch, saved_search_digest, user_today

MAX_FOLLOW_UPS = 50  # an email, not the follow-ups page


@dataclass(frozen=True, slots=True)
class Digest:
    user: User
    today: date
    searches: Sequence[DigestSearch]  # only those with new listings
    follow_ups: Sequence[FollowUp]  # pending, due today or overdue, soonest first
    n_follow_ups: int

    @property
    def n_new(self) -> int:
        return sum(search.result.total for search in self.searches)

    @property
    def is_empty(self) -> bool:
        return not self.searches and not self.follow_ups


def digest_users(*, email: str = "") -> QuerySet[User]:
    """Who gets a digest: active accounts with an email address (or the one named)."""
    users = User.objects.filter(is_active=True).exclude(email="").order_by("pk")
    return users.filter(email__iexact=email.strip()) if email else users


def digest_for(*, user: User, today: date | None = None) -> Digest:
    """A user's digest: new listings per saved search since the last digest, and their due
    and overdue follow-ups, as of their own today."""
    today = today or user_today(user)
    due = follow_up_list(owner=user, due_by=today)
    follow_ups = list(due[: MAX_FOLLOW_UPS + 1])
    return Digest(
        user=user,
        today=today,
        searches=saved_search_digest(owner=user, today=today),
        follow_ups=follow_ups[:MAX_FOLLOW_UPS],
        n_follow_ups=len(follow_ups) if len(follow_ups) <= MAX_FOLLOW_UPS else due.count(),
    )
