"""The user's introduction graph, built from the database: every kind of link with its
evidence, costs from recency and sentiment, the query budget, and the cache."""

from datetime import date

import pytest
import time_machine

from curbside.interactions.models import Interaction
from curbside.interactions.services import interaction_log
from curbside.intros import graph as graph_module
from curbside.intros.cost import edge_cost
from curbside.intros.graph import graph_build, graph_cache_clear, personal_graph
from curbside.network.models import Affiliation, Contact, Organization
from curbside.network.services import contact_delete, contact_strength_set, tie_record, tie_update
from curbside.network.tests.factories import AffiliationFactory, ContactFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)
TRAINING = Affiliation.Kind.TRAINING
EMPLOYMENT = Affiliation.Kind.EMPLOYMENT
EDUCATION = Affiliation.Kind.EDUCATION


@pytest.fixture(autouse=True)
def _on_june_first():
    graph_cache_clear()
    with time_machine.travel("2026-06-01 12:00Z", tick=False):
        yield
    graph_cache_clear()


def me_of(user) -> Contact:
    return Contact.objects.get(owner=user, is_self=True)


def person(user, name: str, **fields) -> Contact:
    first, last = name.split()
    return ContactFactory(owner=user, first_name=first, last_name=last, full_name=name, **fields)


def place(user, name: str, kind=Organization.Kind.HOSPITAL) -> Organization:
    return Organization.objects.create(owner=user, name=name, kind=kind)


def affiliate(user, contact, organization, kind, start=None, end=None, **fields):
    return AffiliationFactory(
        owner=user,
        contact=contact,
        organization=organization,
        kind=kind,
        start_year=start,
        end_year=end,
        **fields,
    )


def met(user, people, on: date, sentiment=Interaction.Sentiment.NEUTRAL, kind="call"):
    return interaction_log(
        owner=user, kind=kind, contacts=people, happened_on=on, sentiment=sentiment
    )


def built(user):
    return graph_build(owner=user, today=TODAY)


def test_a_recorded_tie_between_contacts_is_explained_by_its_strength_context_and_last_meeting(
    alice,
):
    ann, carl = person(alice, "Ann Lee"), person(alice, "Carl Diaz")
    tie_record(owner=alice, person=ann, other=carl, strength=4, context="co-residents", since=2019)
    met(alice, [ann, carl], date(2026, 4, 1))

    link = built(alice).link(ann.pk, carl.pk)

    assert link is not None
    assert (link.kind, link.strength) == ("recorded", 4)
    assert link.evidence == "recorded tie 4/5, co-residents, since 2019, last talked 2 months ago"
    expected = edge_cost(strength=4, days_since_last=61, last_sentiment="neutral", inferred=False)
    assert link.cost == pytest.approx(expected)


def test_the_self_tie_carries_the_relationship_strength_and_the_last_interaction_with_the_user(
    alice,
):
    ann = person(alice, "Ann Lee")
    contact_strength_set(owner=alice, contact=ann, strength=5)
    met(alice, [ann], date(2026, 5, 25))

    link = built(alice).link(me_of(alice).pk, ann.pk)

    assert link is not None
    assert link.kind == "recorded"
    assert link.evidence == "recorded tie 5/5, last talked 1 week ago"
    assert link.cost == pytest.approx(1.0)


def test_a_last_interaction_that_went_badly_makes_the_link_dearer_and_says_so(alice):
    ann, ben = person(alice, "Ann Lee"), person(alice, "Ben Ford")
    for contact in (ann, ben):
        contact_strength_set(owner=alice, contact=contact, strength=5)
        met(alice, [contact], date(2026, 5, 25))
    met(alice, [ben], date(2026, 5, 30), sentiment=Interaction.Sentiment.NEGATIVE)

    graph = built(alice)
    good, bad = graph.link(me_of(alice).pk, ann.pk), graph.link(me_of(alice).pk, ben.pk)

    assert good is not None
    assert bad is not None
    assert bad.cost == pytest.approx(3 * good.cost)
    assert bad.evidence.endswith("last interaction went badly")


def test_training_together_is_an_inferred_link_with_the_program_and_years(alice):
    ann = person(alice, "Ann Lee")
    program = place(alice, "Denver Health IM Residency", Organization.Kind.RESIDENCY_PROGRAM)
    affiliate(alice, me_of(alice), program, TRAINING, 2016, 2019)
    affiliate(alice, ann, program, TRAINING, 2017, 2020)

    link = built(alice).link(me_of(alice).pk, ann.pk)

    assert link is not None
    assert link.kind == "inferred"
    assert link.evidence == "trained together at Denver Health IM Residency 2017–2019 (inferred)"


