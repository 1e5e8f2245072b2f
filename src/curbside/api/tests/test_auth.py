"""Bearer tokens: who gets in, who gets a 401."""

import pytest
from django.test import Client

from curbside.accounts.services import token_create, token_revoke
from curbside.network.tests.factories import ContactFactory

from .conftest import ApiClient

pytestmark = pytest.mark.django_db

PROTECTED = [
    ("get", "/api/v1/contacts"),
    ("get", "/api/v1/contacts/1"),
    ("post", "/api/v1/contacts"),
    ("get", "/api/v1/me"),
    ("get", "/api/v1/organizations"),
    ("get", "/api/v1/affiliations"),
    ("get", "/api/v1/ties"),
    ("get", "/api/v1/interactions"),
    ("get", "/api/v1/followups"),
    ("post", "/api/v1/followups/1/complete"),
]


def assert_unauthorized(response) -> None:
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Send a valid personal access token: Authorization: Bearer <token>."
    }
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_a_request_without_a_token_is_unauthorized(alice, method, path):
    assert_unauthorized(getattr(Client(), method)(path))


@pytest.mark.parametrize(
    "header",
    [
        "Bearer cbs_not-a-real-token",
        "Bearer not-even-our-prefix",
        "Bearer ",
        "Token cbs_whatever",
        "Basic YWxpY2VAZXhhbXBsZS5vcmc6Y29ycmVjdCBob3JzZSBiYXR0ZXJ5",
    ],
)
def test_a_wrong_or_malformed_token_is_unauthorized(alice, header):
    ContactFactory(owner=alice)
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/contacts")
    assert_unauthorized(response)


def test_a_revoked_token_stops_working(alice):
    token, raw = token_create(owner=alice, name="laptop")
    api = ApiClient(raw)
    assert api.get("/contacts").status_code == 200
    token_revoke(owner=alice, token=token)
    assert_unauthorized(api.get("/contacts"))


def test_a_deactivated_users_token_is_unauthorized(alice):
    _, raw = token_create(owner=alice, name="laptop")
    alice.is_active = False
    alice.save()
    assert_unauthorized(ApiClient(raw).get("/me"))


def test_a_signed_in_browser_session_is_not_an_api_credential(client, alice):
    client.force_login(alice)
    assert_unauthorized(client.get("/api/v1/contacts"))


def test_a_valid_token_reads_its_owners_data_and_is_marked_used(alice, bob):
    token, raw = token_create(owner=alice, name="laptop")
    ContactFactory(owner=alice, full_name="Priya Patel")
    response = ApiClient(raw).get("/contacts")
    assert response.status_code == 200
    assert [c["full_name"] for c in response.json()["items"]] == ["Priya Patel"]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_tokens_are_accepted_whatever_the_case_of_the_scheme(alice):
    _, raw = token_create(owner=alice, name="laptop")
    response = Client(HTTP_AUTHORIZATION=f"bearer {raw}").get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["emails"] == ["alice@example.org"]


def test_answers_with_private_data_are_never_cached(api):
    response = api.get("/me")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
