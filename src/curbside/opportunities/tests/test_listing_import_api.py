"""POST/GET /api/v1/listings/imports: staff import listings through the API."""

import json
from collections.abc import Mapping

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from curbside.accounts.services import token_create
from curbside.opportunities.models import Listing, ListingImport

pytestmark = pytest.mark.django_db


def jsonld(*postings: Mapping[str, object]) -> bytes:
    return json.dumps(list(postings)).encode()


GOOD = {
    "@type": "JobPosting",
    "identifier": "1",
    "title": "Hospitalist",
    "url": "https://j.example.org/1",
}
NO_TITLE = {"@type": "JobPosting", "identifier": "2"}


def client_of(user) -> Client:
    _, raw = token_create(owner=user, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def staff_api(alice) -> Client:
    assert alice.is_staff
    return client_of(alice)


def upload(staff_api: Client, data: bytes, **fields: str):
    files = {"file": SimpleUploadedFile("jobs.jsonld", data)}
    return staff_api.post("/api/v1/listings/imports", {**files, **fields})


def test_staff_upload_files_and_get_the_preview(staff_api):
    response = upload(staff_api, jsonld(GOOD, NO_TITLE), source="Front Range")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "previewed"
    assert (body["source"], body["files"], body["formats"]) == (
        "Front Range",
        ["jobs.jsonld"],
        ["jsonld"],
    )
    assert body["counts"] == {"create": 1, "update": 0, "skip": 0, "error": 1}
    first, second = body["rows"]
    assert (first["action"], first["line"], first["values"]["title"]) == (
        "create",
        1,
        "Hospitalist",
    )
    assert second["problems"] == ['Posting 2: no title (neither "title" nor "name").']
    assert not Listing.objects.exists()


def test_staff_read_and_commit_an_import(staff_api):
    created = upload(staff_api, jsonld(GOOD), source="Front Range").json()

    read = staff_api.get(f"/api/v1/listings/imports/{created['id']}")
    committed = staff_api.post(f"/api/v1/listings/imports/{created['id']}/commit")

    assert read.json()["rows"] == created["rows"]
    assert committed.status_code == 200
    assert committed.json()["status"] == "committed"
    assert committed.json()["committed_at"] is not None
    assert list(Listing.objects.values_list("source", "title")) == [("Front Range", "Hospitalist")]
    again = upload(staff_api, jsonld(GOOD), source="Front Range").json()
    assert again["counts"] == {"create": 0, "update": 0, "skip": 1, "error": 0}


def test_a_commit_with_problems_is_refused_unless_they_are_skipped(staff_api):
    created = upload(staff_api, jsonld(GOOD, NO_TITLE), source="Front Range").json()
    path = f"/api/v1/listings/imports/{created['id']}/commit"

    refused = staff_api.post(path)
    assert refused.status_code == 422
    assert refused.json()["errors"][1]["message"] == (
        'jobs.jsonld: Posting 2: no title (neither "title" nor "name").'
    )
    assert not Listing.objects.exists()

    done = staff_api.post(f"{path}?skip_bad_rows=true")
    assert done.status_code == 200, done.json()
    assert done.json()["counts"]["create"] == 1
    assert Listing.objects.count() == 1


def test_an_unreadable_file_answers_422_naming_it(staff_api):
    response = upload(staff_api, b"{broken")

    assert response.status_code == 422
    assert response.json()["detail"].startswith("jobs.jsonld: This file is not valid JSON")
    assert not ListingImport.objects.exists()


def test_staff_discard_an_import(staff_api):
    created = upload(staff_api, jsonld(GOOD), source="Front Range").json()

    response = staff_api.post(f"/api/v1/listings/imports/{created['id']}/discard")

    assert response.json()["status"] == "discarded"
    assert staff_api.post(f"/api/v1/listings/imports/{created['id']}/commit").status_code == 422


def test_other_tokens_find_no_import_endpoints(staff_api, bob):
    created = upload(staff_api, jsonld(GOOD), source="Front Range").json()
    other = client_of(bob)

    assert upload(other, jsonld(GOOD)).status_code == 404
    assert other.get(f"/api/v1/listings/imports/{created['id']}").status_code == 404
    assert other.post(f"/api/v1/listings/imports/{created['id']}/commit").status_code == 404
    assert other.post(f"/api/v1/listings/imports/{created['id']}/discard").status_code == 404
    assert ListingImport.objects.count() == 1
    assert ListingImport.objects.get().status == "previewed"
    assert not Listing.objects.exists()


def test_an_unknown_import_is_not_found_for_staff_either(staff_api):
    assert staff_api.get("/api/v1/listings/imports/999").status_code == 404