def test_colleagues_and_classmates_among_contacts_are_inferred_links(alice):
    ann, ben, cy = person(alice, "Ann Lee"), person(alice, "Ben Ford"), person(alice, "Cy Ng")
    mercy = place(alice, "Mercy Hospital")
    school = place(alice, "CU School of Medicine", Organization.Kind.MEDICAL_SCHOOL)
    affiliate(alice, ann, mercy, EMPLOYMENT, 2015, 2019)
    affiliate(alice, ben, mercy, EMPLOYMENT, 2018, None)
    affiliate(alice, ben, school, EDUCATION, 2008, 2012)
    affiliate(alice, cy, school, EDUCATION, 2009, 2013)

    graph = built(alice)
    worked, classmates = graph.link(ann.pk, ben.pk), graph.link(cy.pk, ben.pk)

    assert worked is not None
    assert classmates is not None
    assert worked.evidence == "worked together at Mercy Hospital 2018–2019 (inferred)"
    assert classmates.evidence == (
        "classmates at CU School of Medicine (class of 2012/2013) (inferred)"
    )
    assert graph.link(ann.pk, cy.pk) is None


def test_an_introducer_is_linked_to_the_person_they_introduced(alice):
    ann = person(alice, "Ann Lee")
    ben = person(alice, "Ben Ford", introduced_by=ann)

    link = built(alice).link(ann.pk, ben.pk)

    assert link is not None
    assert link.kind == "inferred"
    assert link.evidence == "Ann Lee introduced you to Ben Ford (inferred)"


def test_two_contacts_logged_in_one_interaction_are_linked_with_that_evidence(alice):
    ann, ben = person(alice, "Ann Lee"), person(alice, "Ben Ford")
    met(alice, [ann, ben], date(2026, 3, 1), kind="meeting")

    link = built(alice).link(ann.pk, ben.pk)

    assert link is not None
    assert link.kind == "inferred"
    assert link.evidence == "together in 1 logged interaction (inferred), last talked 3 months ago"


def test_someone_met_but_never_given_a_strength_is_linked_to_the_user_as_inferred(alice):
    ann = person(alice, "Ann Lee")
    met(alice, [ann], date(2026, 5, 1))
    met(alice, [ann], date(2026, 5, 20))

    link = built(alice).link(me_of(alice).pk, ann.pk)

    assert link is not None
    assert (link.kind, link.strength) == ("inferred", 3)
    assert link.evidence.startswith("you logged 2 interactions together (inferred)")


def test_a_recorded_tie_wins_over_what_could_be_inferred_for_the_same_pair(alice):
    ann, ben = person(alice, "Ann Lee"), person(alice, "Ben Ford")
    mercy = place(alice, "Mercy Hospital")
    affiliate(alice, ann, mercy, EMPLOYMENT, 2010, None)
    affiliate(alice, ben, mercy, EMPLOYMENT, 2010, None)
    tie_record(owner=alice, person=ann, other=ben, strength=1)

    link = built(alice).link(ann.pk, ben.pk)

    assert link is not None
    assert (link.kind, link.strength) == ("recorded", 1)


def test_people_without_any_link_are_not_linked(alice):
    ann, ben = person(alice, "Ann Lee"), person(alice, "Ben Ford")

    graph = built(alice)

    assert graph.link(ann.pk, ben.pk) is None
    assert graph.link(ann.pk, ann.pk) is None


def test_another_users_contacts_are_not_in_the_graph(alice, bob):
    ann = person(alice, "Ann Lee")
    bobs = Contact.objects.filter(owner=bob)
    mercy = place(bob, "Mercy Hospital")
    for contact in bobs:
        affiliate(bob, contact, mercy, EMPLOYMENT, 2010, None)

    graph = built(alice)

    assert set(graph.nodes) == {me_of(alice).pk, ann.pk}
    assert not set(graph.nodes) & set(bobs.values_list("pk", flat=True))
    assert mercy.pk not in graph.memberships


