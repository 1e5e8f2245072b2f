"""Comparing 2–5 opportunities side by side on weighted criteria, with who you know there."""

from decimal import Decimal

import pytest
from django.urls import reverse

from curbside.network.tests.factories import OrganizationFactory
from curbside.opportunities.models import JobPreferences, Opportunity
from curbside.opportunities.services import preferences as services

from .fit_builders import knows, opportunity, person, works_at

pytestmark = pytest.mark.django_db

URL = reverse("opportunities:opportunity_compare")


@pytest.fixture
def finalists(alice):
    """A well-paid job where Alice knows nobody, and a closer one among friends."""
    services.job_preferences_update(
        owner=alice,
        specialties=["cardiology"],
        states=["CO"],
        salary_floor=Decimal(400000),
        must_haves="no OB call\n4-day week",
    )
    health = OrganizationFactory(owner=alice, name="Denver Health")
    kim = person(alice, "Kim Park", strength=5)
    chair = person(alice, "Dana Chair")
    works_at(alice, kim, health)
    works_at(alice, chair, health, role="Chair of Medicine", is_decision_maker=True)
    knows(alice, kim, chair, strength=4)
    rich = opportunity(
        alice,
        title="Cardiologist, Phoenix",
        organization=OrganizationFactory(owner=alice, name="Desert Heart"),
        specialty="cardiology",
        state="AZ",
        salary_min=Decimal(500000),
        call_schedule="1 in 4",
    )
    close = opportunity(
        alice,
        title="Cardiologist, Denver",
        organization=health,
        specialty="cardiology",
        state="CO",
        salary_min=Decimal(380000),
        salary_max=Decimal(390000),
    )
    return rich, close


def compare(client, *ids, **params):
    return client.get(URL, {"ids": [str(i) for i in ids], **params})


def test_two_opportunities_are_shown_side_by_side_with_each_criterion(client, alice, finalists):
    rich, close = finalists
    client.force_login(alice)
    response = compare(client, rich.pk, close.pk)
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert [c.opportunity for c in comparison.columns] == [rich, close]
    rows = {row.name: row for row in comparison.rows}
    assert [cell.value for cell in rows["pay"].cells] == [
        "from $500,000 per year",
        "$380,000–$390,000 per year",
    ]
    assert [cell.part.points for cell in rows["place"].cells] == [0, 20]
    content = response.content.decode()
    assert "Cardiologist, Phoenix" in content
    assert "in CO, one of your states" in content
    assert "1 in 4" in content


def test_the_network_column_names_who_you_know_and_who_decides(client, alice, finalists):
    rich, close = finalists
    client.force_login(alice)
    response = compare(client, rich.pk, close.pk)
    columns = response.context["comparison"].columns
    assert columns[0].network.insiders == []
    insiders = [(i.name, i.strength, i.is_decision_maker) for i in columns[1].network.insiders]
    assert insiders == [("Kim Park, MD", 5, False), ("Dana Chair, MD", 0, True)]
    content = response.content.decode()
    assert "Nobody yet at Desert Heart." in content
    assert "Decision maker Dana Chair, MD, through Kim Park, MD." in content
    assert "Chair of Medicine" in content


def test_weights_decide_which_opportunity_leads(client, alice, finalists):
    rich, close = finalists
    client.force_login(alice)
    services.comparison_weights_set(
        owner=alice,
        weights={"pay": 5, "place": 0, "network": 0, "setting": 0, "specialty": 0, "visa": 0},
    )
    by_pay = compare(client, rich.pk, close.pk).context["comparison"]
    assert [c.is_leader for c in by_pay.columns] == [True, False]
    assert by_pay.columns[0].weighted.total == 100

    services.comparison_weights_set(
        owner=alice,
        weights={"pay": 1, "place": 5, "network": 5, "setting": 0, "specialty": 0, "visa": 0},
    )
    by_people = compare(client, rich.pk, close.pk).context["comparison"]
    assert [c.is_leader for c in by_people.columns] == [False, True]


def test_saving_the_weights_stores_them_and_returns_to_the_same_comparison(
    client, alice, finalists
):
    rich, close = finalists
    client.force_login(alice)
    weights = {"setting": "0", "place": "1", "pay": "5", "specialty": "2", "visa": "0"}
    response = client.post(f"{URL}?ids={rich.pk}&ids={close.pk}", {**weights, "network": "4"})
    assert response.status_code == 302
    assert response.url == f"{URL}?ids={rich.pk}&ids={close.pk}"
    stored = JobPreferences.objects.get(owner=alice).comparison_weights
    assert stored == {"setting": 0, "place": 1, "pay": 5, "specialty": 2, "visa": 0, "network": 4}
    again = client.get(response.url)
    assert again.context["form"].initial["pay"] == 5
    assert again.context["comparison"].rows[2].weight == 5


