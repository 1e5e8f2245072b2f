"""/intros/paths: the best chains of people from the user to a person or an organization."""

from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema

from curbside.core.models import get_owned_or_404
from curbside.intros.selectors import paths as selectors
from curbside.network.models import Contact, Organization

from ..auth import ApiRequest
from ..common import READ_ERRORS

router = Router(tags=["intros"])


class PathFilters(Schema):
    to_contact: int | None = Field(None, description="A contact's id: chains to that person.")
    to_organization: int | None = Field(
        None, description="An organization's id: chains to anyone there (people there now first)."
    )
    decision_makers: bool = Field(
        False, description="With to_organization: chains to its current decision makers only."
    )
    k: int = Field(3, ge=1, le=selectors.MAX_K, description="How many chains, best first.")


class PathNodeOut(Schema):
    id: int
    name: str


class PathLinkOut(Schema):
    from_id: int
    to_id: int
    kind: Literal["recorded", "inferred"] = Field(
        description="recorded: a tie the user recorded; inferred: a guess from shared history, "
        "never a known tie."
    )
    strength: int = Field(description="1 (weak) to 5 (strong); a guess when inferred.")
    evidence: str = Field(description="Why the link is strong or weak, in words.")
    cost: float


class ChainOut(Schema):
    nodes: list[PathNodeOut] = Field(description="From the user (first) to the target (last).")
    links: list[PathLinkOut]
    total_cost: float
    target_affiliation: str = Field(
        description="How the target is tied to the organization, or their current role."
    )


def _out(chain: selectors.Chain) -> ChainOut:
    return ChainOut(
        nodes=[PathNodeOut(id=person.pk, name=person.full_name) for person in chain.people],
        links=[
            PathLinkOut(
                from_id=link.from_id,
                to_id=link.to_id,
                kind=link.kind,
                strength=link.strength,
                evidence=link.evidence,
                cost=link.cost,
            )
            for link in chain.links
        ],
        total_cost=chain.total_cost,
        target_affiliation=chain.target_affiliation,
    )


@router.get("/intros/paths", response={200: list[ChainOut], **READ_ERRORS}, url_name="intro_paths")
def intro_paths(request: ApiRequest, filters: Query[PathFilters]) -> list[ChainOut]:
    """The k best chains to a person (`to_contact`) or an organization (`to_organization`),
    cheapest first; give exactly one. Another user's ids answer 404."""
    if (filters.to_contact is None) == (filters.to_organization is None):
        raise ValidationError("Give either to_contact or to_organization, not both or neither.")
    owner = request.auth
    contact = organization = None
    if filters.to_contact is not None:
        contact = get_owned_or_404(Contact, owner, pk=filters.to_contact)
    if filters.to_organization is not None:
        organization = get_owned_or_404(Organization, owner, pk=filters.to_organization)
    chains = selectors.intro_paths(
        owner=owner,
        to_contact=contact,
        to_organization=organization,
        decision_makers_only=filters.decision_makers,
        k=filters.k,
    )
    return [_out(chain) for chain in chains]
