"""Reads of the opportunity pipeline: the board, the list, one opportunity's page, and the
people the physician knows at its organization. Each runs a fixed number of queries."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from curbside.interactions.models import FollowUp, Interaction
from curbside.network.models import Affiliation, Contact, Organization, Tie
from curbside.network.selectors import with_strength, with_strength_affiliations

from ..models import (
    CLOSED_STAGES,
    DocumentSent,
    Listing,
    Opportunity,
    OpportunityPerson,
    StageChange,
)

if TYPE_CHECKING:
    from curbside.accounts.models import User

STAGES = list(Opportunity.Stage)  # in pipeline order
PENDING = (FollowUp.Status.OPEN, FollowUp.Status.SNOOZED)


def _opportunities(owner: "User") -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(owner=owner).select_related("organization", "referrer")


@dataclass(frozen=True, slots=True)
class BoardColumn:
    stage: Opportunity.Stage
    cards: list[Opportunity]

    @property
    def label(self) -> str:
        return str(self.stage.label)

    @property
    def is_closed(self) -> bool:
        return self.stage in CLOSED_STAGES


@dataclass(frozen=True, slots=True)
class Board:
    columns: list[BoardColumn]

    @property
    def n_cards(self) -> int:
        return sum(len(column.cards) for column in self.columns)


def opportunity_board(*, owner: "User") -> Board:
    """Every opportunity in a column per stage, in pipeline order, most recently changed first.
    One query: the opportunities with their organization and referrer."""
    by_stage: dict[str, list[Opportunity]] = {stage: [] for stage in STAGES}
    for opportunity in _opportunities(owner).order_by("-updated_at", "-pk"):
        by_stage[opportunity.stage].append(opportunity)
    return Board(columns=[BoardColumn(stage=stage, cards=by_stage[stage]) for stage in STAGES])


def opportunity_list(
    *,
    owner: "User",
    stage: str = "",
    q: str = "",
    organization_id: int | None = None,
    source: str = "",
) -> QuerySet[Opportunity]:
    """The owner's opportunities, filtered, most recently changed first. Every word must match
    the title, the organization, the place, the specialty, the notes or the referrer."""
    opportunities = _opportunities(owner)
    if stage:
        opportunities = opportunities.filter(stage=stage)
    if organization_id is not None:
        opportunities = opportunities.filter(organization_id=organization_id)
    if source:
        opportunities = opportunities.filter(source=source)
    for word in q.split():
        opportunities = opportunities.filter(
            Q(title__icontains=word)
            | Q(organization__name__icontains=word)
            | Q(city__icontains=word)
            | Q(state__iexact=word)
            | Q(zip_code__startswith=word)
            | Q(specialty__icontains=word)
            | Q(source_name__icontains=word)
            | Q(notes__icontains=word)
            | Q(referrer__full_name__icontains=word)
        )
    return opportunities.order_by("-updated_at", "-pk")


def opportunity_get(*, owner: "User", pk: int) -> Opportunity | None:
    """One opportunity with its organization, referrer and listing, or None."""
    return _opportunities(owner).select_related("listing").filter(pk=pk).first()


def opportunity_with_people(*, owner: "User") -> QuerySet[Opportunity]:
    """Opportunities with their people (and each one's contact and affiliation), stage
    history and documents (with recipients) prefetched: what the REST API's detail shows."""
    documents = DocumentSent.objects.order_by("-sent_on", "-pk").prefetch_related(
        Prefetch("recipients", queryset=Contact.objects.order_by("pk"))
    )
    return _opportunities(owner).prefetch_related(
        _people_prefetch(),
        Prefetch("stage_changes", queryset=StageChange.objects.order_by("-changed_on", "-pk")),
        Prefetch("documents", queryset=documents),
    )


def listing_for_opportunity(*, pk: int) -> Listing | None:
    """A job listing (public data of the instance) an opportunity may name as its source."""
    return Listing.objects.filter(pk=pk).first()


def _people_prefetch() -> Prefetch[str, QuerySet[OpportunityPerson], str]:
    people = OpportunityPerson.objects.select_related(
        "contact", "affiliation", "affiliation__organization"
    ).order_by("role", "contact__last_name", "contact__first_name", "pk")
    return Prefetch("people", queryset=people)


# The network at an opportunity's organization


@dataclass(frozen=True, slots=True)
class Insider:
    """Someone affiliated with the organization, with every affiliation they have there."""

    contact: Contact
    strength: int  # the owner's tie to them, 0 if none
    affiliations: list[Affiliation]  # current first
    roles: list[str]  # their roles on the opportunity (labels); empty when not on it

    @property
    def is_decision_maker(self) -> bool:
        return any(a.is_decision_maker for a in self.affiliations)

    @property
    def is_on_opportunity(self) -> bool:
        return bool(self.roles)


@dataclass(frozen=True, slots=True)
class Link:
    """A tie from a connector to an insider."""

    insider: Contact
    tie: Tie


@dataclass(frozen=True, slots=True)
class Connector:
    """Someone outside the organization tied to people in it."""

    contact: Contact
    strength: int  # the owner's tie to them, 0 if none
    links: list[Link]  # strongest tie first
    roles: list[str]

    @property
    def best(self) -> int:
        return self.links[0].tie.strength

    @property
    def is_on_opportunity(self) -> bool:
        return bool(self.roles)


@dataclass(frozen=True, slots=True)
class OpportunityNetwork:
    organization: Organization | None
    insiders: list[Insider]
    connectors: list[Connector]

    @property
    def n_decision_makers(self) -> int:
        return sum(1 for insider in self.insiders if insider.is_decision_maker)


def _roles_on(owner: "User", opportunity: Opportunity) -> dict[int, list[str]]:
    roles: dict[int, list[str]] = {}
    rows = OpportunityPerson.objects.filter(owner=owner, opportunity=opportunity).order_by(
        "role", "pk"
    )
    for contact_id, role in rows.values_list("contact_id", "role"):
        roles.setdefault(contact_id, []).append(str(OpportunityPerson.Role(role).label))
    return roles


def opportunity_network(*, owner: "User", opportunity: Opportunity) -> OpportunityNetwork:
    """Everyone the owner knows at the opportunity's organization (with their affiliations
    there) and everyone tied to them (through whom), strongest first: the owner's own tie to
    them, then the tie's. People on the opportunity carry their roles on it.

    Four queries: roles on the opportunity, affiliations with the owner's tie strength, ties
    of the people there, and the strength of the owner's tie to each connector.
    """
    organization = opportunity.organization
    if organization is None or organization.owner_id != owner.pk:
        return OpportunityNetwork(organization=None, insiders=[], connectors=[])
    roles = _roles_on(owner, opportunity)
    grouped: dict[int, list[Affiliation]] = {}
    strengths: dict[int, int] = {}
    contacts: dict[int, Contact] = {}
    for affiliation in with_strength_affiliations(owner, organization):
        if affiliation.contact.is_self:
            continue
        grouped.setdefault(affiliation.contact_id, []).append(affiliation)
        strengths[affiliation.contact_id] = affiliation.strength  # type: ignore[attr-defined]  # annotated
        contacts[affiliation.contact_id] = affiliation.contact
    insiders = [
        Insider(
            contact=contacts[pk],
            strength=strengths[pk],
            affiliations=sorted(
                affiliations,
                key=lambda a: (not a.is_current, not a.is_decision_maker, -(a.end_year or 0)),
            ),
            roles=roles.get(pk, []),
        )
        for pk, affiliations in grouped.items()
    ]
    insiders.sort(
        key=lambda i: (-i.strength, not i.is_decision_maker, i.contact.last_name, i.contact.pk)
    )
    return OpportunityNetwork(
        organization=organization,
        insiders=insiders,
        connectors=_connectors(owner, contacts, roles),
    )


def _connectors(
    owner: "User", insiders: dict[int, Contact], roles: dict[int, list[str]]
) -> list[Connector]:
    if not insiders:
        return []
    ties = (
        Tie.objects.filter(owner=owner)
        .filter(Q(person_a__in=list(insiders)) | Q(person_b__in=list(insiders)))
        .select_related("person_a", "person_b")
        .order_by("-strength", "pk")
    )
    links: dict[int, list[Link]] = {}
    for tie in ties:
        for inside, outside in ((tie.person_a, tie.person_b), (tie.person_b, tie.person_a)):
            if inside.pk in insiders and outside.pk not in insiders and not outside.is_self:
                links.setdefault(outside.pk, []).append(Link(insider=insiders[inside.pk], tie=tie))
    if not links:
        return []
    people = with_strength(Contact.objects.filter(owner=owner, pk__in=list(links)), owner)
    connectors = [
        Connector(
            contact=person,
            strength=person.strength,  # type: ignore[attr-defined]  # annotated by with_strength
            links=links[person.pk],
            roles=roles.get(person.pk, []),
        )
        for person in people
    ]
    connectors.sort(key=lambda c: (-c.strength, -c.best, c.contact.last_name, c.contact.pk))
    return connectors


# One opportunity's page


@dataclass(frozen=True, slots=True)
class OpportunityDetail:
    opportunity: Opportunity
    people: list[OpportunityPerson]
    stage_changes: list[StageChange]
    documents: list[DocumentSent]
    interviews: list[Interaction]
    follow_ups: list[FollowUp]  # pending, soonest first
    network: OpportunityNetwork

    @property
    def is_hidden(self) -> bool:
        return self.opportunity.is_hidden


def opportunity_detail(*, owner: "User", pk: int) -> OpportunityDetail | None:
    """Everything an opportunity's page shows, or None. Thirteen queries at most, whatever
    the size: the opportunity, its people, stage history, documents and their recipients,
    interviews and their people, pending follow-ups, and its network (four)."""
    opportunity = opportunity_get(owner=owner, pk=pk)
    if opportunity is None:
        return None
    people = (
        OpportunityPerson.objects.filter(owner=owner, opportunity=opportunity)
        .select_related("contact", "affiliation", "affiliation__organization")
        .order_by("role", "contact__last_name", "contact__first_name", "pk")
    )
    documents = (
        DocumentSent.objects.filter(owner=owner, opportunity=opportunity)
        .order_by("-sent_on", "-pk")
        .prefetch_related(Prefetch("recipients", queryset=Contact.objects.order_by("last_name")))
    )
    interviews = (
        Interaction.objects.filter(owner=owner, opportunity=opportunity)
        .order_by("-happened_on", "-pk")
        .prefetch_related(Prefetch("contacts", queryset=Contact.objects.order_by("last_name")))
    )
    follow_ups = (
        FollowUp.objects.filter(owner=owner, opportunity=opportunity, status__in=PENDING)
        .select_related("contact")
        .order_by("due_on", "pk")
    )
    return OpportunityDetail(
        opportunity=opportunity,
        people=list(people),
        stage_changes=list(
            StageChange.objects.filter(owner=owner, opportunity=opportunity).order_by(
                "-changed_on", "-pk"
            )
        ),
        documents=list(documents),
        interviews=list(interviews),
        follow_ups=list(follow_ups),
        network=opportunity_network(owner=owner, opportunity=opportunity),
    )
