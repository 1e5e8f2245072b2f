"""POST /api/v1/imports (the preview) and POST /api/v1/imports/{id}/commit."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from curbside.accounts.services import token_create
from curbside.network.models import Contact
from curbside.portability.models import ImportBatch

from .import_samples import card, linkedin, vcf

pytestmark = pytest.mark.django_db

CARDS = vcf(
    card("Jane Roe, MD", emails=["jane@denverhealth.org"], org="Denver Health", title="Chair"),
    card("Bad Person", emails=["nope"]),
)


@pytest.fixture
def api(alice) -> Client:
    _, raw = token_create(owner=alice, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def commit(api: Client, import_id: int, body: dict[str, bool] | None = None, query: str = ""):
    data = json.dumps(body) if body is not None else ""
    return api.post(
        f"/api/v1/imports/{import_id}/commit{query}", data, content_type="application/json"
    )


def test_an_upload_answers_the_preview_with_its_id_counts_and_rows(api, alice):
    connections = linkedin(
        [("Maya", "Patel", "", "", "Denver Heart", "Cardiologist", "14 Mar 2023")]
    )
    response = api.post(
        "/api/v1/imports",
        {"file": [upload("phone.vcf", CARDS), upload("Connections.csv", connections)]},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["id"] == ImportBatch.objects.get(owner=alice).pk
    assert body["status"] == "previewed"
    assert body["files"] == ["phone.vcf", "Connections.csv"]
    assert body["formats"] == ["vcard", "linkedin"]
    assert body["counts"] == {
        "create": 2,
        "update": 0,
        "skip": 0,
        "error": 1,
        "possible_duplicates": 0,
    }
    jane, bad, maya = body["rows"]
    assert (jane["file"], jane["line"], jane["action"]) == ("phone.vcf", 1, "create")
    assert jane["values"]["credentials"] == "MD"
    assert (bad["line"], bad["action"]) == (8, "error")
    assert bad["problems"][0].startswith("'nope' is not a valid email address")
    assert maya["values"]["connected_on"] == "2023-03-14"
    assert Contact.objects.filter(owner=alice).count() == 1


def test_a_commit_with_problems_answers_422_with_them_and_imports_nothing(api, alice):
    import_id = api.post("/api/v1/imports", {"file": upload("phone.vcf", CARDS)}).json()["id"]
    response = commit(api, import_id)
    assert response.status_code == 422
    messages = [error["message"] for error in response.json()["errors"]]
    assert (
        messages[0] == "1 row has problems: fix the file, or choose to skip the rows with problems."
    )
    assert messages[1].startswith("phone.vcf:8: 'nope' is not a valid email address")
    assert Contact.objects.filter(owner=alice).count() == 1


@pytest.mark.parametrize(
    ("body", "query"), [({"skip_bad_rows": True}, ""), (None, "?skip_bad_rows=true")]
)
def test_skip_bad_rows_in_the_body_or_the_query_imports_the_good_rows(api, alice, body, query):
    import_id = api.post("/api/v1/imports", {"file": upload("phone.vcf", CARDS)}).json()["id"]
    response = commit(api, import_id, body, query)
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["status"] == "committed"
    jane = Contact.objects.get(owner=alice, full_name="Jane Roe")
    assert result["report"]["created"] == [jane.pk]
    assert not Contact.objects.filter(owner=alice, full_name="Bad Person").exists()
    detail = api.get(f"/api/v1/imports/{import_id}").json()
    assert detail["report"]["created"] == [jane.pk]


def test_a_second_commit_is_refused(api, alice):
    data = vcf(card("Jane Roe", emails=["jane@example.org"]))
    import_id = api.post("/api/v1/imports", {"file": upload("a.vcf", data)}).json()["id"]
    assert commit(api, import_id).status_code == 200
    response = commit(api, import_id)
    assert response.status_code == 422
    assert response.json()["detail"] == "This import was already committed."
    assert Contact.objects.filter(owner=alice, full_name="Jane Roe").count() == 1


def test_a_file_over_the_limit_is_refused_with_422_naming_it(api, settings):
    settings.CURBSIDE_IMPORT_MAX_BYTES = 100
    response = api.post("/api/v1/imports", {"file": upload("big.vcf", CARDS)})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("big.vcf is too large to import")
    assert not ImportBatch.objects.exists()


def test_a_csv_of_your_own_layout_is_read_with_a_mapping(api):
    data = b"Who,Mail\nJane Roe,jane@example.org\n"
    refused = api.post("/api/v1/imports", {"file": upload("people.csv", data)})
    assert refused.status_code == 422
    assert "column mapping is needed" in refused.json()["detail"]
    mapping = json.dumps({"full_name": "Who", "emails": "Mail"})
    response = api.post("/api/v1/imports", {"file": upload("people.csv", data), "mapping": mapping})
    assert response.status_code == 201, response.content
    assert response.json()["rows"][0]["values"]["emails"] == ["jane@example.org"]


def test_a_mapping_that_is_not_a_json_object_is_a_field_error(api):
    data = b"Who,Mail\nJane Roe,jane@example.org\n"
    response = api.post("/api/v1/imports", {"file": upload("people.csv", data), "mapping": "[1]"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "mapping"


def test_discarding_through_the_api_imports_nothing(api, alice):
    import_id = api.post("/api/v1/imports", {"file": upload("phone.vcf", CARDS)}).json()["id"]
    response = api.post(f"/api/v1/imports/{import_id}/discard")
    assert response.status_code == 200
    assert response.json()["status"] == "discarded"
    assert commit(api, import_id, {"skip_bad_rows": True}).status_code == 422
    assert Contact.objects.filter(owner=alice).count() == 1


def test_the_api_needs_a_token(client):
    response = client.post("/api/v1/imports", {"file": upload("phone.vcf", CARDS)})
    assert response.status_code == 401
    assert not ImportBatch.objects.exists()
