"""Fit for opportunities and listings from the database: preferences and the network."""

from decimal import Decimal

import pytest

from curbside.network import services as network_services
from curbside.network.models import Affiliation
from curbside.network.tests.factories import OrganizationFactory
from curbside.opportunities.models import JobPreferences, Listing, Opportunity
from curbside.opportunities.selectors import fit as selectors

from .fit_builders import knows, listing, opportunity, person, works_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def denver_health(alice):
    """Alice knows three people at Denver Health: the chair (a decision maker she has never
    met, but her friend Sam knows well), Kim (5/5) and Lee (2/5). Pat, outside, knows Kim."""
    organization = OrganizationFactory(owner=alice, name="Denver Health")
    chair = person(alice, "Dana Chair")
    kim = person(alice, "Kim Park", strength=5)
    lee = person(alice, "Lee Young", strength=2)
    sam = person(alice, "Sam Friend", strength=4)
    pat = person(alice, "Pat Outside")
    works_at(alice, chair, organization, role="Chair of Medicine", is_decision_maker=True)
    works_at(alice, kim, organization)
    works_at(alice, lee, organization)
    knows(alice, sam, chair, strength=5)
    knows(alice, pat, kim, strength=3)
    return organization


def test_the_network_counts_the_people_there_their_ties_and_a_decision_maker_two_steps_away(
    alice, denver_health
):
    network = selectors.organization_networks(owner=alice, organization_ids=[denver_health.pk])[
        denver_health.pk
    ]
    assert [(i.name, i.strength, i.is_decision_maker) for i in network.insiders] == [
        ("Kim Park, MD", 5, False),
        ("Lee Young, MD", 2, False),
        ("Dana Chair, MD", 0, True),
    ]
    assert [(c.name, c.strength, c.knows) for c in network.connectors] == [
        ("Sam Friend, MD", 4, ("Dana Chair, MD",)),
        ("Pat Outside, MD", 0, ("Kim Park, MD",)),
    ]
    assert network.decision_makers == [("Dana Chair, MD", "Sam Friend, MD")]
    assert network.fit.n_contacts == 3
    assert network.fit.n_tied == 2
    assert network.fit.best_strength == 5
    assert network.fit.decision_maker_steps == 2


def test_a_decision_maker_the_physician_is_tied_to_is_one_step_away(alice, denver_health):
    chair = denver_health.affiliations.get(is_decision_maker=True).contact
    network_services.contact_strength_set(owner=alice, contact=chair, strength=3)
    networks = selectors.organization_networks(owner=alice, organization_ids=[denver_health.pk])
    assert networks[denver_health.pk].decision_makers == [("Dana Chair, MD", "")]
    assert networks[denver_health.pk].fit.decision_maker_steps == 1


def test_a_decision_maker_known_only_through_strangers_is_not_within_two_steps(alice):
    organization = OrganizationFactory(owner=alice, name="Kaiser")
    chief = person(alice, "Chief Medical")
    stranger = person(alice, "Some Stranger")  # a contact the physician has no tie to
    works_at(alice, chief, organization, is_decision_maker=True)
    knows(alice, stranger, chief)
    network = selectors.organization_networks(owner=alice, organization_ids=[organization.pk])
    assert network[organization.pk].fit.decision_maker_steps is None
    assert network[organization.pk].decision_makers == []


def test_past_jobs_and_schools_do_not_make_someone_a_contact_there(alice):
    organization = OrganizationFactory(owner=alice, name="University Hospital")
    former = person(alice, "Former Colleague", strength=5)
    alumnus = person(alice, "An Alumnus", strength=5)
    works_at(alice, former, organization, start_year=2010, end_year=2015)
    works_at(alice, alumnus, organization, kind=Affiliation.Kind.EDUCATION)
    network = selectors.organization_networks(owner=alice, organization_ids=[organization.pk])
    assert network[organization.pk].insiders == []
    assert network[organization.pk].fit.n_contacts == 0


def test_another_users_network_never_counts(alice, bob):
    theirs = OrganizationFactory(owner=bob, name="Denver Health")
    works_at(bob, person(bob, "Bob Friend", strength=5), theirs)
    assert selectors.organization_networks(owner=alice, organization_ids=[theirs.pk]) == {}
    mine = opportunity(alice, organization=None)
    leaked = opportunity(bob, organization=theirs)
    fits = selectors.fit_for_opportunities(owner=alice, opportunities=[mine, leaked])
    assert fits[leaked.pk].part("network").reason == "organization not given"


def test_opportunities_are_scored_with_the_owners_preferences_and_network(
    alice, bob, denver_health
):
    JobPreferences.objects.create(
        owner=alice,
        specialties=["cardiology"],
        states=["CO"],
        salary_floor=Decimal(150),
        salary_floor_unit="hour",
    )
    JobPreferences.objects.create(owner=bob, specialties=["radiology"])
    wanted = opportunity(
        alice,
        organization=denver_health,
        specialty="cardiology",
        state="Colorado",
        salary_min=Decimal(350000),
        salary_unit="year",
    )
    unwanted = opportunity(alice, specialty="radiology", state="TX")
    fits = selectors.fit_for_opportunities(owner=alice, opportunities=[wanted, unwanted])
    assert fits[wanted.pk].part("specialty").points == 20
    assert fits[wanted.pk].part("place").reason == "in CO, one of your states"
    # $150 an hour is $312,000 a year
    assert fits[wanted.pk].part("pay").reason.endswith("at or above your floor of $312,000")
    assert fits[wanted.pk].part("network").reason == (
        "3 contacts at Denver Health, strongest 5/5; 2 more people know them; "
        "a decision maker 2 steps away"
    )
    assert fits[unwanted.pk].part("specialty").points == 0
    assert fits[unwanted.pk].part("network").reason == "organization not given"
    assert fits[wanted.pk].score > fits[unwanted.pk].score


