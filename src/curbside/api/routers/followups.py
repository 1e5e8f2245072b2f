"""/followups: thank-yous, follow-ups, keep-in-touch reminders and closure notes."""

from typing import Any

from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from curbside.accounts.models import User
from curbside.core.models import get_owned_or_404
from curbside.interactions import selectors, services
from curbside.interactions.models import FollowUp, Interaction
from curbside.network.models import Contact

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
from ..schemas import (
    FollowUpFilters,
    FollowUpIn,
    FollowUpOut,
    FollowUpPatch,
    FollowUpSnoozeIn,
    changes,
)

router = Router(tags=["followups"])


def _shown(owner: User, pk: int) -> FollowUp:
    return one_or_404(selectors.follow_up_list(owner=owner, status=""), pk)


def _owned(owner: User, follow_up_id: int) -> FollowUp:
    return get_owned_or_404(FollowUp, owner, pk=follow_up_id)


@router.get("/followups", response={200: list[FollowUpOut], **LIST_ERRORS})
@paginate(Pagination)
def follow_up_list(request: ApiRequest, filters: Query[FollowUpFilters]) -> Any:
    """Follow-ups, soonest due first."""
    contact = optional_owned_or_422(Contact, request.auth, filters.contact, field="contact")
    return selectors.follow_up_list(
        owner=request.auth,
        status=filters.status or "",
        kind=filters.kind or "",
        contact_id=contact.pk if contact else None,
        due_by=filters.due_by,
    )


@router.post("/followups", response={201: FollowUpOut, **WRITE_ERRORS})
def follow_up_create(request: ApiRequest, payload: FollowUpIn) -> Status[FollowUp]:
    owner = request.auth
    follow_up = services.follow_up_create(
        owner=owner,
        contact=owned_or_422(Contact, owner, payload.contact, field="contact"),
        kind=payload.kind,
        due_on=payload.due_on,
        note=payload.note,
        interaction=optional_owned_or_422(
            Interaction, owner, payload.interaction, field="interaction"
        ),
    )
    return Status(201, _shown(owner, follow_up.pk))


@router.get("/followups/{int:follow_up_id}", response={200: FollowUpOut, **READ_ERRORS})
def follow_up_detail(request: ApiRequest, follow_up_id: int) -> FollowUp:
    return _shown(request.auth, follow_up_id)


@router.patch("/followups/{int:follow_up_id}", response={200: FollowUpOut, **WRITE_ERRORS})
def follow_up_update(request: ApiRequest, follow_up_id: int, payload: FollowUpPatch) -> FollowUp:
    """Change the kind, due date, note or status; the contact of a follow-up stays."""
    follow_up = _owned(request.auth, follow_up_id)
    services.follow_up_update(owner=request.auth, follow_up=follow_up, **changes(payload))
    return _shown(request.auth, follow_up_id)


@router.delete("/followups/{int:follow_up_id}", response={204: None, **READ_ERRORS})
def follow_up_delete(request: ApiRequest, follow_up_id: int) -> Status[None]:
    services.follow_up_delete(owner=request.auth, follow_up=_owned(request.auth, follow_up_id))
    return Status(204, None)


@router.post("/followups/{int:follow_up_id}/complete", response={200: FollowUpOut, **READ_ERRORS})
def follow_up_complete(request: ApiRequest, follow_up_id: int) -> FollowUp:
    """Mark it done."""
    services.follow_up_complete(owner=request.auth, follow_up=_owned(request.auth, follow_up_id))
    return _shown(request.auth, follow_up_id)


@router.post("/followups/{int:follow_up_id}/dismiss", response={200: FollowUpOut, **READ_ERRORS})
def follow_up_dismiss(request: ApiRequest, follow_up_id: int) -> FollowUp:
    """Drop it without doing it."""
    services.follow_up_dismiss(owner=request.auth, follow_up=_owned(request.auth, follow_up_id))
    return _shown(request.auth, follow_up_id)


@router.post("/followups/{int:follow_up_id}/reopen", response={200: FollowUpOut, **READ_ERRORS})
def follow_up_reopen(request: ApiRequest, follow_up_id: int) -> FollowUp:
    """Open a done, dismissed or snoozed follow-up again."""
    services.follow_up_reopen(owner=request.auth, follow_up=_owned(request.auth, follow_up_id))
    return _shown(request.auth, follow_up_id)


@router.post("/followups/{int:follow_up_id}/snooze", response={200: FollowUpOut, **WRITE_ERRORS})
def follow_up_snooze(request: ApiRequest, follow_up_id: int, payload: FollowUpSnoozeIn) -> FollowUp:
    """Put it off until a later day, when it comes back."""
    follow_up = _owned(request.auth, follow_up_id)
    services.follow_up_snooze(owner=request.auth, follow_up=follow_up, until=payload.until)
    return _shown(request.auth, follow_up_id)
