"""Reads of the network. Every function takes the owner first and prefetches what it shows."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from .models import Affiliation, Contact, ContactEmail, Organization, Tag, Tie

if TYPE_CHECKING:
    from curbside.accounts.models import User
    from curbside.interactions.models import FollowUp, Interaction

CONTACT_SORTS = {
    "name": ("last_name", "first_name", "pk"),
    "-name": ("-last_name", "-first_name", "-pk"),
    "last_contact": ("last_interaction_on", "last_name", "pk"),
    "-last_contact": ("-last_interaction_on", "last_name", "pk"),
    "strength": ("-strength", "last_name", "pk"),
    "recent": ("-created_at", "-pk"),
}


def _self_tie_strength(owner: "User", contact_ref: str) -> Coalesce:
    """The strength of the tie between the owner's self and the contact at `contact_ref`.

    The self id is its own scalar subquery, so each lookup is one probe of the unique
    (owner, person_a, person_b) index; joining Contact to test is_self instead made the
    database re-scan the owner's ties for every row.
    """
    me = Subquery(Contact.objects.filter(owner=owner, is_self=True).values("pk")[:1])
    ties = Tie.objects.filter(owner=owner).filter(
        Q(person_a_id=me, person_b_id=OuterRef(contact_ref))
        | Q(person_b_id=me, person_a_id=OuterRef(contact_ref))
    )
    return Coalesce(Subquery(ties.values("strength")[:1]), 0, output_field=IntegerField())


def with_strength(contacts: QuerySet[Contact], owner: "User") -> QuerySet[Contact]:
    """Annotate `strength`: the tie between the owner's self and each contact (0 if none)."""
    return contacts.annotate(strength=_self_tie_strength(owner, "pk"))


def _current_affiliations() -> Prefetch[str, QuerySet[Affiliation], str]:
    return Prefetch(
        "affiliations",
        queryset=Affiliation.objects.filter(end_year__isnull=True)
        .exclude(kind=Affiliation.Kind.EDUCATION)
        .select_related("organization")
        .order_by("-is_decision_maker", "-start_year", "pk"),
        to_attr="current_affiliations",
    )


def contact_search(contacts: QuerySet[Contact], owner: "User", query: str) -> QuerySet[Contact]:
    """Match every word against name, organization, specialty, place, tag, email or notes."""
    for word in query.split():
        at_organization = Affiliation.objects.filter(
            owner=owner, contact=OuterRef("pk"), organization__name__icontains=word
        )
        tagged = Tag.objects.filter(owner=owner, contacts=OuterRef("pk"), name__icontains=word)
        emailed = ContactEmail.objects.filter(
            owner=owner, contact=OuterRef("pk"), email__icontains=word
        )
        contacts = contacts.filter(
            Q(full_name__icontains=word)
            | Q(credentials__icontains=word)
            | Q(specialty__icontains=word)
            | Q(subspecialty__icontains=word)
            | Q(city__icontains=word)
            | Q(state__iexact=word)
            | Q(zip_code__startswith=word)
            | Q(notes__icontains=word)
            | Q(how_we_met__icontains=word)
            | Q(research_interests__icontains=word)
            | Q(procedures__icontains=word)
            | Exists(at_organization)
            | Exists(tagged)
            | Exists(emailed)
        )
    return contacts


def contact_list(
    *,
    owner: "User",
    query: str = "",
    tag: str = "",
    specialty: str = "",
    state: str = "",
    organization_id: int | None = None,
    sort: str = "name",
) -> QuerySet[Contact]:
    """The owner's contacts (not self), searched, filtered and sorted, ready for a list page."""
    contacts: QuerySet[Contact] = Contact.objects.filter(owner=owner, is_self=False)
    if query:
        contacts = contact_search(contacts, owner, query)
    if tag:
        contacts = contacts.filter(
            Exists(Tag.objects.filter(owner=owner, contacts=OuterRef("pk"), name__iexact=tag))
        )
    if specialty:
        contacts = contacts.filter(
            Q(specialty__iexact=specialty) | Q(subspecialty__iexact=specialty)
        )
    if state:
        contacts = contacts.filter(state__iexact=state)
    if organization_id is not None:
        contacts = contacts.filter(
            Exists(
                Affiliation.objects.filter(
                    owner=owner, contact=OuterRef("pk"), organization_id=organization_id
                )
            )
        )
    contacts = with_strength(contacts, owner)
    order = CONTACT_SORTS.get(sort, CONTACT_SORTS["name"])
    contacts = contacts.order_by(*order)
    return contacts.prefetch_related("tags", _current_affiliations())


