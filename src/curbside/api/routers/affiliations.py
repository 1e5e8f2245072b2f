"""/affiliations: a person's school, training, job or membership at an organization."""

from typing import Any

from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from curbside.accounts.models import User
from curbside.core.models import get_owned_or_404
from curbside.network import selectors, services
from curbside.network.models import Affiliation, Contact, Organization

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
    AffiliationFilters,
    AffiliationIn,
    AffiliationOut,
    AffiliationPatch,
    changes,
)

router = Router(tags=["affiliations"])


def _shown(owner: User, pk: int) -> Affiliation:
    return one_or_404(selectors.affiliation_list(owner=owner), pk)


def _resolve_ids(owner: User, data: dict[str, Any]) -> dict[str, Any]:
    """Turn the ids of a body into the owner's rows; anyone else's id is a field error."""
    if "contact" in data:
        data["contact"] = owned_or_422(Contact, owner, data["contact"], field="contact")
    if "organization" in data:
        data["organization"] = owned_or_422(
            Organization, owner, data["organization"], field="organization"
        )
    return data


@router.get("/affiliations", response={200: list[AffiliationOut], **LIST_ERRORS})
@paginate(Pagination)
def affiliation_list(request: ApiRequest, filters: Query[AffiliationFilters]) -> Any:
    owner = request.auth
    contact = optional_owned_or_422(Contact, owner, filters.contact, field="contact")
    organization = optional_owned_or_422(
        Organization, owner, filters.organization, field="organization"
    )
    return selectors.affiliation_list(
        owner=owner,
        contact_id=contact.pk if contact else None,
        organization_id=organization.pk if organization else None,
        kind=filters.kind or "",
        is_decision_maker=filters.is_decision_maker,
    )


@router.post("/affiliations", response={201: AffiliationOut, **WRITE_ERRORS})
def affiliation_create(request: ApiRequest, payload: AffiliationIn) -> Status[Affiliation]:
    data = _resolve_ids(request.auth, payload.model_dump())
    affiliation = services.affiliation_create(owner=request.auth, **data)
    return Status(201, _shown(request.auth, affiliation.pk))


@router.get("/affiliations/{int:affiliation_id}", response={200: AffiliationOut, **READ_ERRORS})
def affiliation_detail(request: ApiRequest, affiliation_id: int) -> Affiliation:
    return _shown(request.auth, affiliation_id)


def _update(owner: User, affiliation_id: int, data: dict[str, Any]) -> Affiliation:
    affiliation = get_owned_or_404(Affiliation, owner, pk=affiliation_id)
    for field in ("contact", "organization"):
        if field in data and data[field] is None:
            del data[field]  # both are required: null leaves them as they are
    services.affiliation_update(owner=owner, affiliation=affiliation, **_resolve_ids(owner, data))
    return _shown(owner, affiliation_id)


@router.patch("/affiliations/{int:affiliation_id}", response={200: AffiliationOut, **WRITE_ERRORS})
def affiliation_update(
    request: ApiRequest, affiliation_id: int, payload: AffiliationPatch
) -> Affiliation:
    return _update(request.auth, affiliation_id, changes(payload))


@router.put("/affiliations/{int:affiliation_id}", response={200: AffiliationOut, **WRITE_ERRORS})
def affiliation_replace(
    request: ApiRequest, affiliation_id: int, payload: AffiliationIn
) -> Affiliation:
    return _update(request.auth, affiliation_id, payload.model_dump())


@router.delete("/affiliations/{int:affiliation_id}", response={204: None, **READ_ERRORS})
def affiliation_delete(request: ApiRequest, affiliation_id: int) -> Status[None]:
    affiliation = get_owned_or_404(Affiliation, request.auth, pk=affiliation_id)
    services.affiliation_delete(owner=request.auth, affiliation=affiliation)
    return Status(204, None)
