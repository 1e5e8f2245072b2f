"""Recording a latent connection: the user confirms they know someone they share history with."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from curbside.network.models import Contact, Tie
from curbside.network.services import contact_self_ensure, tie_record

from ..selectors.ground import latent_connection_get

if TYPE_CHECKING:
    from curbside.accounts.models import User

CONTEXT_LENGTH = Tie._meta.get_field("context").max_length or 200


@transaction.atomic
def latent_tie_record(*, owner: "User", contact: Contact, strength: int = 2) -> Tie:
    """Record the tie between the user's self and `contact`, with the shared history that
    suggested it as its context ("trained together at Denver Health 2017–2019")."""
    if contact.owner_id != owner.pk:
        raise ValidationError("Unknown contact.")
    if contact.is_self:
        raise ValidationError("You cannot record a tie with yourself.")
    me = contact_self_ensure(owner=owner)
    first, second = sorted((me, contact), key=lambda person: person.pk)
    existing = Tie.objects.filter(owner=owner, person_a=first, person_b=second).first()
    if existing is not None:
        return existing  # a second click, or known already: keep what the user recorded
    latent = latent_connection_get(owner=owner, contact=contact)
    context = "; ".join(latent.evidence) if latent else ""
    if len(context) > CONTEXT_LENGTH:
        context = context[: CONTEXT_LENGTH - 1] + "…"
    return tie_record(owner=owner, person=me, other=contact, strength=strength, context=context)
