"""Reads of interactions and follow-ups, and the dashboard's "Today"."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When

from curbside.network.models import Contact
from curbside.network.selectors import contact_search, with_strength

from .models import FollowUp, Interaction

if TYPE_CHECKING:
    from curbside.accounts.models import User

PENDING = (FollowUp.Status.OPEN, FollowUp.Status.SNOOZED)


def interaction_list(
    *,
    owner: "User",
    contact_id: int | None = None,
    kind: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[Interaction]:
    interactions = Interaction.objects.filter(owner=owner)
    if contact_id is not None:
        interactions = interactions.filter(contacts__id=contact_id)
    if kind:
        interactions = interactions.filter(kind=kind)
    if since is not None:
        interactions = interactions.filter(happened_on__gte=since)
    if until is not None:
        interactions = interactions.filter(happened_on__lte=until)
    return interactions.order_by("-happened_on", "-pk").prefetch_related(
        Prefetch("contacts", queryset=Contact.objects.order_by("last_name", "first_name"))
    )


def follow_up_list(
    *,
    owner: "User",
    status: str = "pending",
    kind: str = "",
    contact_id: int | None = None,
    due_by: date | None = None,
) -> QuerySet[FollowUp]:
    """Follow-ups; status "pending" means open or snoozed, "" means all."""
    follow_ups = FollowUp.objects.filter(owner=owner)
    if status == "pending":
        follow_ups = follow_ups.filter(status__in=PENDING)
    elif status:
        follow_ups = follow_ups.filter(status=status)
    if kind:
        follow_ups = follow_ups.filter(kind=kind)
    if contact_id is not None:
        follow_ups = follow_ups.filter(contact_id=contact_id)
    if due_by is not None:
        follow_ups = follow_ups.filter(due_on__lte=due_by)
    return follow_ups.select_related("contact", "interaction").order_by("due_on", "pk")


def contact_list_fading(*, owner: "User", today: date) -> QuerySet[Contact]:
    """Contacts whose keep-in-touch cadence has run out: strongest ties, longest overdue first."""
    contacts = Contact.objects.filter(owner=owner, is_self=False, next_touch_on__lte=today)
    return with_strength(contacts, owner).order_by("-strength", "next_touch_on", "pk")


@dataclass(frozen=True, slots=True)
class Today:
    thank_yous: list[FollowUp]
    follow_ups: list[FollowUp]
    upcoming: list[FollowUp]
    reconnect: list[Contact]
    has_more_reconnect: bool
    recent: list[Interaction]


def dashboard(*, owner: "User", today: date, n_reconnect: int = 10, n_recent: int = 8) -> Today:
    """What to do today: owed thank-yous first, then follow-ups, people to reconnect with."""
    # One query for every pending follow-up due within the week; split below.
    horizon = date.fromordinal(today.toordinal() + 7)
    due = list(follow_up_list(owner=owner, due_by=horizon))
    thank_yous = [f for f in due if f.kind == FollowUp.Kind.THANK_YOU and f.due_on <= today]
    follow_ups = [f for f in due if f.kind != FollowUp.Kind.THANK_YOU and f.due_on <= today]
    upcoming = [f for f in due if f.due_on > today]
    fading = list(contact_list_fading(owner=owner, today=today)[: n_reconnect + 1])
    recent = list(interaction_list(owner=owner)[:n_recent])
    return Today(
        thank_yous=thank_yous,
        follow_ups=follow_ups,
        upcoming=upcoming,
        reconnect=fading[:n_reconnect],
        has_more_reconnect=len(fading) > n_reconnect,
        recent=recent,
    )


def interaction_list_matching(
    *,
    owner: "User",
    query: str = "",
    contact_id: int | None = None,
    kind: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[Interaction]:
    """interaction_list narrowed to interactions with someone matching `query` (name, org …)."""
    interactions = interaction_list(
        owner=owner, contact_id=contact_id, kind=kind, since=since, until=until
    )
    if query.strip():
        people = contact_search(Contact.objects.filter(owner=owner), owner, query)
        # Exists, not a join: an interaction with two matching people is listed once.
        with_match = Interaction.contacts.through.objects.filter(
            interaction_id=OuterRef("pk"), contact__in=people
        )
        interactions = interactions.filter(Exists(with_match))
    return interactions


def contact_choices(
    *, owner: "User", query: str = "", chosen_ids: Collection[int] = ()
) -> QuerySet[Contact]:
    """Contacts a form may pick (never self): the chosen ones first, then the rest by name,
    narrowed by `query` (the chosen ones always stay)."""
    contacts = Contact.objects.filter(owner=owner, is_self=False)
    if query.strip():
        matching = contact_search(contacts, owner, query).values("pk")
        contacts = contacts.filter(Q(pk__in=matching) | Q(pk__in=list(chosen_ids)))
    if chosen_ids:
        chosen_first = Case(When(pk__in=list(chosen_ids), then=Value(0)), default=Value(1))
        return contacts.order_by(chosen_first, "last_name", "first_name", "pk")
    return contacts.order_by("last_name", "first_name", "pk")
