"""Reads of the network. Every function takes the owner first and prefetches what it shows."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

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

CONTACT_SORTS = {
    "name": ("last_name", "first_name", "pk"),
    "-name": ("-last_name", "-first_name", "-pk"),
    "last_contact": ("last_interaction_on", "last_name", "pk"),
    "-last_contact": ("-last_interaction_on", "last_name", "pk"),
    "strength": ("-strength", "last_name", "pk"),
    "recent": ("-created_at", "-pk"),
}


def with_strength(contacts: QuerySet[Contact], owner: "User") -> QuerySet[Contact]:
    """Annotate `strength`: the tie between the owner's self and each contact (0 if none)."""
    ties = Tie.objects.filter(owner=owner).filter(
        Q(person_a__is_self=True, person_b=OuterRef("pk"))
        | Q(person_b__is_self=True, person_a=OuterRef("pk"))
    )
    return contacts.annotate(
        strength=Coalesce(Subquery(ties.values("strength")[:1]), 0, output_field=IntegerField())
    )


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
    specialties = sorted(
        set(contacts.exclude(specialty="").values_list("specialty", flat=True).distinct())
    )
    states = sorted(set(contacts.exclude(state="").values_list("state", flat=True).distinct()))
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
    ties = Tie.objects.filter(owner=owner).filter(
        Q(person_a__is_self=True, person_b=OuterRef("contact"))
        | Q(person_b__is_self=True, person_a=OuterRef("contact"))
    )
    return (
        Affiliation.objects.filter(owner=owner, organization=organization)
        .select_related("contact")
        .annotate(
            strength=Coalesce(Subquery(ties.values("strength")[:1]), 0, output_field=IntegerField())
        )
        .order_by("-is_decision_maker", "-strength", "contact__last_name", "pk")
    )
