"""/ties: who knows whom, undirected, with a strength of 1–5."""

from typing import Any

from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from curbside.accounts.models import User
from curbside.core.models import get_owned_or_404
from curbside.network import selectors, services
from curbside.network.models import Contact, Tie

from ..auth import ApiRequest
from ..common import (
    LIST_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    Pagination,
    one_or_404,
    optional_owned_or_422,
    owned_or_422,
)
from ..schemas import TieFilters, TieIn, TieOut, TiePatch, changes

router = Router(tags=["ties"])


def _shown(owner: User, pk: int) -> Tie:
    return one_or_404(selectors.tie_list(owner=owner), pk)


@router.get("/ties", response={200: list[TieOut], **LIST_ERRORS})
@paginate(Pagination)
def tie_list(request: ApiRequest, filters: Query[TieFilters]) -> Any:
    """Ties between your contacts; a tie with your own profile is that contact's strength."""
    contact = optional_owned_or_422(Contact, request.auth, filters.contact, field="contact")
    return selectors.tie_list(
        owner=request.auth,
        contact_id=contact.pk if contact else None,
        min_strength=filters.min_strength,
    )


@router.post("/ties", response={201: TieOut, **WRITE_ERRORS})
def tie_create(request: ApiRequest, payload: TieIn) -> Status[Tie]:
    """Record that two people know each other; the tie between them is updated if it exists."""
    owner = request.auth
    tie = services.tie_record(
        owner=owner,
        person=owned_or_422(Contact, owner, payload.person_a, field="person_a"),
        other=owned_or_422(Contact, owner, payload.person_b, field="person_b"),
        strength=payload.strength,
        context=payload.context,
        since=payload.since,
    )
    return Status(201, _shown(owner, tie.pk))


@router.get("/ties/{int:tie_id}", response={200: TieOut, **READ_ERRORS})
def tie_detail(request: ApiRequest, tie_id: int) -> Tie:
    return _shown(request.auth, tie_id)


@router.patch("/ties/{int:tie_id}", response={200: TieOut, **WRITE_ERRORS})
def tie_update(request: ApiRequest, tie_id: int, payload: TiePatch) -> Tie:
    """Change the strength, context or year; the two people of a tie stay."""
    tie = get_owned_or_404(Tie, request.auth, pk=tie_id)
    services.tie_update(owner=request.auth, tie=tie, **changes(payload))
    return _shown(request.auth, tie_id)


@router.delete("/ties/{int:tie_id}", response={204: None, **READ_ERRORS})
def tie_delete(request: ApiRequest, tie_id: int) -> Status[None]:
    tie = get_owned_or_404(Tie, request.auth, pk=tie_id)
    services.tie_delete(owner=request.auth, tie=tie)
    return Status(204, None)
