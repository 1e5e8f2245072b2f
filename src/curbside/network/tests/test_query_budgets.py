"""The network's pages make the same number of queries with 2 contacts as with 50.

Each budget names its queries; a new one on a page is a decision, not an accident.
"""

import datetime

import pytest
from django.urls import reverse

from curbside.interactions.tests.factories import FollowUpFactory, InteractionFactory
from curbside.network import services
from curbside.network.models import Affiliation

from .factories import AffiliationFactory, ContactFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

SIZES = (2, 48)  # added one after the other: 2 contacts, then 50


def grow_network(owner, n, *, around=None, organization=None):
    """Add `n` contacts with everything a page shows: tags, a current job, a strength, a tie
    to `around`, interactions and follow-ups with it, and an introduction by it."""
    for index in range(n):
        contact = services.contact_create(
            owner=owner,
            name=f"Dr. Person{index} Grow{n}, MD",
            emails=[f"p{index}.{n}@example.org"],
            phones=[f"303555{index:04d}"],
            tags=["mentor", f"tag{index % 3}"],
            introduced_by=around,
        )
        services.contact_strength_set(owner=owner, contact=contact, strength=1 + index % 5)
        AffiliationFactory(
            owner=owner,
            contact=contact,
            organization=organization or OrganizationFactory(owner=owner),
            is_decision_maker=index % 4 == 0,
            end_year=None if index % 3 else 2020,
        )
        if around is not None:
            services.tie_record(owner=owner, person=around, other=contact, strength=2)
            InteractionFactory(owner=owner, contacts=[around, contact])
            FollowUpFactory(
                owner=owner, contact=around, due_on=datetime.date(2026, 12, index % 28 + 1)
            )
            AffiliationFactory(owner=owner, contact=around)


def test_the_contact_list_makes_the_same_queries_for_2_or_50_contacts(
    client, alice, django_assert_num_queries
):
    client.force_login(alice)
    for size in SIZES:
        grow_network(alice, size)
        # session, user, count, specialties, states, tag names (filters),
        # contacts with strength, their tags, their current affiliations with organizations
        with django_assert_num_queries(9):
            response = client.get(reverse("network:contact_list"))
        assert len(response.context["page"].object_list) == (2 if size == 2 else 50)


def test_the_contact_lists_htmx_results_skip_the_filter_queries(
    client, alice, django_assert_num_queries
):
    client.force_login(alice)
    for size in SIZES:
        grow_network(alice, size)
        # session, user, count, contacts with strength, their tags, their current affiliations
        with django_assert_num_queries(6):
            client.get(
                reverse("network:contact_list"), {"q": "Grow"}, headers={"HX-Request": "true"}
            )


def test_a_contacts_page_makes_the_same_queries_however_much_hangs_on_it(
    client, alice, django_assert_num_queries
):
    client.force_login(alice)
    contact = services.contact_create(
        owner=alice, name="Maya Patel, MD", emails=["maya@example.org"], tags=["mentor"]
    )
    for size in SIZES:
        grow_network(alice, size, around=contact)
        # session, user, contact with strength and introducer, emails, phones, tags,
        # affiliations with organizations, follow-ups, ties with both people,
        # interactions, the people in those interactions, the people they introduced
        with django_assert_num_queries(12):
            response = client.get(reverse("network:contact_detail", args=[contact.pk]))
        detail = response.context["detail"]
        assert len(detail.ties) == (2 if size == 2 else 50)
        assert len(detail.interactions) == len(detail.introduced) == len(detail.ties)


def test_the_organization_list_makes_the_same_queries_for_2_or_50_organizations(
    client, alice, django_assert_num_queries
):
    client.force_login(alice)
    for size in SIZES:
        grow_network(alice, size)
        # session, user, count, organizations with their counts of people and deciders
        with django_assert_num_queries(4):
            response = client.get(reverse("network:organization_list"))
        assert response.context["page"].paginator.count == (2 if size == 2 else 50)


def test_an_organizations_page_makes_the_same_queries_for_2_or_50_people(
    client, alice, django_assert_num_queries
):
    client.force_login(alice)
    organization = OrganizationFactory(owner=alice)
    outsider = ContactFactory(owner=alice)
    for size in SIZES:
        grow_network(alice, size, organization=organization)
        for affiliation in Affiliation.objects.filter(organization=organization):
            services.tie_record(owner=alice, person=outsider, other=affiliation.contact)
        # session, user, organization, affiliations with people and strength,
        # ties of the people there now, the people who know them with strength
        with django_assert_num_queries(6):
            response = client.get(reverse("network:organization_detail", args=[organization.pk]))
        page = response.context["page"]
        assert len(page.detail.current) + len(page.detail.past) == (2 if size == 2 else 50)
        assert [c.person for c in page.connectors] == [outsider]
