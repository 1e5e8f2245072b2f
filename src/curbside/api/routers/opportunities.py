"""/opportunities: the job pipeline, with the people on each opportunity and its stages."""

from typing import Any

from django.core.exceptions import ValidationError
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from curbside.accounts.models import User
from curbside.core.models import get_owned_or_404
from curbside.network.models import Affiliation, Contact, Organization
from curbside.opportunities.models import DocumentSent, Listing, Opportunity, OpportunityPerson
from curbside.opportunities.selectors import pipeline as selectors
from curbside.opportunities.services import pipeline as services

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
from ..opportunity_schemas import (
    DocumentIn,
    DocumentOut,
    InterviewIn,
    InterviewOut,
    OpportunityDetailOut,
    OpportunityFilters,
    OpportunityIn,
    OpportunityOut,
    OpportunityPatch,
    PersonIn,
    PersonOut,
    StageIn,
)
from ..schemas import changes

router = Router(tags=["opportunities"])


def _shown(owner: User, pk: int) -> Opportunity:
    """The opportunity as its detail shows it: with its people and stage history."""
    return one_or_404(selectors.opportunity_with_people(owner=owner), pk)


def _owned(owner: User, opportunity_id: int) -> Opportunity:
    return get_owned_or_404(Opportunity, owner, pk=opportunity_id)


def _listing_or_422(pk: int | None) -> Listing | None:
    """Listings are the instance's public data: any existing one may be named."""
    if pk is None:
        return None
    listing = selectors.listing_for_opportunity(pk=pk)
    if listing is None:
        raise ValidationError({"listing": f"Unknown listing: {pk}."})
    return listing


def _resolved(owner: User, data: dict[str, Any]) -> dict[str, Any]:
    """Ids in a body turned into the owner's rows; another user's id is a field error."""
    if "organization" in data:
        data["organization"] = optional_owned_or_422(
            Organization, owner, data["organization"], field="organization"
        )
    if "referrer" in data:
        data["referrer"] = optional_owned_or_422(Contact, owner, data["referrer"], field="referrer")
    if "listing" in data:
        data["listing"] = _listing_or_422(data["listing"])
    return data


@router.get("/opportunities", response={200: list[OpportunityOut], **LIST_ERRORS})
@paginate(Pagination)
def opportunity_list(request: ApiRequest, filters: Query[OpportunityFilters]) -> Any:
    """Your opportunities, most recently changed first."""
    organization = optional_owned_or_422(
        Organization, request.auth, filters.organization, field="organization"
    )
    return selectors.opportunity_list(
        owner=request.auth,
        stage=filters.stage or "",
        q=filters.q,
        organization_id=organization.pk if organization else None,
    )


@router.post("/opportunities", response={201: OpportunityDetailOut, **WRITE_ERRORS})
def opportunity_create(request: ApiRequest, payload: OpportunityIn) -> Status[Opportunity]:
    """Track an opportunity; a deadline becomes a follow-up due that day."""
    owner = request.auth
    opportunity = services.opportunity_create(owner=owner, **_resolved(owner, payload.model_dump()))
    return Status(201, _shown(owner, opportunity.pk))


@router.get(
    "/opportunities/{int:opportunity_id}", response={200: OpportunityDetailOut, **READ_ERRORS}
)
def opportunity_detail(request: ApiRequest, opportunity_id: int) -> Opportunity:
    return _shown(request.auth, opportunity_id)


@router.patch(
    "/opportunities/{int:opportunity_id}", response={200: OpportunityDetailOut, **WRITE_ERRORS}
)
def opportunity_update(
    request: ApiRequest, opportunity_id: int, payload: OpportunityPatch
) -> Opportunity:
    """Change its fields; the stage moves with POST …/stage."""
    owner = request.auth
    opportunity = _owned(owner, opportunity_id)
    data = _resolved(owner, changes(payload))
    services.opportunity_update(owner=owner, opportunity=opportunity, **data)
    return _shown(owner, opportunity_id)


@router.delete("/opportunities/{int:opportunity_id}", response={204: None, **READ_ERRORS})
def opportunity_delete(request: ApiRequest, opportunity_id: int) -> Status[None]:
    services.opportunity_delete(
        owner=request.auth, opportunity=_owned(request.auth, opportunity_id)
    )
    return Status(204, None)