def test_building_takes_four_queries_whatever_the_size(alice, django_assert_num_queries):
    for n in (2, 20):
        people = ContactFactory.create_batch(n, owner=alice)
        mercy = place(alice, f"Mercy {n}")
        for i, contact in enumerate(people):
            affiliate(alice, contact, mercy, EMPLOYMENT, 2010 + i % 3, None)
            contact_strength_set(owner=alice, contact=contact, strength=3)
        met(alice, people[:3], date(2026, 5, 1))
        # contacts, ties, affiliations with their organization, people of interactions
        with django_assert_num_queries(4):
            built(alice)


def test_the_cached_graph_costs_one_query_and_is_the_same_object(alice, django_assert_num_queries):
    person(alice, "Ann Lee")
    first = personal_graph(owner=alice)

    with django_assert_num_queries(1):  # the version
        again = personal_graph(owner=alice)

    assert again is first


def test_a_new_tie_rebuilds_the_graph(alice):
    ann, ben = person(alice, "Ann Lee"), person(alice, "Ben Ford")
    before = personal_graph(owner=alice)

    tie_record(owner=alice, person=ann, other=ben, strength=4)

    after = personal_graph(owner=alice)
    assert after is not before
    assert before.link(ann.pk, ben.pk) is None
    assert after.link(ann.pk, ben.pk) is not None


def test_a_changed_tie_strength_rebuilds_the_graph(alice):
    ann, ben = person(alice, "Ann Lee"), person(alice, "Ben Ford")
    tie = tie_record(owner=alice, person=ann, other=ben, strength=4)
    personal_graph(owner=alice)

    with time_machine.travel("2026-06-01 12:00:01Z", tick=False):
        tie_update(owner=alice, tie=tie, strength=2)
        link = personal_graph(owner=alice).link(ann.pk, ben.pk)

    assert link is not None
    assert link.strength == 2


def test_a_deleted_contact_rebuilds_the_graph(alice):
    ann = person(alice, "Ann Lee")
    contact_strength_set(owner=alice, contact=ann, strength=4)
    ann_id = ann.pk
    before = personal_graph(owner=alice)

    contact_delete(owner=alice, contact=ann)

    after = personal_graph(owner=alice)
    assert ann_id in before.nodes
    assert ann_id not in after.nodes


def test_a_new_affiliation_rebuilds_the_graph(alice):
    ann = person(alice, "Ann Lee")
    mercy = place(alice, "Mercy Hospital")
    affiliate(alice, me_of(alice), mercy, EMPLOYMENT, 2020, None)
    before = personal_graph(owner=alice)

    affiliate(alice, ann, mercy, EMPLOYMENT, 2021, None)

    after = personal_graph(owner=alice)
    assert before.link(me_of(alice).pk, ann.pk) is None
    link = after.link(me_of(alice).pk, ann.pk)
    assert link is not None
    assert "worked together at Mercy Hospital" in link.evidence
    assert [m.contact_id for m in after.memberships[mercy.pk]] == [me_of(alice).pk, ann.pk]


def test_a_new_interaction_rebuilds_the_graph(alice):
    ann = person(alice, "Ann Lee")
    contact_strength_set(owner=alice, contact=ann, strength=4)
    before = personal_graph(owner=alice)

    met(alice, [ann], date(2026, 5, 31))

    after = personal_graph(owner=alice)
    old, new = before.link(me_of(alice).pk, ann.pk), after.link(me_of(alice).pk, ann.pk)
    assert old is not None
    assert new is not None
    assert old.evidence == "recorded tie 4/5, no interaction logged"
    assert new.evidence == "recorded tie 4/5, last talked yesterday"
    assert new.cost < old.cost


def test_a_new_day_rebuilds_the_graph_since_recency_counts_in_days(alice):
    ann = person(alice, "Ann Lee")
    contact_strength_set(owner=alice, contact=ann, strength=4)
    met(alice, [ann], date(2026, 5, 31))
    personal_graph(owner=alice)

    with time_machine.travel("2026-06-02 12:00Z", tick=False):
        link = personal_graph(owner=alice).link(me_of(alice).pk, ann.pk)

    assert link is not None
    assert link.evidence == "recorded tie 4/5, last talked 2 days ago"


def test_the_cache_keeps_a_few_users_and_drops_the_least_recently_used(alice, bob, monkeypatch):
    monkeypatch.setattr(graph_module, "CACHE_SIZE", 1)
    alices = personal_graph(owner=alice)
    personal_graph(owner=bob)

    assert personal_graph(owner=alice) is not alices