def contact_facets(*, owner: "User") -> dict[str, list[str]]:
    """Values to offer in the contact list's filters."""
    contacts = Contact.objects.filter(owner=owner, is_self=False)
    # order_by() drops the model's ordering, which would otherwise make DISTINCT per contact.
    specialties = list(
        contacts.exclude(specialty="")
        .order_by("specialty")
        .values_list("specialty", flat=True)
        .distinct()
    )
    states = list(
        contacts.exclude(state="").order_by("state").values_list("state", flat=True).distinct()
    )
    tags = list(Tag.objects.filter(owner=owner).values_list("name", flat=True))
    return {"specialties": specialties, "states": states, "tags": tags}


def contact_get(*, owner: "User", pk: int) -> Contact | None:
    """One contact with everything its card shows, or None."""
    contacts = with_strength(Contact.objects.filter(owner=owner, pk=pk), owner)
    return (
        contacts.select_related("introduced_by")
        .prefetch_related(
            "emails",
            "phones",
            "tags",
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.select_related("organization").order_by(
                    "end_year", "-start_year", "pk"
                ),
            ),
        )
        .first()
    )


def contact_self(*, owner: "User") -> Contact | None:
    pk = Contact.objects.filter(owner=owner, is_self=True).values_list("pk", flat=True).first()
    return contact_get(owner=owner, pk=pk) if pk else None


@dataclass(frozen=True, slots=True)
class TieView:
    tie: Tie
    other: Contact


def tie_list_for(*, owner: "User", contact: Contact) -> list[TieView]:
    """A contact's ties with the other person of each, strongest first."""
    ties = (
        Tie.objects.filter(owner=owner)
        .filter(Q(person_a=contact) | Q(person_b=contact))
        .select_related("person_a", "person_b")
        .order_by("-strength", "pk")
    )
    return [
        TieView(tie=tie, other=tie.person_b if tie.person_a_id == contact.pk else tie.person_a)
        for tie in ties
    ]


def tie_list(
    *, owner: "User", contact_id: int | None = None, min_strength: int | None = None
) -> QuerySet[Tie]:
    ties = Tie.objects.filter(owner=owner)
    if contact_id is not None:
        ties = ties.filter(Q(person_a_id=contact_id) | Q(person_b_id=contact_id))
    if min_strength is not None:
        ties = ties.filter(strength__gte=min_strength)
    return ties.select_related("person_a", "person_b").order_by("pk")


def affiliation_list(
    *,
    owner: "User",
    contact_id: int | None = None,
    organization_id: int | None = None,
    kind: str = "",
    is_decision_maker: bool | None = None,
) -> QuerySet[Affiliation]:
    affiliations = Affiliation.objects.filter(owner=owner)
    if contact_id is not None:
        affiliations = affiliations.filter(contact_id=contact_id)
    if organization_id is not None:
        affiliations = affiliations.filter(organization_id=organization_id)
    if kind:
        affiliations = affiliations.filter(kind=kind)
    if is_decision_maker is not None:
        affiliations = affiliations.filter(is_decision_maker=is_decision_maker)
    return affiliations.select_related("contact", "organization").order_by("pk")


def organization_list(
    *, owner: "User", query: str = "", kind: str = "", state: str = ""
) -> QuerySet[Organization]:
    """The owner's organizations with how many people the owner knows there."""
    organizations = Organization.objects.filter(owner=owner)
    for word in query.split():
        organizations = organizations.filter(
            Q(name__icontains=word) | Q(city__icontains=word) | Q(state__iexact=word)
        )
    if kind:
        organizations = organizations.filter(kind=kind)
    if state:
        organizations = organizations.filter(state__iexact=state)
    return organizations.annotate(
        n_people=Count("affiliations__contact", distinct=True),
        n_decision_makers=Count(
            "affiliations__contact",
            filter=Q(affiliations__is_decision_maker=True),
            distinct=True,
        ),
    ).order_by("name", "pk")


@dataclass(frozen=True, slots=True)
class OrganizationDetail:
    organization: Organization
    current: list[Affiliation]
    past: list[Affiliation]
    decision_makers: list[Affiliation]


def organization_detail(*, owner: "User", pk: int) -> OrganizationDetail | None:
    """An organization with the people there now, before, and who decides."""
    organization = Organization.objects.filter(owner=owner, pk=pk).first()
    if organization is None:
        return None
    affiliations = list(with_strength_affiliations(owner, organization))
    current = [a for a in affiliations if a.end_year is None]
    past = [a for a in affiliations if a.end_year is not None]
    deciders = [a for a in current if a.is_decision_maker]
    return OrganizationDetail(organization, current, past, deciders)


def with_strength_affiliations(owner: "User", organization: Organization) -> QuerySet[Affiliation]:
    """Affiliations at an organization, decision makers and strongest ties first."""
    return (
        Affiliation.objects.filter(owner=owner, organization=organization)
        .select_related("contact")
        .annotate(strength=_self_tie_strength(owner, "contact_id"))
        .order_by("-is_decision_maker", "-strength", "contact__last_name", "pk")
    )


