"""/interactions: meetings, calls, emails, interviews… with one or more contacts."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from curbside.accounts.models import User
from curbside.core.models import get_owned_or_404
from curbside.interactions import selectors, services
from curbside.interactions.models import Interaction
from curbside.network import selectors as network_selectors
from curbside.network.models import Contact

from ..auth import ApiRequest
from ..common import (
    LIST_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    Pagination,
    one_or_404,
    optional_owned_or_422,
)
from ..schemas import (
    InteractionFilters,
    InteractionIn,
    InteractionOut,
    InteractionPatch,
    changes,
)

router = Router(tags=["interactions"])


def _shown(owner: User, pk: int) -> Interaction:
    return one_or_404(selectors.interaction_list(owner=owner), pk)


def _contacts(owner: User, ids: Sequence[int]) -> list[Contact]:
    """The owner's contacts with these ids; any other id is a field error."""
    contacts = network_selectors.contact_list_by_ids(owner=owner, ids=ids)
    missing = sorted(set(ids) - {contact.pk for contact in contacts})
    if missing:
        raise ValidationError({"contacts": f"Unknown contact: {missing[0]}."})
    return contacts


@router.get("/interactions", response={200: list[InteractionOut], **LIST_ERRORS})
@paginate(Pagination)
def interaction_list(request: ApiRequest, filters: Query[InteractionFilters]) -> Any:
    """Interactions, most recent first."""
    contact = optional_owned_or_422(Contact, request.auth, filters.contact, field="contact")
    return selectors.interaction_list(
        owner=request.auth,
        contact_id=contact.pk if contact else None,
        kind=filters.kind or "",
        since=filters.since,
        until=filters.until,
    )


@router.post("/interactions", response={201: InteractionOut, **WRITE_ERRORS})
def interaction_create(request: ApiRequest, payload: InteractionIn) -> Status[Interaction]:
    """Log an interaction. Meetings, interviews and referrals owe each person a thank-you
    due the next day (see /followups)."""
    data = payload.model_dump()
    data["contacts"] = _contacts(request.auth, data["contacts"])
    interaction = services.interaction_log(owner=request.auth, **data)
    return Status(201, _shown(request.auth, interaction.pk))


@router.get("/interactions/{int:interaction_id}", response={200: InteractionOut, **READ_ERRORS})
def interaction_detail(request: ApiRequest, interaction_id: int) -> Interaction:
    return _shown(request.auth, interaction_id)


def _update(owner: User, interaction_id: int, data: dict[str, Any]) -> Interaction:
    interaction = get_owned_or_404(Interaction, owner, pk=interaction_id)
    ids = data.pop("contacts", None)
    services.interaction_update(
        owner=owner,
        interaction=interaction,
        contacts=None if ids is None else _contacts(owner, ids),
        **data,
    )
    return _shown(owner, interaction_id)


@router.patch("/interactions/{int:interaction_id}", response={200: InteractionOut, **WRITE_ERRORS})
def interaction_update(
    request: ApiRequest, interaction_id: int, payload: InteractionPatch
) -> Interaction:
    return _update(request.auth, interaction_id, changes(payload))


@router.put("/interactions/{int:interaction_id}", response={200: InteractionOut, **WRITE_ERRORS})
def interaction_replace(
    request: ApiRequest, interaction_id: int, payload: InteractionIn
) -> Interaction:
    """Replace every field; `owe_thanks` applies only when logging."""
    data = payload.model_dump()
    del data["owe_thanks"]
    return _update(request.auth, interaction_id, data)


@router.delete("/interactions/{int:interaction_id}", response={204: None, **READ_ERRORS})
def interaction_delete(request: ApiRequest, interaction_id: int) -> Status[None]:
    interaction = get_owned_or_404(Interaction, request.auth, pk=interaction_id)
    services.interaction_delete(owner=request.auth, interaction=interaction)
    return Status(204, None)
