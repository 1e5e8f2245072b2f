"""One physician's imports are invisible to another: every import URL and API endpoint with
an id answers 404 for another user's import and changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from curbside.accounts.services import token_create
from curbside.network.models import Contact
from curbside.network.services import contact_create
from curbside.portability import services
from curbside.portability.models import ImportBatch

from .import_samples import card, vcf

pytestmark = pytest.mark.django_db

# (URL name, method): the import pages, then the REST API's operations on one import.
PAGES = [
    ("portability:import_preview", "get"),
    ("portability:import_preview", "post"),
    ("portability:import_report", "get"),
    ("portability:import_discard", "post"),
]
ENDPOINTS = [
    ("api:import_detail", "get"),
    ("api:import_commit", "post"),
    ("api:import_discard", "post"),
]
# Read by core/tests/test_isolation_coverage.py: every URL with an import id is here.
CROSS_USER_URL_NAMES = sorted({name for name, _ in PAGES + ENDPOINTS})

FILE = ("phone.vcf", vcf(card("Jane Roe", emails=["jane@example.org"], org="Denver Health")))


def batch_of(owner, *, committed: bool = False) -> ImportBatch:
    batch = services.import_preview(owner=owner, files=[FILE])
    return services.import_commit(owner=owner, batch=batch) if committed else batch


def snapshot(batch: ImportBatch) -> object:
    return ImportBatch.objects.filter(pk=batch.pk).values().get()


def api_client(owner) -> Client:
    _, raw = token_create(owner=owner, name="tests")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def send(api: Client, method: str, url: str):
    if method == "get":
        return api.get(url)
    return api.post(url, "", content_type="application/json")


def page_url(name: str, batch: ImportBatch) -> str:
    return reverse(name, args=[batch.pk])


def api_url(name: str, batch: ImportBatch) -> str:
    return reverse(name, kwargs={"import_id": batch.pk})


@pytest.mark.parametrize(("name", "method"), PAGES)
@pytest.mark.parametrize("committed", [False, True])
def test_another_users_import_page_is_not_found_and_left_untouched(
    client, alice, bob, name, method, committed
):
    batch = batch_of(alice, committed=committed)
    before = snapshot(batch)
    n_contacts = Contact.objects.count()
    client.force_login(bob)
    response = getattr(client, method)(page_url(name, batch), {"skip_bad_rows": "on"})
    assert response.status_code == 404
    assert snapshot(batch) == before
    assert Contact.objects.count() == n_contacts


@pytest.mark.parametrize(("name", "method"), PAGES)
def test_the_same_page_request_on_your_own_import_is_not_refused(client, bob, name, method):
    """The 404s above come from ownership, not from a broken request."""
    batch = batch_of(bob)
    client.force_login(bob)
    response = getattr(client, method)(page_url(name, batch), {})
    assert response.status_code in {200, 302}


@pytest.mark.parametrize(("name", "method"), ENDPOINTS)
@pytest.mark.parametrize("committed", [False, True])
def test_another_users_import_is_not_found_by_the_api_and_left_untouched(
    alice, bob, name, method, committed
):
    batch = batch_of(alice, committed=committed)
    before = snapshot(batch)
    n_contacts = Contact.objects.count()
    response = send(api_client(bob), method, api_url(name, batch))
    assert response.status_code == 404, response.content
    assert response.json() == {"detail": "Not found."}
    assert snapshot(batch) == before
    assert Contact.objects.count() == n_contacts


@pytest.mark.parametrize(("name", "method"), ENDPOINTS)
def test_the_same_api_request_on_your_own_import_is_not_refused(bob, name, method):
    batch = batch_of(bob)
    response = send(api_client(bob), method, api_url(name, batch))
    assert response.status_code == 200, response.content
    assert response.json()["id"] == batch.pk


def test_an_api_upload_matches_only_the_callers_own_contacts(alice, bob):
    alices_jane = contact_create(owner=alice, name="Jane Roe", emails=["jane@example.org"])
    response = api_client(bob).post("/api/v1/imports", {"file": _upload()})
    assert response.status_code == 201, response.content
    [row] = response.json()["rows"]
    assert row["action"] == "create"
    assert row["duplicates"] == []
    commit = send(api_client(bob), "post", f"/api/v1/imports/{response.json()['id']}/commit")
    assert commit.status_code == 200
    alices_jane.refresh_from_db()
    assert alices_jane.affiliations.count() == 0
    assert Contact.objects.filter(owner=alice, full_name="Jane Roe").count() == 1
    assert Contact.objects.filter(owner=bob, full_name="Jane Roe").count() == 1


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(FILE[0], FILE[1], content_type="text/vcard")
