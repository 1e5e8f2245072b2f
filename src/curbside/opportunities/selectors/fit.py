"""Reads for the fit score: the physician's preferences and their network at organizations.

Scores come from the pure `opportunities.fit`; this module only gathers its inputs, in a
fixed number of queries for any number of opportunities or listings.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q
from django.db.models.functions import Lower

from curbside.network.models import Affiliation, Contact, Organization, Tie

from .. import fit as scoring
from ..geo import state_code, zip_to_point
from ..models import CLOSED_STAGES, JobPreferences, Listing, Opportunity
from ..services.preferences import job_preferences_get_or_default

if TYPE_CHECKING:
    from curbside.accounts.models import User


@dataclass(frozen=True, slots=True)
class Insider:
    """Someone the physician has as a contact, affiliated with the organization now."""

    contact_id: int
    name: str
    role: str
    strength: int  # the physician's tie to them, 0 if none is recorded
    is_decision_maker: bool


@dataclass(frozen=True, slots=True)
class Connector:
    """A contact outside the organization who is tied to someone inside it."""

    contact_id: int
    name: str
    strength: int  # the physician's tie to them, 0 if none is recorded
    knows: tuple[str, ...]  # names of the insiders they are tied to


@dataclass(slots=True)
class OrganizationNetwork:
    """Who the physician knows at one organization; `fit` is what the score reads."""

    organization_id: int
    name: str
    insiders: list[Insider] = field(default_factory=list)  # strongest first
    connectors: list[Connector] = field(default_factory=list)  # strongest first
    # Decision makers within two steps: (decision maker's name, via whom or "" if direct).
    decision_makers: list[tuple[str, str]] = field(default_factory=list)
    decision_maker_steps: int | None = None

    @property
    def fit(self) -> scoring.FitNetwork:
        return scoring.FitNetwork(
            organization=self.name,
            n_contacts=len(self.insiders),
            n_tied=len(self.connectors),
            best_strength=max((insider.strength for insider in self.insiders), default=0),
            decision_maker_steps=self.decision_maker_steps,
        )


def fit_preferences(preferences: JobPreferences) -> scoring.FitPreferences:
    """The stored preferences as the scoring reads them."""
    home = zip_to_point(preferences.zip_code) if preferences.zip_code else None
    floor = scoring.annual_salary(preferences.salary_floor, preferences.salary_floor_unit)
    return scoring.FitPreferences(
        specialties=frozenset(preferences.specialties or ()),
        practice_settings=frozenset(preferences.practice_settings or ()),
        position_types=frozenset(preferences.position_types or ()),
        states=frozenset(preferences.states or ()),
        home=home,
        home_label=preferences.zip_code if home else "",
        radius_miles=preferences.radius_miles,
        salary_floor=floor or None,
        visa_needed=preferences.visa_needed,
    )


def _name(full_name: str, credentials: str) -> str:
    return f"{full_name}, {credentials}" if credentials else full_name


def organization_networks(
    *, owner: "User", organization_ids: Iterable[int]
) -> dict[int, OrganizationNetwork]:
    """The physician's network at each organization, in at most four queries: the
    organizations, the current affiliations there, the ties touching the people there, and
    the physician's own ties to the people those ties reach."""
    wanted = set(organization_ids)
    if not wanted:
        return {}
    organizations = Organization.objects.filter(owner=owner, pk__in=wanted).values_list(
        "pk", "name"
    )
    networks = {
        pk: OrganizationNetwork(organization_id=pk, name=name) for pk, name in organizations
    }
    if not networks:
        return {}
    # Past jobs and schools are history, not an inside line: only current affiliations.
    affiliations = (
        Affiliation.objects.filter(
            owner=owner, organization_id__in=list(networks), end_year__isnull=True
        )
        .exclude(kind=Affiliation.Kind.EDUCATION)
        .filter(contact__is_self=False)
        .values_list(
            "organization_id",
            "contact_id",
            "contact__full_name",
            "contact__credentials",
            "role",
            "is_decision_maker",
        )
        .order_by("pk")
    )
    # organization → contact → (name, role, is decision maker)
    people: dict[int, dict[int, tuple[str, str, bool]]] = {}
    for organization_id, contact_id, full_name, credentials, role, is_dm in affiliations:
        there = people.setdefault(organization_id, {})
        _, known_role, known_dm = there.get(contact_id, ("", "", False))
        there[contact_id] = (
            _name(full_name, credentials),
            role if (is_dm and not known_dm) or not known_role else known_role,
            known_dm or is_dm,
        )
    insider_ids = {contact_id for there in people.values() for contact_id in there}
    if not insider_ids:
        return networks

    ties = Tie.objects.filter(owner=owner).filter(
        Q(person_a_id__in=insider_ids) | Q(person_b_id__in=insider_ids)
    )
    # (one end, other end, strength, other end's name, other end is self)
    links: list[tuple[int, int, int, str, bool]] = []
    for a, b, tie_strength, a_name, a_cred, a_self, b_name, b_cred, b_self in ties.values_list(
        "person_a_id",
        "person_b_id",
        "strength",
        "person_a__full_name",
        "person_a__credentials",
        "person_a__is_self",
        "person_b__full_name",
        "person_b__credentials",
        "person_b__is_self",
    ):
        if a in insider_ids:
            links.append((a, b, tie_strength, _name(b_name, b_cred), b_self))
        if b in insider_ids:
            links.append((b, a, tie_strength, _name(a_name, a_cred), a_self))

    strength: dict[int, int] = {inside: s for inside, _, s, _, is_self in links if is_self}
    reached = {other for _, other, _, _, is_self in links if not is_self}
    if reached:
        me = Contact.objects.filter(owner=owner, is_self=True).values("pk")[:1]
        own_ties = Tie.objects.filter(owner=owner).filter(
            Q(person_a_id__in=me, person_b_id__in=reached)
            | Q(person_b_id__in=me, person_a_id__in=reached)
        )
        for a, b, s in own_ties.values_list("person_a_id", "person_b_id", "strength"):
            strength[b if b in reached else a] = s

    for organization_id, there in people.items():
        network = networks[organization_id]
        names = {contact_id: name for contact_id, (name, _, _) in there.items()}
        network.insiders = sorted(
            (
                Insider(
                    contact_id=contact_id,
                    name=name,
                    role=role,
                    strength=strength.get(contact_id, 0),
                    is_decision_maker=is_dm,
                )
                for contact_id, (name, role, is_dm) in there.items()
            ),
            key=lambda insider: (-insider.strength, not insider.is_decision_maker, insider.name),
        )
        knows: dict[int, list[str]] = {}
        connector_names: dict[int, str] = {}
        via: dict[int, list[int]] = {}  # insider → people the physician knows tied to them
        for inside, other, _, other_name, is_self in links:
            if inside not in there or is_self:
                continue
            if strength.get(other):
                via.setdefault(inside, []).append(other)
            if other not in there:
                knows.setdefault(other, []).append(names[inside])
                connector_names[other] = other_name
        network.connectors = sorted(
            (
                Connector(
                    contact_id=other,
                    name=connector_names[other],
                    strength=strength.get(other, 0),
                    knows=tuple(sorted(set(insiders))),
                )
                for other, insiders in knows.items()
            ),
            key=lambda connector: (-connector.strength, connector.name),
        )
        every_name = {**connector_names, **names}
        for insider in network.insiders:
            if not insider.is_decision_maker:
                continue
            if insider.strength:
                network.decision_makers.append((insider.name, ""))
            elif via.get(insider.contact_id):
                best = max(via[insider.contact_id], key=lambda other: strength.get(other, 0))
                network.decision_makers.append((insider.name, every_name.get(best, "")))
        steps = [2 if through else 1 for _, through in network.decision_makers]
        network.decision_maker_steps = min(steps) if steps else None
    return networks


