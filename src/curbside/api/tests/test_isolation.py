"""One physician's records are invisible to another: every endpoint with an id answers 404
for another user's object and changes nothing; an id of another user's row inside a body
or a filter is refused as an unknown one (422, naming the field)."""

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.urls import reverse

from curbside.interactions.models import FollowUp, Interaction
from curbside.interactions.tests.factories import FollowUpFactory, InteractionFactory
from curbside.network.models import Affiliation, Contact, Organization, Tie
from curbside.network.tests.factories import (
    AffiliationFactory,
    ContactFactory,
    TieFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class Rows:
    contact: Contact
    organization: Organization
    affiliation: Affiliation
    tie: Tie
    interaction: Interaction
    follow_up: FollowUp


def rows_of(owner) -> Rows:
    first, second = ContactFactory.create_batch(2, owner=owner)
    affiliation = AffiliationFactory(owner=owner, contact=first)
    return Rows(
        contact=first,
        organization=affiliation.organization,
        affiliation=affiliation,
        tie=TieFactory(owner=owner, person_a=first, person_b=second),
        interaction=InteractionFactory(owner=owner, contacts=[first]),
        follow_up=FollowUpFactory(owner=owner, contact=first),
    )


@pytest.fixture
def alices(alice) -> Rows:
    return rows_of(alice)


@pytest.fixture
def bobs(bob) -> Rows:
    return rows_of(bob)


def snapshot(row: models.Model) -> dict[str, Any]:
    return type(row)._default_manager.filter(pk=row.pk).values().get()


# (URL name, method, the row it names, a body that would be valid for the caller's own row)
ENDPOINTS = [
    ("api:contact_detail", "get", "contact", None),
    ("api:contact_update", "patch", "contact", {"notes": "mine now"}),
    ("api:contact_replace", "put", "contact", {"name": "Mallory"}),
    ("api:contact_delete", "delete", "contact", None),
    ("api:contact_merge", "post", "contact", {"other": "own:contact"}),
    ("api:organization_detail", "get", "organization", None),
    ("api:organization_update", "patch", "organization", {"name": "Mine"}),
    ("api:organization_replace", "put", "organization", {"name": "Mine"}),
    ("api:organization_delete", "delete", "organization", None),
    ("api:affiliation_detail", "get", "affiliation", None),
    ("api:affiliation_update", "patch", "affiliation", {"role": "Owner"}),
    (
        "api:affiliation_replace",
        "put",
        "affiliation",
        {"contact": "own:contact", "organization": "own:organization", "kind": "employment"},
    ),
    ("api:affiliation_delete", "delete", "affiliation", None),
    ("api:tie_detail", "get", "tie", None),
    ("api:tie_update", "patch", "tie", {"strength": 1}),
    ("api:tie_delete", "delete", "tie", None),
    ("api:interaction_detail", "get", "interaction", None),
    ("api:interaction_update", "patch", "interaction", {"summary": "Mine"}),
    (
        "api:interaction_replace",
        "put",
        "interaction",
        {"kind": "call", "happened_on": "2026-01-02", "contacts": ["own:contact"]},
    ),
    ("api:interaction_delete", "delete", "interaction", None),
    ("api:follow_up_detail", "get", "follow_up", None),
    ("api:follow_up_update", "patch", "follow_up", {"note": "Mine"}),
    ("api:follow_up_delete", "delete", "follow_up", None),
    ("api:follow_up_complete", "post", "follow_up", None),
    ("api:follow_up_dismiss", "post", "follow_up", None),
    ("api:follow_up_reopen", "post", "follow_up", None),
    ("api:follow_up_snooze", "post", "follow_up", {"until": "2099-01-01"}),
]
# Read by core/tests/test_isolation_coverage.py: every API URL with an object id is here.
CROSS_USER_URL_NAMES = [name for name, *_ in ENDPOINTS]


def url_for(name: str, row: str, target: models.Model) -> str:
    return reverse(name, kwargs={f"{row}_id": target.pk})


def send(api, method: str, url: str, body: Any):
    if method in {"get", "delete"}:
        return getattr(api.client, method)(url)
    data = "" if body is None else json.dumps(body)
    return getattr(api.client, method)(url, data, content_type="application/json")


def fill(value: Any, own: Rows) -> Any:
    """Replace "own:<row>" markers with the caller's own ids."""
    if isinstance(value, str) and value.startswith("own:"):
        return getattr(own, value.removeprefix("own:")).pk
    if isinstance(value, list):
        return [fill(item, own) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, own) for key, item in value.items()}
    return value


@pytest.mark.parametrize(("name", "method", "row", "body"), ENDPOINTS)
def test_another_users_object_is_not_found_and_left_untouched(
    bob_api, alices, bobs, name, method, row, body
):
    target = getattr(alices, row)
    before = snapshot(target)
    response = send(bob_api, method, url_for(name, row, target), fill(body, bobs))
    assert response.status_code == 404, response.content
    assert response.json() == {"detail": "Not found."}
    assert snapshot(target) == before  # raises DoesNotExist if bob's request deleted it


