"""Asking for an introduction: the request marked sent is logged, and followed up a week on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.services import follow_up_create, interaction_log
from curbside.network.models import Contact, Organization

if TYPE_CHECKING:
    from curbside.accounts.models import User

__all__ = ["FOLLOW_UP_AFTER", "SENT_KINDS", "IntroRequestSent", "intro_request_mark_sent"]

FOLLOW_UP_AFTER = timedelta(days=7)  # long enough to answer, short enough to remember
SENT_KINDS = frozenset({Interaction.Kind.EMAIL, Interaction.Kind.MESSAGE})
NOTE_LENGTH = FollowUp._meta.get_field("note").max_length or 300


@dataclass(frozen=True, slots=True)
class IntroRequestSent:
    interaction: Interaction
    follow_up: FollowUp


@transaction.atomic
def intro_request_mark_sent(
    *,
    owner: User,
    chain_contact_ids: Sequence[int],
    message: str,
    sent_on: date,
    organization: Organization | None = None,
    kind: str = Interaction.Kind.EMAIL,
) -> IntroRequestSent:
    """Log the request to the first person of the chain (what was asked, then the message)
    and owe a follow-up with them in a week. The chain runs from the user's self contact to
    the target; every id must be one of the owner's contacts."""
    ids = list(chain_contact_ids)
    if len(ids) < 3 or len(set(ids)) != len(ids):
        raise ValidationError("An introduction needs someone between you and the target.")
    if kind not in SENT_KINDS:
        raise ValidationError({"kind": "An introduction request goes by email or message."})
    if organization is not None and organization.owner_id != owner.pk:
        raise ValidationError({"organization": "Unknown organization."})
    people = Contact.objects.filter(owner=owner).in_bulk(ids)
    if len(people) != len(ids):
        raise ValidationError("Unknown contact.")  # a forged or outdated chain
    if not people[ids[0]].is_self:
        raise ValidationError("A chain starts with you.")
    first, target = people[ids[1]], people[ids[-1]]
    asked = _what_was_asked(first, target, [people[pk] for pk in ids[2:-1]], organization)
    interaction = interaction_log(
        owner=owner,
        kind=kind,
        contacts=[first],
        happened_on=sent_on,
        summary=f"{asked}\n\n{message.strip()}" if message.strip() else asked,
        owe_thanks=False,
    )
    note = f"Introduction to {target.full_name}: did {first.full_name} answer?"
    follow_up = follow_up_create(
        owner=owner,
        contact=first,
        kind=FollowUp.Kind.FOLLOW_UP,
        due_on=sent_on + FOLLOW_UP_AFTER,
        note=note[:NOTE_LENGTH],
        interaction=interaction,
    )
    return IntroRequestSent(interaction, follow_up)


def _what_was_asked(
    first: Contact, target: Contact, between: Sequence[Contact], organization: Organization | None
) -> str:
    """ "Asked Ann Lee for advice and an introduction to Carl Diaz (Mercy Hospital)"."""
    whom = between[0].full_name if between else target.full_name
    text = f"Asked {first.full_name} for advice and an introduction to {whom}"
    if between:
        text += f", on the way to {target.full_name}"
    if organization is not None:
        text += f" ({organization.name})"
    return text + "."