def opportunity_target(opportunity: Opportunity) -> scoring.FitTarget:
    """An opportunity as the scoring reads it. The place is its ZIP code, else its state."""
    unit = opportunity.salary_unit or "year"
    return scoring.FitTarget(
        specialty=opportunity.specialty,
        practice_setting=opportunity.practice_setting,
        position_type=opportunity.position_type,
        state=state_code(opportunity.state),
        point=zip_to_point(opportunity.zip_code) if opportunity.zip_code else None,
        is_remote=opportunity.practice_setting == "telemedicine",
        annual_salary_min=scoring.annual_salary(opportunity.salary_min, unit),
        annual_salary_max=scoring.annual_salary(opportunity.salary_max, unit),
        visa_offered=opportunity.visa_sponsorship or None,
    )


def listing_target(listing: Listing) -> scoring.FitTarget:
    """A listing as the scoring reads it."""
    point = None
    if listing.latitude is not None and listing.longitude is not None:
        point = (listing.latitude, listing.longitude)
    unit = listing.salary_unit or "year"
    return scoring.FitTarget(
        specialty=listing.specialty,
        practice_setting=listing.practice_setting,
        position_type=listing.position_type,
        state=state_code(listing.state),
        point=point,
        is_remote=listing.is_remote,
        annual_salary_min=scoring.annual_salary(listing.salary_min, unit),
        annual_salary_max=scoring.annual_salary(listing.salary_max, unit),
        visa_offered=listing.visa_sponsorship or None,
    )