@pytest.mark.parametrize(("name", "method", "row", "body"), ENDPOINTS)
def test_the_same_request_on_your_own_object_is_not_refused(
    bob_api, alices, bobs, name, method, row, body
):
    """The 404s above come from ownership, not from a broken request."""
    body = fill(body, bobs)
    if name == "api:contact_merge":
        body = {"other": ContactFactory(owner=bobs.contact.owner).pk}
    response = send(bob_api, method, url_for(name, row, getattr(bobs, row)), body)
    assert response.status_code in {200, 204}, response.content


def refused(response, field: str) -> None:
    assert response.status_code == 422, response.content
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_a_contact_cannot_be_introduced_by_another_users_contact(bob_api, bob, alices, bobs):
    n_before = Contact.objects.filter(owner=bob).count()
    refused(
        bob_api.post("/contacts", {"name": "Eve", "introduced_by": alices.contact.pk}),
        "introduced_by",
    )
    assert Contact.objects.filter(owner=bob).count() == n_before
    refused(
        bob_api.patch(f"/contacts/{bobs.contact.pk}", {"introduced_by": alices.contact.pk}),
        "introduced_by",
    )
    bobs.contact.refresh_from_db()
    assert bobs.contact.introduced_by is None


def test_another_users_contact_cannot_be_merged_into_yours(bob_api, alices, bobs):
    refused(
        bob_api.post(f"/contacts/{bobs.contact.pk}/merge", {"other": alices.contact.pk}), "other"
    )
    assert Contact.objects.filter(pk=alices.contact.pk).exists()
    assert Interaction.objects.get(pk=alices.interaction.pk).contacts.get() == alices.contact


def test_an_affiliation_cannot_point_at_another_users_rows(bob_api, bob, alices, bobs):
    own = {"contact": bobs.contact.pk, "organization": bobs.organization.pk, "kind": "training"}
    refused(bob_api.post("/affiliations", {**own, "contact": alices.contact.pk}), "contact")
    refused(
        bob_api.post("/affiliations", {**own, "organization": alices.organization.pk}),
        "organization",
    )
    refused(
        bob_api.patch(
            f"/affiliations/{bobs.affiliation.pk}", {"organization": alices.organization.pk}
        ),
        "organization",
    )
    assert Affiliation.objects.filter(owner=bob).count() == 1
    assert Affiliation.objects.get(pk=bobs.affiliation.pk).organization == bobs.organization


def test_a_tie_cannot_reach_another_users_contact(bob_api, bob, alices, bobs):
    response = bob_api.post(
        "/ties", {"person_a": bobs.contact.pk, "person_b": alices.contact.pk, "strength": 5}
    )
    refused(response, "person_b")
    assert Tie.objects.filter(owner=bob).count() == 1


def test_an_interaction_cannot_include_another_users_contact(bob_api, bob, alices, bobs):
    body = {"kind": "meeting", "happened_on": "2026-01-02"}
    refused(
        bob_api.post("/interactions", {**body, "contacts": [bobs.contact.pk, alices.contact.pk]}),
        "contacts",
    )
    assert Interaction.objects.filter(owner=bob).count() == 1
    assert not FollowUp.objects.filter(owner=bob, kind=FollowUp.Kind.THANK_YOU).exists()
    refused(
        bob_api.patch(f"/interactions/{bobs.interaction.pk}", {"contacts": [alices.contact.pk]}),
        "contacts",
    )
    assert list(Interaction.objects.get(pk=bobs.interaction.pk).contacts.all()) == [bobs.contact]


def test_a_follow_up_cannot_point_at_another_users_rows(bob_api, bob, alices, bobs):
    body = {"kind": "follow_up", "due_on": "2026-07-01"}
    refused(bob_api.post("/followups", {**body, "contact": alices.contact.pk}), "contact")
    refused(
        bob_api.post(
            "/followups",
            {**body, "contact": bobs.contact.pk, "interaction": alices.interaction.pk},
        ),
        "interaction",
    )
    assert FollowUp.objects.filter(owner=bob).count() == 1


@pytest.mark.parametrize(
    ("path", "field", "row"),
    [
        ("/contacts", "organization", "organization"),
        ("/affiliations", "contact", "contact"),
        ("/affiliations", "organization", "organization"),
        ("/ties", "contact", "contact"),
        ("/interactions", "contact", "contact"),
        ("/followups", "contact", "contact"),
    ],
)
def test_filtering_by_another_users_row_is_refused(bob_api, alices, bobs, path, field, row):
    refused(bob_api.get(path, {field: getattr(alices, row).pk}), field)
    assert bob_api.get(path, {field: getattr(bobs, row).pk}).status_code == 200


@pytest.mark.parametrize(
    "path", ["/contacts", "/organizations", "/affiliations", "/ties", "/interactions", "/followups"]
)
def test_lists_show_only_your_own_rows(bob_api, alices, bobs, path):
    response = bob_api.get(path)
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["items"]}
    row = {
        "/contacts": "contact",
        "/organizations": "organization",
        "/affiliations": "affiliation",
        "/ties": "tie",
        "/interactions": "interaction",
        "/followups": "follow_up",
    }[path]
    assert getattr(bobs, row).pk in ids
    assert getattr(alices, row).pk not in ids


def test_me_is_your_own_profile_not_anyone_elses(bob_api, alice, bob):
    assert bob_api.get("/me").json()["emails"] == ["bob@example.org"]
