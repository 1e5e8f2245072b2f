"""GET /api/v1/export: the same files as the export page, for programs with a token."""

import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from curbside.accounts.services import token_create
from curbside.network.models import Contact

from .archive_network import add_network, build_network
from .vcard_reading import one, read_vcards

pytestmark = pytest.mark.django_db

URL = "/api/v1/export"


def client_for(owner) -> Client:
    _, raw = token_create(owner=owner, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def network(alice):
    with time_machine.travel(datetime(2026, 11, 22, 14, 30, tzinfo=UTC)):
        return build_network(alice)


def names(owner) -> set[str]:
    contacts = Contact.objects.filter(owner=owner, is_self=False)
    return set(contacts.values_list("full_name", flat=True))


def test_the_archive_comes_as_a_dated_attachment_of_the_tokens_owner(alice, network, bob):
    with time_machine.travel(datetime(2026, 11, 23, 4, 0, tzinfo=UTC)):
        response = client_for(alice).get(URL, {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="curbside-2026-11-22.json"'
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    archive = json.loads(response.content)
    assert archive["owner"]["email"] == "alice@example.org"
    assert {c["full_name"] for c in archive["contacts"] if not c["is_self"]} == names(alice)


def test_bobs_token_exports_only_bobs_network(alice, network, bob):
    response = client_for(bob).get(URL, {"format": "json"})
    archive = json.loads(response.content)
    assert archive["owner"]["email"] == "bob@example.org"
    assert {c["full_name"] for c in archive["contacts"] if not c["is_self"]} == names(bob)
    assert "Patel" not in response.content.decode()
    assert archive["organizations"] == []


@pytest.mark.parametrize(
    ("format", "content_type"),
    [("vcf", "text/vcard; charset=utf-8"), ("csv", "text/csv; charset=utf-8")],
)
def test_contacts_come_as_vcards_or_csv(alice, network, bob, format, content_type):
    response = client_for(alice).get(URL, {"format": format})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].endswith(f'.{format}"')
    text = response.content.decode("utf-8-sig")
    for name in names(alice):
        assert name in text
    for name in names(bob):
        assert name not in text


def test_include_self_adds_the_owners_card(alice, network):
    response = client_for(alice).get(URL, {"format": "vcf", "include_self": "true"})
    cards = read_vcards(response.content.decode())
    assert one(cards[0], "FN")[2] == "Alice Adams"


@pytest.mark.parametrize("query", [{"format": "pdf"}, {}])
def test_an_unknown_or_missing_format_is_a_422_naming_the_field(alice, query):
    response = client_for(alice).get(URL, query)
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "format"
    assert "Content-Disposition" not in response


def test_without_a_token_the_export_is_unauthorized(alice, network):
    response = Client().get(URL, {"format": "json"})
    assert response.status_code == 401
    assert "Patel" not in response.content.decode()


def test_the_schema_documents_the_export_and_its_formats(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/export"]["get"]
    parameter = next(p for p in operation["parameters"] if p["name"] == "format")
    assert parameter["required"] is True
    assert set(operation["responses"]["200"]["content"]) == {
        "application/json",
        "text/vcard",
        "text/csv",
    }
    assert operation["security"]


@pytest.mark.parametrize(
    ("format", "n_queries"),
    [
        # token and its owner, then the archive: contacts, emails, phones, tags, contact
        # tags, organizations, affiliations, ties, interactions, interaction contacts,
        # follow-ups; opportunities, their people, stage changes, documents, recipients,
        # job preferences, saved searches
        ("json", 19),
        # token and its owner, contacts with strength, emails, phones, tag names, jobs
        ("vcf", 6),
        ("csv", 6),
    ],
)
def test_export_queries_do_not_grow(alice, django_assert_num_queries, format, n_queries):
    api = client_for(alice)
    api.get(URL, {"format": "csv"})  # the token's first use is recorded once
    for n in (2, 48):
        add_network(alice, n)
        with django_assert_num_queries(n_queries):
            response = api.get(URL, {"format": format})
        assert response.status_code == 200