def fit_for_opportunities(
    *, owner: "User", opportunities: Sequence[Opportunity]
) -> dict[int, scoring.Fit]:
    """Fit of each opportunity, by its id, in at most five queries for any number of them."""
    preferences = fit_preferences(job_preferences_get_or_default(owner=owner))
    networks = organization_networks(
        owner=owner,
        organization_ids={o.organization_id for o in opportunities if o.organization_id},
    )
    fits = {}
    for opportunity in opportunities:
        network = networks.get(opportunity.organization_id or 0)
        fits[opportunity.pk] = scoring.fit(
            preferences, opportunity_target(opportunity), network.fit if network else None
        )
    return fits


def organizations_by_employer(*, owner: "User", employers: Iterable[str]) -> dict[str, int]:
    """The owner's organizations whose names match these employers, ignoring case:
    lower-cased employer → organization id (the oldest when several share a name)."""
    lowered = {employer.strip().lower() for employer in employers if employer.strip()}
    if not lowered:
        return {}
    matches = (
        Organization.objects.filter(owner=owner)
        .annotate(lowered=Lower("name"))
        .filter(lowered__in=lowered)
        .order_by("-pk")
        .values_list("lowered", "pk")
    )
    return dict(matches)  # later rows win: the oldest organization


def fit_for_listings(*, owner: "User", listings: Sequence[Listing]) -> dict[int, scoring.Fit]:
    """Fit of each listing, by its id, in at most six queries for any number of them. A
    listing's organization is the owner's organization of the same name as its employer;
    an employer the owner has no organization for is one where they know nobody yet."""
    preferences = fit_preferences(job_preferences_get_or_default(owner=owner))
    by_employer = organizations_by_employer(
        owner=owner, employers=(listing.employer for listing in listings)
    )
    networks = organization_networks(owner=owner, organization_ids=by_employer.values())
    fits = {}
    for listing in listings:
        employer = listing.employer.strip()
        network: scoring.FitNetwork | None = None
        if employer:
            known = networks.get(by_employer.get(employer.lower(), 0))
            network = known.fit if known else scoring.FitNetwork(organization=employer)
        fits[listing.pk] = scoring.fit(preferences, listing_target(listing), network)
    return fits


# Comparison

MAX_COMPARED = 5


@dataclass(frozen=True, slots=True)
class ComparisonCell:
    value: str  # what the opportunity says, as shown
    part: scoring.FitPart


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    name: str
    label: str
    weight: int
    cells: tuple[ComparisonCell, ...]


@dataclass(frozen=True, slots=True)
class ComparedOpportunity:
    opportunity: Opportunity
    weighted: scoring.WeightedFit
    network: OrganizationNetwork | None
    is_leader: bool


