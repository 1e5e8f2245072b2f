import factory

from curbside.network.models import Affiliation, Contact, Organization, Tie


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Riverside Medical Group {n}")
    kind = Organization.Kind.GROUP_PRACTICE
    city = "Denver"
    state = "CO"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    first_name = factory.Sequence(lambda n: f"Jordan{n}")
    last_name = factory.Sequence(lambda n: f"Lee{n}")
    full_name = factory.LazyAttribute(lambda o: f"{o.first_name} {o.last_name}")
    credentials = "MD"
    specialty = "Internal Medicine"
    city = "Denver"
    state = "CO"


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    contact = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))
    organization = factory.SubFactory(OrganizationFactory, owner=factory.SelfAttribute("..owner"))
    kind = Affiliation.Kind.EMPLOYMENT
    role = "Attending physician"
    start_year = 2018


class TieFactory(factory.django.DjangoModelFactory):
    """A tie; pass person_a and person_b with person_a.pk < person_b.pk."""

    class Meta:
        model = Tie

    strength = 3
