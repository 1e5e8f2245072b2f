"""/contacts/{id}/common-ground and /intros/latent: what the user shares with contacts."""

from typing import Any

from ninja import Router, Schema
from ninja.pagination import paginate

from curbside.core.models import get_owned_or_404
from curbside.intros.selectors import ground as selectors
from curbside.network.models import Contact

from ..auth import ApiRequest
from ..common import LIST_ERRORS, READ_ERRORS, Pagination

router = Router(tags=["intros"])


class GroundPersonOut(Schema):
    id: int
    full_name: str
    display_name: str
    specialty: str


class SharedPlaceOut(Schema):
    organization: int
    organization_name: str
    kind: str
    my_years: str
    their_years: str
    overlap_years: str
    is_overlapping: bool


class MutualContactOut(Schema):
    contact: GroundPersonOut
    my_strength: int
    their_strength: int


class CommonGroundOut(Schema):
    contact: int
    schools: list[SharedPlaceOut]
    programs: list[SharedPlaceOut]
    employers: list[SharedPlaceOut]
    memberships: list[SharedPlaceOut]
    research_interests: list[str]
    procedures: list[str]
    mutual_contacts: list[MutualContactOut]
    summary: list[str]


class LatentConnectionOut(Schema):
    contact: GroundPersonOut
    evidence: list[str]
    strength: int
    kinds: list[str]


def _person(contact: Contact) -> GroundPersonOut:
    return GroundPersonOut(
        id=contact.pk,
        full_name=contact.full_name,
        display_name=contact.display_name,
        specialty=contact.specialty,
    )


def _places(places: tuple[selectors.SharedPlace, ...]) -> list[SharedPlaceOut]:
    return [
        SharedPlaceOut(
            organization=p.organization_id,
            organization_name=p.organization_name,
            kind=p.kind,
            my_years=p.my_years,
            their_years=p.their_years,
            overlap_years=p.overlap_years,
            is_overlapping=p.is_overlapping,
        )
        for p in places
    ]


@router.get(
    "/contacts/{int:contact_id}/common-ground",
    response={200: CommonGroundOut, **READ_ERRORS},
    url_name="contact_common_ground",
)
def contact_common_ground(request: ApiRequest, contact_id: int) -> CommonGroundOut:
    """Shared schools, programs, employers (with years), interests, procedures, mutuals."""
    contact = get_owned_or_404(Contact, request.auth, pk=contact_id)
    ground = selectors.common_ground(owner=request.auth, contact=contact)
    return CommonGroundOut(
        contact=contact.pk,
        schools=_places(ground.schools),
        programs=_places(ground.programs),
        employers=_places(ground.employers),
        memberships=_places(ground.memberships),
        research_interests=list(ground.research_interests),
        procedures=list(ground.procedures),
        mutual_contacts=[
            MutualContactOut(
                contact=_person(m.contact),
                my_strength=m.my_strength,
                their_strength=m.their_strength,
            )
            for m in ground.mutual_contacts
        ],
        summary=ground.summary_phrases(),
    )


@router.get(
    "/intros/latent",
    response={200: list[LatentConnectionOut], **LIST_ERRORS},
    url_name="intro_latent_list",
)
@paginate(Pagination)
def intro_latent_list(request: ApiRequest) -> Any:
    """Contacts you never recorded as known who share history with you, best first."""
    return [
        LatentConnectionOut(
            contact=_person(c.contact),
            evidence=list(c.evidence),
            strength=c.strength,
            kinds=list(c.kinds),
        )
        for c in selectors.latent_connections(owner=request.auth)
    ]
