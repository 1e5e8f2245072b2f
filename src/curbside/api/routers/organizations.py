"""/organizations: schools, programs, hospitals, practices, societies and recruiters."""

from typing import Any

from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from curbside.accounts.models import User
from curbside.core.models import get_owned_or_404
from curbside.network import selectors, services
from curbside.network.models import Organization

from ..auth import ApiRequest
from ..common import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, Pagination, one_or_404
from ..schemas import (
    OrganizationFilters,
    OrganizationIn,
    OrganizationOut,
    OrganizationPatch,
    changes,
)

router = Router(tags=["organizations"])


def _shown(owner: User, pk: int) -> Organization:
    """The organization as the list shows it, with its head counts."""
    return one_or_404(selectors.organization_list(owner=owner), pk)


@router.get("/organizations", response={200: list[OrganizationOut], **LIST_ERRORS})
@paginate(Pagination)
def organization_list(request: ApiRequest, filters: Query[OrganizationFilters]) -> Any:
    """Your organizations by name, with how many people you know there."""
    return selectors.organization_list(
        owner=request.auth, query=filters.q, kind=filters.kind or "", state=filters.state
    )


@router.post("/organizations", response={201: OrganizationOut, **WRITE_ERRORS})
def organization_create(request: ApiRequest, payload: OrganizationIn) -> Status[Organization]:
    organization = services.organization_create(owner=request.auth, **payload.model_dump())
    return Status(201, _shown(request.auth, organization.pk))


@router.get("/organizations/{int:organization_id}", response={200: OrganizationOut, **READ_ERRORS})
def organization_detail(request: ApiRequest, organization_id: int) -> Organization:
    return _shown(request.auth, organization_id)


def _update(owner: User, organization_id: int, data: dict[str, Any]) -> Organization:
    organization = get_owned_or_404(Organization, owner, pk=organization_id)
    services.organization_update(owner=owner, organization=organization, **data)
    return _shown(owner, organization_id)


@router.patch(
    "/organizations/{int:organization_id}", response={200: OrganizationOut, **WRITE_ERRORS}
)
def organization_update(
    request: ApiRequest, organization_id: int, payload: OrganizationPatch
) -> Organization:
    return _update(request.auth, organization_id, changes(payload))


@router.put("/organizations/{int:organization_id}", response={200: OrganizationOut, **WRITE_ERRORS})
def organization_replace(
    request: ApiRequest, organization_id: int, payload: OrganizationIn
) -> Organization:
    return _update(request.auth, organization_id, payload.model_dump())


@router.delete("/organizations/{int:organization_id}", response={204: None, **READ_ERRORS})
def organization_delete(request: ApiRequest, organization_id: int) -> Status[None]:
    """Delete an organization and every affiliation with it."""
    organization = get_owned_or_404(Organization, request.auth, pk=organization_id)
    services.organization_delete(owner=request.auth, organization=organization)
    return Status(204, None)
