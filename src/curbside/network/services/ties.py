"""Writes to ties: who knows whom, and the strength of the owner's own ties."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from ..models import Contact, Tie

if TYPE_CHECKING:
    from curbside.accounts.models import User
from .common import check_owner
from .contacts import contact_self_ensure


def _ordered(a: Contact, b: Contact) -> tuple[Contact, Contact]:
    return (a, b) if a.pk < b.pk else (b, a)


@transaction.atomic
def tie_record(
    *,
    owner: "User",
    person: Contact,
    other: Contact,
    strength: int = 3,
    context: str = "",
    since: int | None = None,
) -> Tie:
    """Record (or update) that two people know each other. Order does not matter."""
    check_owner(owner, person, other)
    if person.pk == other.pk:
        raise ValidationError("A person cannot have a tie with themselves.")
    first, second = _ordered(person, other)
    tie = Tie.objects.filter(owner=owner, person_a=first, person_b=second).first()
    if tie is None:
        tie = Tie(owner=owner, person_a=first, person_b=second)
    tie.strength = strength
    tie.context = context
    tie.since = since
    tie.full_clean(exclude=["owner"], validate_unique=False)
    tie.save()
    return tie


@transaction.atomic
def tie_update(*, owner: "User", tie: Tie, **fields: Any) -> Tie:
    check_owner(owner, tie)
    for field in ("strength", "context", "since"):
        if field in fields:
            setattr(tie, field, fields[field])
    tie.full_clean(exclude=["owner"], validate_unique=False)
    tie.save()
    return tie


@transaction.atomic
def tie_delete(*, owner: "User", tie: Tie) -> None:
    check_owner(owner, tie)
    tie.delete()


def contact_strength_set(*, owner: "User", contact: Contact, strength: int | None) -> Tie | None:
    """The relationship strength with a contact is the tie between self and that contact."""
    me = contact_self_ensure(owner=owner)
    if strength is None:
        Tie.objects.filter(owner=owner).filter(
            Q(person_a=me, person_b=contact) | Q(person_a=contact, person_b=me)
        ).delete()
        return None
    existing = (
        Tie.objects.filter(owner=owner)
        .filter(Q(person_a=me, person_b=contact) | Q(person_a=contact, person_b=me))
        .first()
    )
    return tie_record(
        owner=owner,
        person=me,
        other=contact,
        strength=strength,
        context=existing.context if existing else "",
        since=existing.since if existing else None,
    )
