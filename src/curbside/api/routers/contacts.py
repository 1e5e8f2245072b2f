"""/contacts and /me: the people in the owner's network."""

from typing import Any

from django.db import transaction
from django.http import Http404
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from curbside.accounts.models import User
from curbside.network import selectors, services
from curbside.network.models import Contact, Organization

from ..auth import ApiRequest
from ..common import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, Pagination, owned_or_422
from ..schemas import (
    NAME_PARTS,
    ContactFilters,
    ContactIn,
    ContactMergeIn,
    ContactOut,
    ContactPatch,
    ErrorOut,
    changes,
)

router = Router(tags=["contacts"])


def _contact_or_404(owner: User, contact_id: int) -> Contact:
    contact = selectors.contact_get(owner=owner, pk=contact_id)
    if contact is None:
        raise Http404
    return contact


def _save(owner: User, contact: Contact | None, data: dict[str, Any]) -> Contact:
    """Create (contact None) or update a contact from the fields a request gave.

    `name` is parsed by the service; name parts given without it are kept as written.
    """
    strength = data.pop("strength", None)
    parts = {field: data.pop(field) or "" for field in NAME_PARTS if field in data}
    name = data.pop("name", None)
    if "introduced_by" in data and data["introduced_by"] is not None:
        data["introduced_by"] = owned_or_422(
            Contact, owner, data["introduced_by"], field="introduced_by"
        )
    with transaction.atomic():
        if contact is None:
            joined = " ".join(value for value in parts.values() if value)
            contact = services.contact_create(owner=owner, name=name or joined, **data)
        else:
            contact = services.contact_update(owner=owner, contact=contact, name=name, **data)
        if name is None and parts:
            services.contact_name_parts_set(owner=owner, contact=contact, **parts)
        if strength is not None:
            services.contact_strength_set(owner=owner, contact=contact, strength=strength or None)
    return _contact_or_404(owner, contact.pk)


@router.get("/contacts", response={200: list[ContactOut], **LIST_ERRORS})
@paginate(Pagination)
def contact_list(request: ApiRequest, filters: Query[ContactFilters]) -> Any:
    """Your contacts (not yourself), searched, filtered and sorted."""
    organization = None
    if filters.organization is not None:
        organization = owned_or_422(
            Organization, request.auth, filters.organization, field="organization"
        )
    return selectors.contact_list_with_contact_info(
        owner=request.auth,
        query=filters.q,
        tag=filters.tag,
        specialty=filters.specialty,
        state=filters.state,
        organization_id=organization.pk if organization else None,
        sort=filters.sort,
    )


@router.post("/contacts", response={201: ContactOut, **WRITE_ERRORS})
def contact_create(request: ApiRequest, payload: ContactIn) -> Status[Contact]:
    """Add a person. Give `name` ("Dr. Jane Roe, MD") or the parts of a name."""
    data = payload.model_dump()
    if data["name"] is None and not any(data[field] for field in NAME_PARTS):
        data["name"] = ""  # the service answers with the field error
    return Status(201, _save(request.auth, None, data))


@router.get("/contacts/{int:contact_id}", response={200: ContactOut, **READ_ERRORS})
def contact_detail(request: ApiRequest, contact_id: int) -> Contact:
    return _contact_or_404(request.auth, contact_id)


@router.patch("/contacts/{int:contact_id}", response={200: ContactOut, **WRITE_ERRORS})
def contact_update(request: ApiRequest, contact_id: int, payload: ContactPatch) -> Contact:
    """Change the given fields only. Lists (emails, phones, tags) are replaced whole."""
    contact = _contact_or_404(request.auth, contact_id)
    return _save(request.auth, contact, changes(payload))


@router.put("/contacts/{int:contact_id}", response={200: ContactOut, **WRITE_ERRORS})
def contact_replace(request: ApiRequest, contact_id: int, payload: ContactIn) -> Contact:
    """Replace every field; what is left out is emptied."""
    contact = _contact_or_404(request.auth, contact_id)
    data = payload.model_dump()
    if data["name"] is not None:
        for field in NAME_PARTS:
            del data[field]
    elif not any(data[field] for field in NAME_PARTS):
        data["name"] = ""
    return _save(request.auth, contact, data)


@router.delete("/contacts/{int:contact_id}", response={204: None, **READ_ERRORS})
def contact_delete(request: ApiRequest, contact_id: int) -> Status[None]:
    """Delete a contact with their ties, affiliations and follow-ups. Your own profile stays."""
    contact = _contact_or_404(request.auth, contact_id)
    services.contact_delete(owner=request.auth, contact=contact)
    return Status(204, None)


@router.post("/contacts/{int:contact_id}/merge", response={200: ContactOut, **WRITE_ERRORS})
def contact_merge(request: ApiRequest, contact_id: int, payload: ContactMergeIn) -> Contact:
    """Fold `other` into this contact: everything moves over, and `other` is deleted."""
    keep = _contact_or_404(request.auth, contact_id)
    other = owned_or_422(Contact, request.auth, payload.other, field="other")
    merged = services.contact_merge(owner=request.auth, keep=keep, merge=other)
    return _contact_or_404(request.auth, merged.pk)


@router.get("/me", response={200: ContactOut, 401: ErrorOut})
def me(request: ApiRequest) -> Contact:
    """Your own profile: the person you are in your network (`is_self`)."""
    contact = selectors.contact_self(owner=request.auth)
    if contact is None:
        raise Http404
    return contact
