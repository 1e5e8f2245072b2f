"""Chains to a person or an organization from the database, with the reason for each link."""

import pytest
import time_machine

from curbside.intros.graph import graph_cache_clear
from curbside.intros.selectors.paths import (
    ReachTarget,
    chain_get,
    intro_paths,
    reach_targets,
)
from curbside.network.models import Contact, Organization
from curbside.network.tests.factories import AffiliationFactory

from .reach_network import Network, build, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_june_first():
    graph_cache_clear()
    with time_machine.travel("2026-06-01 12:00Z", tick=False):
        yield
    graph_cache_clear()


@pytest.fixture
def net(alice) -> Network:
    return build(alice)


def names(chain) -> list[str]:
    return [p.full_name for p in chain.people[1:]]


def test_the_best_chain_to_an_organization_goes_through_a_close_friend_to_its_chair(alice, net):
    chains = intro_paths(owner=alice, to_organization=net.mercy)

    best = chains[0]
    assert best.contact_ids == (net.me.pk, net.ann.pk, net.carl.pk)
    assert [p.pk for p in best.people] == list(best.contact_ids)
    assert [link.kind for link in best.links] == ["recorded", "recorded"]
    assert [link.evidence for link in best.links] == [
        "recorded tie 4/5, last talked 1 week ago",
        "recorded tie 4/5, co-residents, no interaction logged",
    ]
    assert best.total_cost == pytest.approx(sum(link.cost for link in best.links))
    assert (
        best.target_affiliation == "Department chair at Mercy Hospital since 2015, decision maker"
    )


def test_chains_reach_people_there_now_first_then_people_who_left_without_passing_the_first(
    alice, net
):
    chains = intro_paths(owner=alice, to_organization=net.mercy, k=10)

    now = [c for c in chains if "no longer there" not in c.target_affiliation]
    before = chains[len(now) :]
    assert [c.total_cost for c in now] == sorted(c.total_cost for c in now)
    assert {c.target.pk for c in now} == {net.carl.pk, net.dana.pk}
    assert [names(c) for c in before] == [["Eve Park"], ["Ann Lee", "Eve Park"]]
    assert before[0].target_affiliation == (
        "Hospitalist at Mercy Hospital (2010–2015), no longer there"
    )


def test_as_many_chains_as_asked_for_at_most(alice, net):
    assert len(intro_paths(owner=alice, to_organization=net.mercy, k=1)) == 1
    assert len(intro_paths(owner=alice, to_organization=net.mercy, k=3)) == 3


def test_an_inferred_link_says_why_and_is_never_called_known(alice, net):
    chains = intro_paths(owner=alice, to_contact=net.eve)

    direct = next(c for c in chains if len(c.links) == 1)
    [link] = direct.links
    assert link.kind == "inferred"
    assert link.evidence == "trained together at Denver Health IM Residency 2017–2019 (inferred)"
    assert "known" not in link.evidence


def test_decision_makers_only_reaches_nobody_but_the_current_deciders(alice, net):
    chains = intro_paths(owner=alice, to_organization=net.mercy, decision_makers_only=True, k=5)

    assert chains
    assert {chain.target.pk for chain in chains} == {net.carl.pk}


def test_a_chain_to_a_person_ends_with_them_and_names_their_role(alice, net):
    [chain, *_] = intro_paths(owner=alice, to_contact=net.carl)

    assert names(chain) == ["Ann Lee", "Carl Diaz"]
    assert chain.first == net.ann
    assert chain.target_affiliation.startswith("Department chair at Mercy Hospital")


def test_nobody_linked_means_no_chains(alice, net):
    stranger = person(alice, "Sam Stone")

    assert intro_paths(owner=alice, to_contact=stranger) == []
    assert intro_paths(owner=alice, to_contact=net.me) == []


def test_a_person_and_an_organization_at_once_is_refused(alice, net):
    with pytest.raises(ValueError, match="not both"):
        intro_paths(owner=alice, to_contact=net.carl, to_organization=net.mercy)
    with pytest.raises(ValueError, match="not both"):
        intro_paths(owner=alice)


def test_another_users_contacts_never_appear_in_chains(alice, bob, net):
    bobs_net = build(bob)
    bob_ids = set(Contact.objects.filter(owner=bob).values_list("pk", flat=True))

    chains = intro_paths(owner=alice, to_organization=net.mercy, k=10)

    assert chains
    assert not {pk for chain in chains for pk in chain.contact_ids} & bob_ids
    assert intro_paths(owner=alice, to_organization=bobs_net.mercy) == []
    assert intro_paths(owner=alice, to_contact=bobs_net.carl) == []


def test_chains_cost_two_queries_once_the_graph_is_built(alice, net, django_assert_num_queries):
    # the version, contacts, ties, affiliations, people of interactions, the chains' people
    with django_assert_num_queries(6):
        intro_paths(owner=alice, to_organization=net.mercy)
    for extra in (2, 20):
        for i in range(extra):
            AffiliationFactory(
                owner=alice,
                contact=person(alice, f"Extra Person{extra}x{i}"),
                organization=net.mercy,
            )
        intro_paths(owner=alice, to_organization=net.mercy, k=5)  # rebuilt: the network grew
        # the version, the chains' people
        with django_assert_num_queries(2):
            intro_paths(owner=alice, to_organization=net.mercy, k=5)


def test_a_chain_from_a_url_is_checked_link_by_link(alice, bob, net):
    ok = chain_get(owner=alice, contact_ids=[net.me.pk, net.ann.pk, net.carl.pk])
    bobs = Contact.objects.filter(owner=bob).values_list("pk", flat=True)[0]

    assert ok is not None
    assert ok.contact_ids == (net.me.pk, net.ann.pk, net.carl.pk)
    assert [link.evidence for link in ok.links][1].startswith("recorded tie 4/5, co-residents")
    assert chain_get(owner=alice, contact_ids=[net.ann.pk, net.carl.pk]) is None  # not from me
    assert chain_get(owner=alice, contact_ids=[net.me.pk, net.carl.pk]) is None  # not linked
    assert chain_get(owner=alice, contact_ids=[net.me.pk, net.ann.pk, net.ann.pk]) is None
    assert chain_get(owner=alice, contact_ids=[net.me.pk, net.ann.pk, bobs]) is None
    assert chain_get(owner=alice, contact_ids=[net.me.pk]) is None


def test_a_chain_from_a_url_says_how_its_target_is_at_the_organization(alice, net):
    chain = chain_get(
        owner=alice, contact_ids=[net.me.pk, net.ann.pk, net.carl.pk], organization=net.mercy
    )

    assert chain is not None
    assert (
        chain.target_affiliation == "Department chair at Mercy Hospital since 2015, decision maker"
    )


def test_the_search_box_offers_matching_people_and_organizations_of_the_owner_only(alice, bob, net):
    build(bob)
    Organization.objects.create(owner=alice, name="Mercy Clinic Lee's Summit")

    found = reach_targets(owner=alice, query="mercy")
    lees = reach_targets(owner=alice, query="lee")

    assert [(t.kind, t.name) for t in found] == [
        ("organization", "Mercy Clinic Lee's Summit"),
        ("organization", "Mercy Hospital"),
    ]
    assert found[1] == ReachTarget("organization", net.mercy.pk, "Mercy Hospital", "Hospital")
    assert [(t.kind, t.pk) for t in lees] == [
        ("contact", net.ann.pk),
        ("organization", Organization.objects.get(owner=alice, name__startswith="Mercy C").pk),
    ]
    assert reach_targets(owner=alice, query="  ") == []
