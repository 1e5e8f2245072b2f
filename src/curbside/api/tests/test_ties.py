"""/ties: who knows whom."""

import pytest

from curbside.network.models import Tie
from curbside.network.tests.factories import ContactFactory, TieFactory

pytestmark = pytest.mark.django_db


def pair(owner):
    first, second = ContactFactory.create_batch(2, owner=owner)
    return first, second


def test_recording_a_tie_stores_it_once_whatever_the_order(api, alice):
    first, second = pair(alice)
    response = api.post(
        "/ties",
        {"person_a": second.pk, "person_b": first.pk, "strength": 4, "context": "co-residents"},
    )
    assert response.status_code == 201
    tie = Tie.objects.get(owner=alice)
    assert (tie.person_a, tie.person_b) == (first, second)
    assert (tie.strength, tie.context) == (4, "co-residents")
    body = response.json()
    assert (body["person_a"], body["person_b"]) == (first.pk, second.pk)
    assert body["person_a_name"] == first.full_name


def test_recording_a_known_pair_again_updates_the_tie(api, alice):
    first, second = pair(alice)
    TieFactory(owner=alice, person_a=first, person_b=second, strength=2)
    response = api.post("/ties", {"person_a": first.pk, "person_b": second.pk, "strength": 5})
    assert response.status_code == 201
    assert list(Tie.objects.filter(owner=alice).values_list("strength", flat=True)) == [5]


def test_a_strength_out_of_range_is_a_field_error(api, alice):
    first, second = pair(alice)
    response = api.post("/ties", {"person_a": first.pk, "person_b": second.pk, "strength": 9})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["strength"]
    assert not Tie.objects.filter(owner=alice).exists()


def test_patching_a_tie_changes_its_strength_and_context(api, alice):
    first, second = pair(alice)
    tie = TieFactory(owner=alice, person_a=first, person_b=second, context="co-residents")
    response = api.patch(f"/ties/{tie.pk}", {"strength": 1, "since": 2019})
    assert response.status_code == 200
    tie.refresh_from_db()
    assert (tie.strength, tie.since, tie.context) == (1, 2019, "co-residents")


def test_deleting_a_tie_removes_it(api, alice):
    first, second = pair(alice)
    tie = TieFactory(owner=alice, person_a=first, person_b=second)
    assert api.delete(f"/ties/{tie.pk}").status_code == 204
    assert not Tie.objects.filter(pk=tie.pk).exists()


def test_reading_a_tie(api, alice):
    first, second = pair(alice)
    tie = TieFactory(owner=alice, person_a=first, person_b=second, strength=2)
    body = api.get(f"/ties/{tie.pk}").json()
    assert (body["id"], body["strength"], body["person_b_name"]) == (tie.pk, 2, second.full_name)


def test_the_list_filters_by_contact_and_minimum_strength(api, alice):
    a, b, c = ContactFactory.create_batch(3, owner=alice)
    weak = TieFactory(owner=alice, person_a=a, person_b=b, strength=1)
    strong = TieFactory(owner=alice, person_a=b, person_b=c, strength=5)

    def ids(**params) -> list[int]:
        response = api.get("/ties", params)
        assert response.status_code == 200
        return [t["id"] for t in response.json()["items"]]

    assert ids() == [weak.pk, strong.pk]
    assert ids(contact=a.pk) == [weak.pk]
    assert ids(contact=b.pk) == [weak.pk, strong.pk]
    assert ids(min_strength=4) == [strong.pk]
