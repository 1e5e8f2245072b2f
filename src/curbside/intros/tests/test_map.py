"""The network map page and its selector: who is drawn, filters, the chain, escaping."""

import re

import pytest
import time_machine
from django.urls import reverse

from curbside.intros.selectors.network_map import network_map
from curbside.network.models import Affiliation, Contact, Organization, Tag
from curbside.network.services import contact_strength_set, tie_record
from curbside.network.tests.factories import (
    AffiliationFactory,
    ContactFactory,
    OrganizationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_2025():
    with time_machine.travel("2025-06-01 12:00Z", tick=False):
        yield


def me_of(user) -> Contact:
    return Contact.objects.get(owner=user, is_self=True)


def known(user, strength=3, **fields) -> Contact:
    contact = ContactFactory(owner=user, **fields)
    contact_strength_set(owner=user, contact=contact, strength=strength)
    return contact


def test_the_map_draws_self_first_then_contacts_ties_and_shared_organizations(alice):
    jane = known(alice, 5, full_name="Jane Roe", first_name="Jane", last_name="Roe")
    omar = known(alice, 2, full_name="Omar Diaz", first_name="Omar", last_name="Diaz")
    tie_record(owner=alice, person=jane, other=omar, strength=4)
    mercy = OrganizationFactory(owner=alice, name="Mercy Hospital")
    for person in (jane, omar):
        AffiliationFactory(owner=alice, contact=person, organization=mercy, start_year=2019)
    AffiliationFactory(owner=alice, contact=jane)  # an organization only Jane has: not drawn

    drawing = network_map(owner=alice)

    assert [n.kind for n in drawing.nodes] == ["self", "contact", "contact", "organization"]
    assert [n.label for n in drawing.nodes] == ["You", "J. Roe", "O. Diaz", "Mercy Hospital"]
    assert drawing.contacts[1:] == (jane, omar)  # strongest tie first
    recorded = {(e.a, e.b, e.strength) for e in drawing.edges if e.kind == "recorded"}
    assert recorded == {(0, 1, 5), (0, 2, 2), (1, 2, 4)}
    assert {(e.a, e.b) for e in drawing.edges if e.kind == "affiliation"} == {(1, 3), (2, 3)}
    assert (drawing.n_matching, drawing.n_left_out) == (2, 0)


def test_inferred_ties_are_drawn_where_nothing_was_recorded(alice):
    program = OrganizationFactory(
        owner=alice, name="Grady IM", kind=Organization.Kind.RESIDENCY_PROGRAM
    )
    a, b, c = known(alice), known(alice), known(alice)
    # Only a and b trained there; c was introduced by a.
    AffiliationFactory(
        owner=alice,
        contact=a,
        organization=program,
        kind=Affiliation.Kind.TRAINING,
        start_year=2016,
        end_year=2019,
    )
    c.introduced_by = a
    c.save()
    drawing = network_map(owner=alice)
    inferred = [e for e in drawing.edges if e.kind == "inferred"]
    assert [(drawing.contacts[e.a], drawing.contacts[e.b]) for e in inferred] == [(a, c)]
    assert "introduced you to" in inferred[0].title
    assert b in drawing.contacts


def test_the_map_keeps_the_closest_contacts_and_says_how_many_were_left_out(alice):
    strong = [known(alice, 5) for _ in range(3)]
    weak = [known(alice, 1) for _ in range(4)]

    drawing = network_map(owner=alice, limit=3)

    assert set(drawing.contacts[1:]) == set(strong)
    assert (drawing.n_matching, drawing.n_left_out) == (7, 4)
    assert not set(weak) & set(drawing.contacts)


def test_filters_by_organization_tag_and_specialty(alice):
    mercy = OrganizationFactory(owner=alice)
    at_mercy = known(alice)
    AffiliationFactory(owner=alice, contact=at_mercy, organization=mercy)
    tagged = known(alice)
    tagged.tags.add(Tag.objects.create(owner=alice, name="mentor"))
    surgeon = known(alice, specialty="General Surgery")

    def shown(**filters):
        return set(network_map(owner=alice, **filters).contacts[1:])

    assert shown(organization=mercy) == {at_mercy}
    assert shown(tag="mentor") == {tagged}
    assert shown(specialty="general surgery") == {surgeon}


def test_a_chain_is_highlighted_and_its_people_drawn_even_beyond_the_limit(alice):
    friend = known(alice, 5)
    far = ContactFactory(owner=alice)  # no tie with the user: last by strength
    tie_record(owner=alice, person=friend, other=far, strength=4)
    me = me_of(alice)

    drawing = network_map(owner=alice, limit=1, chain=[me.pk, friend.pk, far.pk])

    assert drawing.chain == (me, friend, far)
    assert far in drawing.contacts
    on_chain = [n for n in drawing.nodes if n.is_on_chain]
    assert len(on_chain) == 3
    assert sum(e.is_on_chain for e in drawing.edges) == 2


def test_a_chain_link_known_only_from_shared_history_is_still_drawn(alice):
    friend = known(alice, 5)
    colleague = ContactFactory(owner=alice)  # no tie recorded with anyone
    mercy = OrganizationFactory(owner=alice)
    for person in (friend, colleague):
        AffiliationFactory(owner=alice, contact=person, organization=mercy, start_year=2019)
    me = me_of(alice)

    drawing = network_map(owner=alice, chain=[me.pk, friend.pk, colleague.pk])

    chain_edges = [(e.a, e.b, e.kind) for e in drawing.edges if e.is_on_chain]
    assert chain_edges == [(0, 1, "recorded"), (1, 2, "inferred")]


def test_a_chain_of_someone_elses_people_or_not_from_self_is_ignored(alice, bob):
    friend = known(alice)
    bobs = Contact.objects.filter(owner=bob, is_self=False)[0]
    me = me_of(alice)

    assert network_map(owner=alice, chain=[me.pk, bobs.pk]).chain == ()
    assert network_map(owner=alice, chain=[friend.pk, me.pk]).chain == ()
    assert bobs not in network_map(owner=alice, chain=[me.pk, bobs.pk]).contacts


def test_bobs_contacts_never_appear_on_alices_map(client, alice, bob):
    known(alice, full_name="Alice Friend")
    known(bob, full_name="Bob Friend")
    client.force_login(alice)

    html = client.get(reverse("intros:map")).content.decode()

    assert "Alice Friend" in html
    assert "Bob Friend" not in html
    assert {c.owner_id for c in network_map(owner=alice).contacts} == {alice.pk}


def test_the_map_page_escapes_names(client, alice):
    known(alice, full_name="<script>alert(1)</script>", first_name="", last_name="")
    client.force_login(alice)

    html = client.get(reverse("intros:map")).content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_map_page_highlights_the_best_chain_to_a_person(client, alice):
    friend = known(alice, 5, full_name="Jane Roe")
    target = ContactFactory(owner=alice, full_name="Chair Person")
    tie_record(owner=alice, person=friend, other=target, strength=4)
    client.force_login(alice)

    response = client.get(reverse("intros:map"), {"to_contact": target.pk})

    steps = response.context["steps"]
    assert [step.person for step in steps] == [me_of(alice), friend, target]
    assert [bool(step.reason) for step in steps] == [True, True, False]
    html = response.content.decode()
    assert "Best chain to Chair Person" in html
    assert len(re.findall(r'class="map-node contact on-chain"', html)) == 2


def test_another_users_person_as_the_target_is_not_found(client, alice, bob):
    bobs = Contact.objects.filter(owner=bob, is_self=False)[0]
    client.force_login(alice)
    assert client.get(reverse("intros:map"), {"to_contact": bobs.pk}).status_code == 404


def test_the_map_says_how_many_contacts_it_shows(client, alice):
    for _ in range(3):
        known(alice)
    client.force_login(alice)
    response = client.get(reverse("intros:map"))
    assert "you and 3 of 3 contacts" in response.content.decode()


def test_the_map_page_runs_the_same_queries_at_any_size(client, alice, django_assert_num_queries):
    client.force_login(alice)
    mercy = OrganizationFactory(owner=alice)
    for size in (2, 20):
        for _ in range(size):
            person = known(alice)
            AffiliationFactory(owner=alice, contact=person, organization=mercy)
        # session, user, organizations for the filter, specialties, states, tags, the
        # self, contacts with strength, their count, ties among them, their affiliations
        with django_assert_num_queries(11):
            response = client.get(reverse("intros:map"))
        assert len(response.context["map"].contacts) == (3 if size == 2 else 23)
