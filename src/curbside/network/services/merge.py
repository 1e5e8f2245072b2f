"""Merging two records of one person."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from ..models import Affiliation, Contact, Tie

if TYPE_CHECKING:
    from curbside.accounts.models import User
from .common import check_owner
from .contacts import contacts_touch_refresh
from .ties import _ordered

MERGE_TEXT_FIELDS = (
    "honorific",
    "first_name",
    "middle_name",
    "last_name",
    "suffix",
    "credentials",
    "specialty",
    "subspecialty",
    "npi",
    "city",
    "state",
    "zip_code",
    "country",
    "photo",
)
MERGE_APPEND_FIELDS = ("research_interests", "procedures", "how_we_met", "notes")


@transaction.atomic
def contact_merge(*, owner: "User", keep: Contact, merge: Contact) -> Contact:
    """Fold `merge` into `keep`: every email, phone, tag, affiliation, tie, interaction and
    follow-up moves over; empty fields are filled; notes are kept side by side."""
    from curbside.interactions.models import FollowUp, Interaction

    check_owner(owner, keep, merge)
    if keep.pk == merge.pk:
        raise ValidationError("Choose two different contacts to merge.")
    if merge.is_self:
        keep, merge = merge, keep
    for field in MERGE_TEXT_FIELDS:
        if not getattr(keep, field) and getattr(merge, field):
            setattr(keep, field, getattr(merge, field))
    for field in MERGE_APPEND_FIELDS:
        ours, theirs = getattr(keep, field), getattr(merge, field)
        if theirs and theirs not in ours:
            setattr(keep, field, f"{ours}\n\n{theirs}".strip())
    if keep.cadence_days is None or (merge.cadence_days or 10**6) < keep.cadence_days:
        keep.cadence_days = merge.cadence_days or keep.cadence_days
    if keep.introduced_by_id is None and merge.introduced_by_id not in {None, keep.pk}:
        keep.introduced_by_id = merge.introduced_by_id

    known_emails = set(keep.emails.values_list("email", flat=True))
    merge.emails.exclude(email__in=known_emails).update(contact=keep, is_primary=False)
    known_phones = set(keep.phones.values_list("number", flat=True))
    merge.phones.exclude(number__in=known_phones).update(contact=keep, is_primary=False)
    keep.tags.add(*merge.tags.all())
    Affiliation.objects.filter(owner=owner, contact=merge).update(contact=keep)
    Contact.objects.filter(owner=owner, introduced_by=merge).exclude(pk=keep.pk).update(
        introduced_by=keep
    )

    for tie in Tie.objects.filter(owner=owner).filter(Q(person_a=merge) | Q(person_b=merge)):
        other = tie.person_b if tie.person_a_id == merge.pk else tie.person_a
        if other.pk == keep.pk:
            continue  # a tie between the two halves of one person disappears with the merge
        first, second = _ordered(keep, other)
        current = Tie.objects.filter(owner=owner, person_a=first, person_b=second).first()
        if current is None:
            Tie.objects.create(
                owner=owner,
                person_a=first,
                person_b=second,
                strength=tie.strength,
                context=tie.context,
                since=tie.since,
            )
        else:
            current.strength = max(current.strength, tie.strength)
            current.context = current.context or tie.context
            current.since = min(filter(None, (current.since, tie.since)), default=None)
            current.save()

    for interaction in Interaction.objects.filter(owner=owner, contacts=merge):
        interaction.contacts.add(keep)
    FollowUp.objects.filter(owner=owner, contact=merge).update(contact=keep)

    merge.delete()
    keep.full_clean(exclude=["owner", "tags"])
    keep.save()
    contacts_touch_refresh(owner=owner, contact_ids=[keep.pk])
    keep.refresh_from_db()
    return keep