def contact_list_with_contact_info(
    *,
    owner: "User",
    query: str = "",
    tag: str = "",
    specialty: str = "",
    state: str = "",
    organization_id: int | None = None,
    sort: str = "name",
) -> QuerySet[Contact]:
    """contact_list with every email and phone prefetched (the REST API shows them all)
    instead of the current affiliations that the contact list page shows."""
    contacts = contact_list(
        owner=owner,
        query=query,
        tag=tag,
        specialty=specialty,
        state=state,
        organization_id=organization_id,
        sort=sort,
    )
    return contacts.prefetch_related(None).prefetch_related("tags", "emails", "phones")


def contact_list_by_ids(*, owner: "User", ids: Iterable[int]) -> list[Contact]:
    """The owner's contacts (self included) with these ids, in the order given; an id that is
    not one of the owner's contacts is left out, so callers compare lengths to spot it."""
    wanted = list(dict.fromkeys(ids))
    found = Contact.objects.filter(owner=owner).in_bulk(wanted)
    return [found[pk] for pk in wanted if pk in found]


# The pages of the network app: each gathers what one page shows in a fixed number of queries.

AFFILIATION_GROUPS = (
    (Affiliation.Kind.EMPLOYMENT, "Work"),
    (Affiliation.Kind.TRAINING, "Training"),
    (Affiliation.Kind.EDUCATION, "Education"),
    (Affiliation.Kind.MEMBERSHIP, "Memberships"),
)
TIMELINE_LENGTH = 100


def contact_choices(*, owner: "User") -> QuerySet[Contact]:
    """The owner's contacts (not self) to offer in a form's select, by name."""
    return Contact.objects.filter(owner=owner, is_self=False).order_by(
        "last_name", "first_name", "pk"
    )


def organization_choices(*, owner: "User") -> QuerySet[Organization]:
    return Organization.objects.filter(owner=owner).order_by("name", "pk")


@dataclass(frozen=True, slots=True)
class AffiliationGroup:
    kind: str
    label: str
    affiliations: list[Affiliation]


@dataclass(frozen=True, slots=True)
class ContactDetail:
    """Everything a contact's page shows. `contact` carries `strength` and prefetched emails,
    phones, tags, introduced_by and affiliations (with their organization)."""

    contact: Contact
    affiliation_groups: list[AffiliationGroup]
    ties: list[TieView]
    follow_ups: list["FollowUp"]
    interactions: list["Interaction"]
    introduced: list[Contact]

    @property
    def last_went_badly(self) -> bool:
        """Don't burn bridges: the most recent interaction with this person went badly."""
        from curbside.interactions.models import Interaction

        return bool(self.interactions) and (
            self.interactions[0].sentiment == Interaction.Sentiment.NEGATIVE
        )

    @property
    def pending_follow_ups(self) -> list["FollowUp"]:
        return [f for f in self.follow_ups if f.is_pending]

    @property
    def closed_follow_ups(self) -> list["FollowUp"]:
        return [f for f in self.follow_ups if not f.is_pending]


def contact_detail(*, owner: "User", pk: int) -> ContactDetail | None:
    """A contact's page: card, affiliations by kind, ties, follow-ups (pending first), the
    latest interactions and the people they introduced. Ten queries, whatever the size."""
    from curbside.interactions import selectors as interaction_selectors

    contact = contact_get(owner=owner, pk=pk)  # contact, emails, phones, tags, affiliations
    if contact is None:
        return None
    affiliations = sorted(
        contact.affiliations.all(),
        key=lambda a: (a.end_year is not None, -(a.end_year or 0), -(a.start_year or 0), a.pk),
    )
    groups = [
        AffiliationGroup(kind, label, [a for a in affiliations if a.kind == kind])
        for kind, label in AFFILIATION_GROUPS
    ]
    # The tie with the owner's self is the contact's strength, shown in the header instead.
    ties = (
        Tie.objects.filter(owner=owner)
        .filter(Q(person_a=contact) | Q(person_b=contact))
        .exclude(person_a__is_self=True)
        .exclude(person_b__is_self=True)
        .select_related("person_a", "person_b")
        .order_by("-strength", "pk")
    )
    follow_ups = sorted(
        interaction_selectors.follow_up_list(owner=owner, status="", contact_id=contact.pk),
        key=lambda f: (not f.is_pending, (1 if f.is_pending else -1) * f.due_on.toordinal()),
    )
    interactions = interaction_selectors.interaction_list(owner=owner, contact_id=contact.pk)
    introduced = Contact.objects.filter(owner=owner, introduced_by=contact).order_by(
        "last_name", "first_name", "pk"
    )
    return ContactDetail(
        contact=contact,
        affiliation_groups=[g for g in groups if g.affiliations],
        ties=[TieView(tie=t, other=t.other(contact.pk)) for t in ties],
        follow_ups=follow_ups,
        interactions=list(interactions[:TIMELINE_LENGTH]),
        introduced=list(introduced),
    )