@dataclass(frozen=True, slots=True)
class Comparison:
    columns: tuple[ComparedOpportunity, ...]
    rows: tuple[ComparisonRow, ...]
    weights: dict[str, int]
    must_haves: tuple[str, ...]


def _salary(opportunity: Opportunity) -> str:
    low, high = opportunity.salary_min, opportunity.salary_max
    if low is None and high is None:
        return "Not given"
    unit = opportunity.get_salary_unit_display() if opportunity.salary_unit else "per year"
    amounts = [f"${amount:,.0f}" for amount in (low, high) if amount is not None]
    if low is not None and high is not None and low != high:
        return f"{amounts[0]}–{amounts[1]} {unit}"
    prefix = "up to " if low is None else "from " if high is None else ""
    return f"{prefix}{amounts[0]} {unit}"


def _value(name: str, opportunity: Opportunity) -> str:
    """What an opportunity says on one criterion, for the comparison table."""
    if name == scoring.SETTING:
        shown = [
            opportunity.get_practice_setting_display() if opportunity.practice_setting else "",
            opportunity.get_position_type_display() if opportunity.position_type else "",
        ]
        return " · ".join(part for part in shown if part) or "Not given"
    if name == scoring.PLACE:
        place = ", ".join(part for part in (opportunity.city, opportunity.state) if part)
        return " ".join(part for part in (place, opportunity.zip_code) if part) or "Not given"
    if name == scoring.PAY:
        return _salary(opportunity)
    if name == scoring.SPECIALTY:
        return opportunity.get_specialty_display() if opportunity.specialty else "Not given"
    if name == scoring.VISA:
        return opportunity.visa_sponsorship or "Not mentioned"
    organization = opportunity.organization
    return organization.name if organization is not None else "No organization"


def opportunity_comparison(*, owner: "User", ids: Sequence[int]) -> Comparison | None:
    """The owner's opportunities side by side, weighted by the owner's comparison weights,
    with who they know at each; None if any id is not one of the owner's opportunities.
    Six queries: the opportunities, the preferences, and the network's four."""
    wanted = list(dict.fromkeys(ids))
    found = {
        o.pk: o
        for o in Opportunity.objects.filter(owner=owner, pk__in=wanted).select_related(
            "organization"
        )
    }
    if len(found) != len(wanted):
        return None
    opportunities = [found[pk] for pk in wanted]
    stored = job_preferences_get_or_default(owner=owner)
    preferences = fit_preferences(stored)
    weights = scoring.comparison_weights(stored.comparison_weights or {})
    networks = organization_networks(
        owner=owner,
        organization_ids={o.organization_id for o in opportunities if o.organization_id},
    )
    fits = []
    for opportunity in opportunities:
        network = networks.get(opportunity.organization_id or 0)
        target = opportunity_target(opportunity)
        fits.append(scoring.fit(preferences, target, network.fit if network else None))
    weighted = [scoring.weigh(item, weights) for item in fits]
    leaders = scoring.leaders(weighted) if len(weighted) > 1 else frozenset()
    columns = tuple(
        ComparedOpportunity(
            opportunity=opportunity,
            weighted=weighted[index],
            network=networks.get(opportunity.organization_id or 0),
            is_leader=index in leaders,
        )
        for index, opportunity in enumerate(opportunities)
    )
    rows = tuple(
        ComparisonRow(
            name=name,
            label=scoring.CRITERION_LABELS[name],
            weight=weights[name],
            cells=tuple(
                ComparisonCell(value=_value(name, o), part=fits[index].part(name))
                for index, o in enumerate(opportunities)
            ),
        )
        for name in scoring.CRITERIA
    )
    must_haves = tuple(line.strip() for line in stored.must_haves.splitlines() if line.strip())
    return Comparison(columns=columns, rows=rows, weights=weights, must_haves=must_haves)


def opportunity_choices_to_compare(*, owner: "User", limit: int = 100) -> list[Opportunity]:
    """The owner's open opportunities to pick from for a comparison, latest first."""
    rows = Opportunity.objects.filter(owner=owner).exclude(stage__in=CLOSED_STAGES)
    return list(rows.select_related("organization")[:limit])
