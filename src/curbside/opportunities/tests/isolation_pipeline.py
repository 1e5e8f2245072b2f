"""Cross-user tests for the pipeline URLs; gathered by test_isolation.py.

Bob asks for Alice's opportunity (or a person or document on it) through every page and
API path that takes its id: each answers 404, and nothing of Alice's changes."""

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import reverse

from curbside.accounts.services import token_create
from curbside.interactions.models import FollowUp, Interaction
from curbside.network.tests.factories import ContactFactory
from curbside.opportunities.models import DocumentSent, Opportunity, OpportunityPerson, StageChange

from .factories import DocumentSentFactory, OpportunityFactory, OpportunityPersonFactory

PAGES = [
    "opportunities:opportunity_detail",
    "opportunities:opportunity_edit",
    "opportunities:opportunity_delete",
    "opportunities:opportunity_move",
    "opportunities:opportunity_person_add",
    "opportunities:opportunity_person_remove",
    "opportunities:opportunity_interview",
    "opportunities:opportunity_document_add",
    "opportunities:opportunity_document_delete",
]
# (URL name, method, a body that would be valid for Bob's own row; "own:contact" is his)
API = [
    ("api:opportunity_detail", "get", None),
    ("api:opportunity_update", "patch", {"title": "Mine now"}),
    ("api:opportunity_delete", "delete", None),
    ("api:opportunity_stage", "post", {"stage": "declined"}),
    ("api:opportunity_person_add", "post", {"contact": "own:contact", "role": "insider"}),
    ("api:opportunity_person_remove", "delete", None),
    (
        "api:opportunity_interview",
        "post",
        {"interviewers": ["own:contact"], "happened_on": "2026-03-10"},
    ),
    ("api:opportunity_document_add", "post", {"version": "CV", "sent_on": "2026-03-10"}),
    ("api:opportunity_document_delete", "delete", None),
]
NAMES: list[str] = [*PAGES, *(name for name, _, _ in API)]


@dataclass
class PipelineRows:
    opportunity: Opportunity
    person: OpportunityPerson
    document: DocumentSent


def pipeline_rows(owner) -> PipelineRows:
    opportunity = OpportunityFactory(owner=owner, stage="offer")
    return PipelineRows(
        opportunity=opportunity,
        person=OpportunityPersonFactory(owner=owner, opportunity=opportunity),
        document=DocumentSentFactory(owner=owner, opportunity=opportunity),
    )


def pipeline_state(rows: PipelineRows) -> dict[str, Any]:
    """Everything a forged request could have changed."""

    def row(instance: models.Model) -> dict[str, Any]:
        return type(instance)._default_manager.filter(pk=instance.pk).values().get()

    owner = rows.opportunity.owner
    return {
        "opportunity": row(rows.opportunity),
        "person": row(rows.person),
        "document": row(rows.document),
        "n_people": OpportunityPerson.objects.filter(owner=owner).count(),
        "n_documents": DocumentSent.objects.filter(owner=owner).count(),
        "n_stage_changes": StageChange.objects.filter(owner=owner).count(),
        "n_follow_ups": FollowUp.objects.count(),
        "n_interactions": Interaction.objects.count(),
    }


def page_args(name: str, rows: PipelineRows) -> list[int]:
    if name.endswith("person_remove"):
        return [rows.opportunity.pk, rows.person.pk]
    if name.endswith("document_delete"):
        return [rows.opportunity.pk, rows.document.pk]
    return [rows.opportunity.pk]


def api_kwargs(name: str, rows: PipelineRows) -> dict[str, int]:
    kwargs = {"opportunity_id": rows.opportunity.pk}
    if name.endswith("person_remove"):
        kwargs["person_id"] = rows.person.pk
    if name.endswith("document_delete"):
        kwargs["document_id"] = rows.document.pk
    return kwargs


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_another_users_opportunity_page_is_not_found_pipeline(client, alice, bob, name):
    alices = pipeline_rows(alice)
    before = pipeline_state(alices)
    bobs_contact = ContactFactory(owner=bob)
    client.force_login(bob)
    url = reverse(name, args=page_args(name, alices))
    shown = client.get(url).status_code
    forged = {
        "title": "Mine now",
        "source": "advertised",
        "salary_unit": "year",
        "stage": "declined",
        "contact": bobs_contact.pk,
        "role": "insider",
        "interviewers": [bobs_contact.pk],
        "happened_on": "2026-03-10",
        "sentiment": "neutral",
        "kind": "cv",
        "version": "CV",
        "sent_on": "2026-03-10",
    }
    posted = client.post(url, forged).status_code
    assert {shown, posted} <= {404, 405}
    assert 404 in {shown, posted}
    assert pipeline_state(alices) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["opportunities:opportunity_person_remove", "opportunities:opportunity_document_delete"]
)
def test_alices_row_under_bobs_opportunity_is_not_found_pipeline(client, alice, bob, name):
    alices, bobs = pipeline_rows(alice), pipeline_rows(bob)
    before = pipeline_state(alices)
    client.force_login(bob)
    row = alices.person if name.endswith("person_remove") else alices.document
    response = client.post(reverse(name, args=[bobs.opportunity.pk, row.pk]))
    assert response.status_code == 404
    assert pipeline_state(alices) == before


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "body"), API)
def test_another_users_opportunity_is_not_found_in_the_api_pipeline(alice, bob, name, method, body):
    alices = pipeline_rows(alice)
    before = pipeline_state(alices)
    bobs_contact = ContactFactory(owner=bob)
    _, token = token_create(owner=bob, name="tests")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    text = json.dumps(body or {}).replace('"own:contact"', str(bobs_contact.pk))
    send = getattr(client, method)
    url = reverse(name, kwargs=api_kwargs(name, alices))
    response = send(url) if body is None else send(url, text, content_type="application/json")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert pipeline_state(alices) == before