def test_an_out_of_range_weight_is_refused_and_nothing_is_saved(client, alice, finalists):
    rich, close = finalists
    client.force_login(alice)
    response = client.post(
        f"{URL}?ids={rich.pk}&ids={close.pk}",
        {"setting": "9", "place": "1", "pay": "5", "specialty": "2", "visa": "0", "network": "4"},
    )
    assert response.status_code == 200
    assert "setting" in response.context["form"].errors
    assert JobPreferences.objects.get(owner=alice).comparison_weights == {}


def test_the_must_haves_are_listed_beside_the_comparison(client, alice, finalists):
    client.force_login(alice)
    response = compare(client, *(o.pk for o in finalists))
    assert response.context["comparison"].must_haves == ("no OB call", "4-day week")
    assert "4-day week" in response.content.decode()


@pytest.mark.parametrize("n", [0, 1, 6])
def test_fewer_than_two_or_more_than_five_asks_to_choose_again(client, alice, n):
    items = [opportunity(alice) for _ in range(6)]
    client.force_login(alice)
    response = compare(client, *(o.pk for o in items[:n]))
    assert response.status_code == 200
    assert "comparison" not in response.context
    content = response.content.decode()
    assert "Choose opportunities" in content
    assert len(response.context["choices"]) == 6
    if n:
        assert f"You chose {n}: choose between 2 and 5 opportunities to compare." in content


def test_closed_opportunities_are_not_offered_but_can_be_compared(client, alice):
    open_one = opportunity(alice)
    closed = opportunity(alice, stage=Opportunity.Stage.DECLINED)
    client.force_login(alice)
    assert compare(client).context["choices"] == [open_one]
    assert compare(client, open_one.pk, closed.pk).status_code == 200


def test_the_same_id_twice_counts_once(client, alice):
    item = opportunity(alice)
    client.force_login(alice)
    response = compare(client, item.pk, item.pk)
    assert "comparison" not in response.context


def test_another_users_opportunity_in_the_comparison_is_not_found(client, alice, bob):
    mine = opportunity(alice)
    theirs = opportunity(bob)
    client.force_login(alice)
    assert compare(client, mine.pk, theirs.pk).status_code == 404
    assert compare(client, mine.pk, 999_999).status_code == 404


def grow(owner, n):
    """n opportunities, each at an organization with two people, a decision maker and ties."""
    made = []
    for i in range(n):
        organization = OrganizationFactory(owner=owner)
        inside = person(owner, f"Insider Number{i}", strength=1 + i % 5)
        chair = person(owner, f"Chair Number{i}")
        works_at(owner, inside, organization)
        works_at(owner, chair, organization, is_decision_maker=True)
        knows(owner, inside, chair)
        knows(owner, person(owner, f"Friend Number{i}", strength=3), chair)
        made.append(opportunity(owner, organization=organization, zip_code="80202"))
    return made


@pytest.mark.parametrize("size", [2, 5])
def test_the_comparison_queries_do_not_grow_with_the_opportunities(
    client, alice, size, django_assert_num_queries
):
    services.job_preferences_update(owner=alice, zip_code="80202", states=["CO"])
    items = grow(alice, size)
    client.force_login(alice)
    # session, user, the opportunities with their organizations, the preferences, then the
    # network: organizations, affiliations there, ties touching those people, the owner's
    # own ties to the people those ties reach
    with django_assert_num_queries(8):
        response = compare(client, *(o.pk for o in items))
    assert len(response.context["comparison"].columns) == size
    assert all(c.network.decision_makers for c in response.context["comparison"].columns)


@pytest.mark.parametrize("size", [2, 20])
def test_the_choice_list_queries_do_not_grow_with_the_opportunities(
    client, alice, size, django_assert_num_queries
):
    for _ in range(size):
        opportunity(alice, organization=OrganizationFactory(owner=alice))
    client.force_login(alice)
    # session, user, the open opportunities with their organizations
    with django_assert_num_queries(3):
        response = compare(client)
    assert len(response.context["choices"]) == size