@dataclass(frozen=True, slots=True)
class MergeSide:
    """One of two contacts about to be merged, with how much hangs on it."""

    contact: Contact
    n_emails: int
    n_phones: int
    n_affiliations: int
    n_ties: int
    n_interactions: int
    n_follow_ups: int


@dataclass(frozen=True, slots=True)
class MergePreview:
    keep: MergeSide
    merge: MergeSide


def _count_of(rows: QuerySet[Any]) -> Coalesce:
    """A correlated COUNT(*) of `rows` (already filtered on OuterRef("pk")) as an annotation."""
    counted = rows.order_by().values("owner").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted), 0, output_field=IntegerField())


def contact_merge_preview(*, owner: "User", keep_pk: int, merge_pk: int) -> MergePreview | None:
    """Two of the owner's contacts side by side, with counts of what the merge moves."""
    from curbside.interactions.models import FollowUp, Interaction

    if keep_pk == merge_pk:
        return None
    contacts = (
        Contact.objects.filter(owner=owner, pk__in=[keep_pk, merge_pk])
        .annotate(
            n_affiliations=_count_of(Affiliation.objects.filter(contact=OuterRef("pk"))),
            n_ties=_count_of(
                Tie.objects.filter(Q(person_a=OuterRef("pk")) | Q(person_b=OuterRef("pk")))
            ),
            n_interactions=_count_of(Interaction.objects.filter(contacts=OuterRef("pk"))),
            n_follow_ups=_count_of(FollowUp.objects.filter(contact=OuterRef("pk"))),
        )
        .prefetch_related("emails", "phones", "tags")
        .in_bulk()
    )
    if len(contacts) != 2:
        return None
    keep, merge = (
        MergeSide(
            contact=contact,
            n_emails=len(contact.emails.all()),
            n_phones=len(contact.phones.all()),
            n_affiliations=contact.n_affiliations,
            n_ties=contact.n_ties,
            n_interactions=contact.n_interactions,
            n_follow_ups=contact.n_follow_ups,
        )
        for contact in (contacts[keep_pk], contacts[merge_pk])
    )
    return MergePreview(keep=keep, merge=merge)


def contact_merge_candidates(
    *, owner: "User", contact: Contact, query: str, limit: int = 20
) -> list[Contact]:
    """Contacts that could be the same person as `contact`, found by a search."""
    found = contact_list(owner=owner, query=query).exclude(pk=contact.pk)
    return list(found[:limit])


@dataclass(frozen=True, slots=True)
class Connector:
    """Someone the owner knows who knows people at an organization."""

    person: Contact  # annotated with `strength`: the owner's tie to them
    insiders: list[TieView]  # their ties to people there; `other` is the insider

    @property
    def best(self) -> int:
        return max(view.tie.strength for view in self.insiders)


def _connector_order(connector: Connector) -> tuple[int, int, str, int]:
    """Strongest link into the organization first, then the owner's own tie to the person."""
    person = connector.person
    strength: int = person.strength  # type: ignore[attr-defined]  # annotated by with_strength
    return (-connector.best, -strength, person.last_name, person.pk)


@dataclass(frozen=True, slots=True)
class OrganizationPage:
    detail: OrganizationDetail
    connectors: list[Connector]


def organization_page(*, owner: "User", pk: int) -> OrganizationPage | None:
    """An organization with the people there, who decides, and who knows the people there
    ("inside scoop"): the contacts tied to its current people, strongest links first."""
    detail = organization_detail(owner=owner, pk=pk)  # organization, affiliations
    if detail is None:
        return None
    insiders = {a.contact_id for a in detail.current}
    ties = (
        Tie.objects.filter(owner=owner)
        .filter(Q(person_a__in=insiders) | Q(person_b__in=insiders))
        .select_related("person_a", "person_b")
        .order_by("-strength", "pk")
    )
    links: dict[int, list[TieView]] = {}
    for tie in ties:
        for insider, outsider in ((tie.person_a, tie.person_b), (tie.person_b, tie.person_a)):
            if insider.pk in insiders and outsider.pk not in insiders and not outsider.is_self:
                links.setdefault(outsider.pk, []).append(TieView(tie=tie, other=insider))
    people = with_strength(Contact.objects.filter(owner=owner, pk__in=list(links)), owner)
    connectors = [Connector(person=p, insiders=links[p.pk]) for p in people] if links else []
    connectors.sort(key=_connector_order)
    return OrganizationPage(detail=detail, connectors=connectors)
