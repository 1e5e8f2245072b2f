"""Every list endpoint runs the same number of queries for 2 rows as for 50."""

import pytest

from curbside.interactions.tests.factories import FollowUpFactory, InteractionFactory
from curbside.network.services import tags_resolve
from curbside.network.tests.factories import (
    AffiliationFactory,
    ContactFactory,
    OrganizationFactory,
    TieFactory,
)

pytestmark = pytest.mark.django_db

SIZES = (2, 50)


def add_contacts(owner, n: int) -> None:
    tags = tags_resolve(owner=owner, names=["mentor", "conference"])
    for contact in ContactFactory.create_batch(n, owner=owner):
        contact.emails.create(owner=owner, email=f"c{contact.pk}@example.org", is_primary=True)
        contact.phones.create(owner=owner, number=f"+1303555{contact.pk:04d}", is_primary=True)
        contact.tags.set(tags)


def add_organizations(owner, n: int) -> None:
    for organization in OrganizationFactory.create_batch(n, owner=owner):
        AffiliationFactory(owner=owner, organization=organization, is_decision_maker=True)


def add_affiliations(owner, n: int) -> None:
    AffiliationFactory.create_batch(n, owner=owner)


def add_ties(owner, n: int) -> None:
    for _ in range(n):
        first, second = ContactFactory.create_batch(2, owner=owner)
        TieFactory(owner=owner, person_a=first, person_b=second)


def add_interactions(owner, n: int) -> None:
    for _ in range(n):
        InteractionFactory(owner=owner, contacts=ContactFactory.create_batch(2, owner=owner))


def add_follow_ups(owner, n: int) -> None:
    contact = ContactFactory(owner=owner)
    interaction = InteractionFactory(owner=owner, contacts=[contact])
    FollowUpFactory.create_batch(n, owner=owner, contact=contact, interaction=interaction)


BUDGETS = [
    # token and its owner, count, contacts with strength, tags, emails, phones
    ("/contacts", add_contacts, 6),
    # token and its owner, count, organizations with head counts
    ("/organizations", add_organizations, 3),
    # token and its owner, count, affiliations with their contact and organization
    ("/affiliations", add_affiliations, 3),
    # token and its owner, count, ties with both people
    ("/ties", add_ties, 3),
    # token and its owner, count, interactions, their contacts
    ("/interactions", add_interactions, 4),
    # token and its owner, count, follow-ups with their contact and interaction
    ("/followups", add_follow_ups, 3),
]


@pytest.mark.parametrize(("path", "add_rows", "n_queries"), BUDGETS)
def test_list_endpoint_queries_do_not_grow_with_rows(
    api, alice, django_assert_num_queries, path, add_rows, n_queries
):
    api.get("/me")  # the token's first use is recorded once; later requests only read it
    total = 0
    for size in SIZES:
        add_rows(alice, size - total)
        total = size
        with django_assert_num_queries(n_queries):
            response = api.get(path, {"limit": 100})
        assert response.status_code == 200
        assert response.json()["count"] == size
        assert len(response.json()["items"]) == size
