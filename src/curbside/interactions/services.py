"""Writes for interactions and follow-ups, and the rules that owe thank-yous."""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from curbside.network.models import Contact
from curbside.network.services import contacts_touch_refresh

from .models import FollowUp, Interaction

if TYPE_CHECKING:
    from curbside.accounts.models import User

# Someone gave their time or vouched for you: thank them the next day.
THANKS_AFTER = frozenset(
    {
        Interaction.Kind.MEETING,
        Interaction.Kind.INFORMATIONAL_INTERVIEW,
        Interaction.Kind.JOB_INTERVIEW,
        Interaction.Kind.REFERRAL_RECEIVED,
    }
)


def _check_contacts(owner: "User", contacts: Sequence[Contact]) -> None:
    if not contacts:
        raise ValidationError({"contacts": "Choose at least one person."})
    if any(contact.owner_id != owner.pk for contact in contacts):
        raise ValidationError({"contacts": "Unknown contact."})  # a form bug or a forged POST
    if any(contact.is_self for contact in contacts):
        raise ValidationError({"contacts": "Interactions are with other people, not yourself."})


@transaction.atomic
def interaction_log(
    *,
    owner: "User",
    kind: str,
    contacts: Sequence[Contact],
    happened_on: date,
    summary: str = "",
    sentiment: str = Interaction.Sentiment.NEUTRAL,
    owe_thanks: bool = True,
) -> Interaction:
    """Record an interaction; meetings, interviews and referrals owe each person a thank-you."""
    _check_contacts(owner, contacts)
    interaction = Interaction(
        owner=owner, kind=kind, happened_on=happened_on, summary=summary, sentiment=sentiment
    )
    interaction.full_clean(exclude=["owner"])
    interaction.save()
    interaction.contacts.set(contacts)
    if owe_thanks and kind in THANKS_AFTER:
        FollowUp.objects.bulk_create(
            FollowUp(
                owner=owner,
                contact=contact,
                kind=FollowUp.Kind.THANK_YOU,
                due_on=happened_on + timedelta(days=1),
                interaction=interaction,
                note=f"Thank you for the {interaction.get_kind_display().lower()}",
            )
            for contact in contacts
        )
    contacts_touch_refresh(owner=owner, contact_ids=[c.pk for c in contacts])
    return interaction


@transaction.atomic
def interaction_update(
    *,
    owner: "User",
    interaction: Interaction,
    contacts: Sequence[Contact] | None = None,
    **fields: object,
) -> Interaction:
    if interaction.owner_id != owner.pk:
        raise ValidationError("Unknown interaction.")
    before = set(interaction.contacts.values_list("pk", flat=True))
    for field in ("kind", "happened_on", "summary", "sentiment"):
        if field in fields:
            setattr(interaction, field, fields[field])
    interaction.full_clean(exclude=["owner"])
    interaction.save()
    if contacts is not None:
        _check_contacts(owner, contacts)
        interaction.contacts.set(contacts)
    contacts_touch_refresh(owner=owner, contact_ids=before | {c.pk for c in contacts or ()})
    return interaction


@transaction.atomic
def interaction_delete(*, owner: "User", interaction: Interaction) -> None:
    if interaction.owner_id != owner.pk:
        raise ValidationError("Unknown interaction.")
    contact_ids = list(interaction.contacts.values_list("pk", flat=True))
    interaction.delete()
    contacts_touch_refresh(owner=owner, contact_ids=contact_ids)


@transaction.atomic
def follow_up_create(
    *,
    owner: "User",
    contact: Contact,
    kind: str,
    due_on: date,
    note: str = "",
    interaction: Interaction | None = None,
) -> FollowUp:
    if contact.owner_id != owner.pk or (interaction and interaction.owner_id != owner.pk):
        raise ValidationError("Unknown contact.")
    follow_up = FollowUp(
        owner=owner, contact=contact, kind=kind, due_on=due_on, note=note, interaction=interaction
    )
    follow_up.full_clean(exclude=["owner"])
    follow_up.save()
    return follow_up


def _set_status(owner: "User", follow_up: FollowUp, status: str) -> FollowUp:
    if follow_up.owner_id != owner.pk:
        raise ValidationError("Unknown follow-up.")
    follow_up.status = status
    follow_up.completed_at = timezone.now() if status == FollowUp.Status.DONE else None
    follow_up.save(update_fields=["status", "completed_at", "due_on", "updated_at"])
    return follow_up


@transaction.atomic
def follow_up_complete(*, owner: "User", follow_up: FollowUp) -> FollowUp:
    return _set_status(owner, follow_up, FollowUp.Status.DONE)


@transaction.atomic
def follow_up_dismiss(*, owner: "User", follow_up: FollowUp) -> FollowUp:
    return _set_status(owner, follow_up, FollowUp.Status.DISMISSED)


@transaction.atomic
def follow_up_reopen(*, owner: "User", follow_up: FollowUp) -> FollowUp:
    return _set_status(owner, follow_up, FollowUp.Status.OPEN)


@transaction.atomic
def follow_up_snooze(*, owner: "User", follow_up: FollowUp, until: date) -> FollowUp:
    """Put a follow-up off until `until`; it comes back on the dashboard that day."""
    if until <= timezone.localdate():
        raise ValidationError({"until": "Snooze until a day after today."})
    follow_up.due_on = until
    return _set_status(owner, follow_up, FollowUp.Status.SNOOZED)


@transaction.atomic
def follow_up_update(*, owner: "User", follow_up: FollowUp, **fields: object) -> FollowUp:
    if follow_up.owner_id != owner.pk:
        raise ValidationError("Unknown follow-up.")
    for field in ("kind", "due_on", "note"):
        if field in fields:
            setattr(follow_up, field, fields[field])
    if "status" in fields:
        follow_up.status = str(fields["status"])
        follow_up.completed_at = (
            timezone.now() if follow_up.status == FollowUp.Status.DONE else None
        )
    follow_up.full_clean(exclude=["owner"])
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_delete(*, owner: "User", follow_up: FollowUp) -> None:
    if follow_up.owner_id != owner.pk:
        raise ValidationError("Unknown follow-up.")
    follow_up.delete()