def test_without_preferences_every_criterion_is_satisfied(alice):
    item = opportunity(alice, specialty="radiology")
    fits = selectors.fit_for_opportunities(owner=alice, opportunities=[item])
    assert fits[item.pk].part("specialty").reason == "any specialty suits you"
    assert not JobPreferences.objects.filter(owner=alice).exists()


def test_a_zip_code_and_radius_place_an_opportunity_by_its_zip_code(alice):
    JobPreferences.objects.create(owner=alice, zip_code="80202", radius_miles=30)
    boulder = opportunity(alice, zip_code="80302")
    chicago = opportunity(alice, zip_code="60601")
    fits = selectors.fit_for_opportunities(owner=alice, opportunities=[boulder, chicago])
    assert fits[boulder.pk].part("place").points == 20
    assert fits[boulder.pk].part("place").reason.endswith("miles from 80202, within your 30")
    assert fits[chicago.pk].part("place").points == 0


def test_a_listing_is_matched_to_the_owners_organization_by_employer_name_ignoring_case(
    alice, bob, denver_health
):
    OrganizationFactory(owner=bob, name="Mercy Clinic")
    known = listing(employer="DENVER HEALTH ")
    unknown = listing(employer="Mercy Clinic")
    anonymous = listing(employer="")
    fits = selectors.fit_for_listings(owner=alice, listings=[known, unknown, anonymous])
    assert fits[known.pk].part("network").reason.startswith("3 contacts at Denver Health")
    assert fits[unknown.pk].part("network").reason == "nobody you know at Mercy Clinic yet"
    assert fits[anonymous.pk].part("network").reason == "organization not given"


def test_a_listing_is_placed_by_its_coordinates_and_paid_by_the_year(alice):
    JobPreferences.objects.create(
        owner=alice, zip_code="80202", radius_miles=25, salary_floor=Decimal(300000)
    )
    hourly = listing(salary_min=Decimal(200), salary_max=None, salary_unit="hour")
    remote = listing(latitude=None, longitude=None, is_remote=True, state="")
    fits = selectors.fit_for_listings(owner=alice, listings=[hourly, remote])
    assert fits[hourly.pk].part("place").reason == "0 miles from 80202, within your 25"
    assert fits[hourly.pk].part("pay").reason == (
        "from $416,000 a year, at or above your floor of $300,000"
    )
    assert fits[remote.pk].part("place").reason == "remote"


def grow_opportunities(owner, n: int) -> list[Opportunity]:
    """n opportunities, each at an organization of its own with people, ties and a chair."""
    made = []
    for i in range(n):
        organization = OrganizationFactory(owner=owner)
        inside = person(owner, f"Insider Number{i}", strength=1 + i % 5)
        chair = person(owner, f"Chair Number{i}")
        works_at(owner, inside, organization)
        works_at(owner, chair, organization, is_decision_maker=True)
        knows(owner, inside, chair)
        made.append(opportunity(owner, organization=organization))
    return made


@pytest.mark.parametrize("size", [2, 20])
def test_opportunity_fits_take_the_same_queries_for_any_batch(
    alice, size, django_assert_num_queries
):
    opportunities = grow_opportunities(alice, size)
    # preferences, organizations, affiliations there, ties touching those people, and the
    # owner's own ties to the people those ties reach
    with django_assert_num_queries(5):
        fits = selectors.fit_for_opportunities(owner=alice, opportunities=opportunities)
    assert len(fits) == size
    assert all(f.part("network").reason.endswith("2 steps away") for f in fits.values())


@pytest.mark.parametrize("size", [2, 20])
def test_listing_fits_take_the_same_queries_for_any_batch(alice, size, django_assert_num_queries):
    for item in grow_opportunities(alice, size):
        assert item.organization is not None
        listing(employer=item.organization.name)
    listings = list(Listing.objects.all())
    # preferences, organizations by employer name, then as for opportunities: organizations,
    # affiliations, ties, the owner's own ties
    with django_assert_num_queries(6):
        fits = selectors.fit_for_listings(owner=alice, listings=listings)
    assert len(fits) == size
    assert all(f.part("network").reason.startswith("2 contacts") for f in fits.values())


def test_the_partials_show_the_score_and_each_part_with_its_reason(alice, denver_health):
    from django.template.loader import render_to_string

    item = opportunity(alice, organization=denver_health)
    fit = selectors.fit_for_opportunities(owner=alice, opportunities=[item])[item.pk]
    badge = render_to_string("opportunities/_fit_badge.html", {"fit": fit})
    assert f"Fit {fit.score}" in badge
    assert "out of 100" in badge
    parts = render_to_string("opportunities/_fit_parts.html", {"fit": fit})
    assert parts.count("<dt>") == 1 + len(fit.parts)
    assert "3 contacts at Denver Health, strongest 5/5" in parts
    assert f"<strong>{fit.part('network').points}</strong>" in parts
    assert render_to_string("opportunities/_fit_badge.html", {"fit": None}).strip() == ""
