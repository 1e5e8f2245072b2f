"""GET /api/v1/intros/paths: chains to a person or an organization, as JSON."""

import pytest
import time_machine
from django.test import Client

from curbside.accounts.services import token_create
from curbside.intros.graph import graph_cache_clear, personal_graph
from curbside.network.tests.factories import AffiliationFactory

from .reach_network import Network, build, person

pytestmark = pytest.mark.django_db

PATHS = "/api/v1/intros/paths"


@pytest.fixture(autouse=True)
def _on_june_first():
    graph_cache_clear()
    with time_machine.travel("2026-06-01 12:00Z", tick=False):
        yield
    graph_cache_clear()


def api_client(owner) -> Client:
    _, raw = token_create(owner=owner, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def net(alice) -> Network:
    return build(alice)


def test_chains_to_an_organization_come_with_nodes_links_and_total_cost(alice, net):
    response = api_client(alice).get(PATHS, {"to_organization": net.mercy.pk, "k": 2})

    assert response.status_code == 200
    best, second = response.json()
    assert best["nodes"] == [
        {"id": net.me.pk, "name": "Alice Adams"},
        {"id": net.ann.pk, "name": "Ann Lee"},
        {"id": net.carl.pk, "name": "Carl Diaz"},
    ]
    assert best["links"][1] == {
        "from_id": net.ann.pk,
        "to_id": net.carl.pk,
        "kind": "recorded",
        "strength": 4,
        "evidence": "recorded tie 4/5, co-residents, no interaction logged",
        "cost": pytest.approx(2.25),
    }
    assert best["total_cost"] == pytest.approx(sum(link["cost"] for link in best["links"]))
    assert best["target_affiliation"] == (
        "Department chair at Mercy Hospital since 2015, decision maker"
    )
    assert second["total_cost"] >= best["total_cost"]


def test_chains_to_a_person_mark_inferred_links(alice, net):
    response = api_client(alice).get(PATHS, {"to_contact": net.eve.pk})

    [link] = response.json()[0]["links"]
    assert link["kind"] == "inferred"
    assert link["evidence"].endswith("(inferred)")


def test_decision_makers_only_reaches_only_them(alice, net):
    response = api_client(alice).get(
        PATHS, {"to_organization": net.mercy.pk, "decision_makers": "true", "k": 5}
    )

    assert {chain["nodes"][-1]["id"] for chain in response.json()} == {net.carl.pk}


@pytest.mark.parametrize("params", [{}, {"to_contact": "own", "to_organization": "own"}])
def test_neither_or_both_targets_is_invalid(alice, net, params):
    params = {key: net.carl.pk if key == "to_contact" else net.mercy.pk for key in params}

    response = api_client(alice).get(PATHS, params)

    assert response.status_code == 422
    assert "to_contact or to_organization" in response.json()["detail"]


def test_k_beyond_ten_is_invalid(alice, net):
    response = api_client(alice).get(PATHS, {"to_contact": net.carl.pk, "k": 11})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "k"


def test_the_endpoint_queries_do_not_grow(alice, net, django_assert_num_queries):
    client = api_client(alice)
    client.get(PATHS, {"to_contact": net.carl.pk})  # the token's first use is recorded once
    for n in (2, 20):
        for i in range(n):
            AffiliationFactory(
                owner=alice, contact=person(alice, f"Extra Person{n}x{i}"), organization=net.mercy
            )
        personal_graph(owner=alice)
        # token (with its user), the organization, the graph's version, the chains' people
        with django_assert_num_queries(4):
            client.get(PATHS, {"to_organization": net.mercy.pk, "k": 5})