@router.post(
    "/opportunities/{int:opportunity_id}/stage",
    response={200: OpportunityDetailOut, **WRITE_ERRORS},
)
def opportunity_stage(request: ApiRequest, opportunity_id: int, payload: StageIn) -> Opportunity:
    """Move it to another stage. Declining or withdrawing owes everyone linked to it a
    closure note; closing it drops its deadline follow-up."""
    owner = request.auth
    services.opportunity_advance(
        owner=owner,
        opportunity=_owned(owner, opportunity_id),
        stage=payload.stage,
        on=payload.on,
        note=payload.note,
    )
    return _shown(owner, opportunity_id)


@router.post(
    "/opportunities/{int:opportunity_id}/people", response={201: PersonOut, **WRITE_ERRORS}
)
def opportunity_person_add(
    request: ApiRequest, opportunity_id: int, payload: PersonIn
) -> Status[OpportunityPerson]:
    """Link one of your contacts to it: referrer, insider, decision maker, interviewer…"""
    owner = request.auth
    opportunity = _owned(owner, opportunity_id)
    person = services.opportunity_person_add(
        owner=owner,
        opportunity=opportunity,
        contact=owned_or_422(Contact, owner, payload.contact, field="contact"),
        role=payload.role,
        affiliation=optional_owned_or_422(
            Affiliation, owner, payload.affiliation, field="affiliation"
        ),
        note=payload.note,
    )
    return Status(201, person)


@router.delete(
    "/opportunities/{int:opportunity_id}/people/{int:person_id}",
    response={204: None, **READ_ERRORS},
)
def opportunity_person_remove(
    request: ApiRequest, opportunity_id: int, person_id: int
) -> Status[None]:
    person = get_owned_or_404(
        OpportunityPerson, request.auth, pk=person_id, opportunity_id=opportunity_id
    )
    services.opportunity_person_remove(owner=request.auth, person=person)
    return Status(204, None)


@router.post(
    "/opportunities/{int:opportunity_id}/interviews",
    response={201: InterviewOut, **WRITE_ERRORS},
)
def opportunity_interview(
    request: ApiRequest, opportunity_id: int, payload: InterviewIn
) -> Status[dict[str, Any]]:
    """Log a job interview: each interviewer is owed a thank-you the next day, and an
    opportunity not yet interviewing moves to interviewing."""
    owner = request.auth
    opportunity = _owned(owner, opportunity_id)
    interviewers = [
        owned_or_422(Contact, owner, pk, field="interviewers") for pk in payload.interviewers
    ]
    interaction = services.opportunity_log_interview(
        owner=owner,
        opportunity=opportunity,
        interviewers=interviewers,
        happened_on=payload.happened_on,
        summary=payload.summary,
        sentiment=payload.sentiment,
    )
    body = {"interaction": interaction.pk, "opportunity": _shown(owner, opportunity_id)}
    return Status(201, body)


@router.post(
    "/opportunities/{int:opportunity_id}/documents", response={201: DocumentOut, **WRITE_ERRORS}
)
def opportunity_document_add(
    request: ApiRequest, opportunity_id: int, payload: DocumentIn
) -> Status[DocumentSent]:
    """Record a CV version or a letter sent for it: what, when and to whom."""
    owner = request.auth
    document = services.document_record(
        owner=owner,
        opportunity=_owned(owner, opportunity_id),
        kind=payload.kind,
        version=payload.version,
        sent_on=payload.sent_on,
        recipients=[
            owned_or_422(Contact, owner, pk, field="recipients") for pk in payload.recipients
        ],
        sent_to=payload.sent_to,
        note=payload.note,
    )
    return Status(201, document)


@router.delete(
    "/opportunities/{int:opportunity_id}/documents/{int:document_id}",
    response={204: None, **READ_ERRORS},
)
def opportunity_document_delete(
    request: ApiRequest, opportunity_id: int, document_id: int
) -> Status[None]:
    document = get_owned_or_404(
        DocumentSent, request.auth, pk=document_id, opportunity_id=opportunity_id
    )
    services.document_delete(owner=request.auth, document=document)
    return Status(204, None)
