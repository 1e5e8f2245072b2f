"""The staff pages that import listings: upload or download, preview, commit, discard."""

import http.server
import json
import threading
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from curbside.opportunities.models import Listing, ListingImport
from curbside.opportunities.services import listings as services

pytestmark = pytest.mark.django_db

UPLOAD = "opportunities:listing_import"
PREVIEW = "opportunities:listing_import_preview"
DISCARD = "opportunities:listing_import_discard"


def jsonld(*numbers: int, title: str = "Hospitalist") -> bytes:
    return json.dumps(
        [
            {
                "@type": "JobPosting",
                "identifier": f"FR-{number}",
                "title": f"{title} {number}",
                "hiringOrganization": "Front Range Health",
                "jobLocation": {"@type": "Place", "address": "Denver, CO 80202"},
            }
            for number in numbers
        ]
    ).encode()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def staff_client(client, alice):
    assert alice.is_staff  # the instance's first account administers it
    client.force_login(alice)
    return client


def test_staff_upload_files_and_land_on_the_preview(staff_client):
    response = staff_client.post(
        reverse(UPLOAD),
        {
            "uploads": [upload("a.jsonld", jsonld(1, 2)), upload("b.jsonld", jsonld(3))],
            "source": "FR",
        },
    )

    batch = ListingImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(PREVIEW, args=[batch.pk])
    assert (batch.file_names, batch.source, batch.n_create) == (["a.jsonld", "b.jsonld"], "FR", 3)
    assert not Listing.objects.exists()


def test_the_preview_shows_counts_rows_and_problems_with_their_line(staff_client):
    data = json.dumps(
        [
            {"@type": "JobPosting", "identifier": "1", "title": "Hospitalist"},
            {"@type": "JobPosting", "identifier": "2", "datePosted": "someday"},
        ]
    ).encode()
    batch = services.listing_import_preview(
        files=[("jobs.jsonld", data)], source="FR", created_by=None
    )

    page = staff_client.get(reverse(PREVIEW, args=[batch.pk])).content.decode()

    assert "<dt>New listings</dt><dd>1</dd>" in page
    assert "<dt>With problems</dt><dd>1</dd>" in page
    assert "Hospitalist" in page
    assert "line 2" in page
    assert "Posting 2: no title (neither &quot;title&quot; nor &quot;name&quot;)." in page
    assert "Skip the listings with problems" in page
    only_problems = staff_client.get(reverse(PREVIEW, args=[batch.pk]), {"show": "error"})
    assert "Hospitalist" not in only_problems.content.decode()


def test_committing_imports_and_shows_what_was_done(staff_client):
    batch = services.listing_import_preview(
        files=[("jobs.jsonld", jsonld(1, 2))], source="FR", created_by=None
    )

    response = staff_client.post(reverse(PREVIEW, args=[batch.pk]), follow=True)

    assert Listing.objects.count() == 2
    page = response.content.decode()
    assert "Imported: 2 new, 0 updated, 0 unchanged." in page
    assert "Listings imported" in page
    assert "Commit the import" not in page


def test_a_commit_refused_for_problems_shows_them_and_imports_nothing(staff_client):
    data = json.dumps([{"@type": "JobPosting", "title": "A"}, {"@type": "JobPosting"}]).encode()
    batch = services.listing_import_preview(
        files=[("jobs.jsonld", data)], source="FR", created_by=None
    )

    response = staff_client.post(reverse(PREVIEW, args=[batch.pk]))

    assert response.status_code == 200
    assert "1 listing has problems" in response.content.decode()
    assert not Listing.objects.exists()
    staff_client.post(reverse(PREVIEW, args=[batch.pk]), {"skip_bad_rows": "on"})
    assert list(Listing.objects.values_list("title", flat=True)) == ["A"]


def test_discarding_drops_the_preview(staff_client):
    batch = services.listing_import_preview(
        files=[("jobs.jsonld", jsonld(1))], source="FR", created_by=None
    )

    response = staff_client.post(reverse(DISCARD, args=[batch.pk]))

    assert response["Location"] == reverse(UPLOAD)
    batch.refresh_from_db()
    assert (batch.status, batch.rows) == ("discarded", [])


def test_an_unreadable_file_is_named_on_the_form(staff_client):
    response = staff_client.post(reverse(UPLOAD), {"uploads": [upload("job.html", b"<p>hi</p>")]})

    assert response.status_code == 200
    assert "job.html: No JobPosting found in this page" in response.content.decode()
    assert not ListingImport.objects.exists()


def test_nothing_to_import_is_an_error_of_the_form(staff_client):
    response = staff_client.post(reverse(UPLOAD), {"source": "FR"})

    assert "Choose a file to import, or give a web address." in response.content.decode()


def test_a_csv_without_a_title_column_asks_which_column_holds_what(staff_client):
    data = b"Posting,Practice\nCardiologist,Heart Group\n"

    asked = staff_client.post(reverse(UPLOAD), {"uploads": [upload("jobs.csv", data)]})

    page = asked.content.decode()
    assert "Which column holds what?" in page
    assert '<option value="Posting">Posting</option>' in page
    answered = staff_client.post(
        reverse(UPLOAD),
        {
            "uploads": [upload("jobs.csv", data)],
            "headers": json.dumps(["Posting", "Practice"]),
            "column_title": "Posting",
            "column_employer": "Practice",
        },
    )
    assert answered.status_code == 302
    (row,) = ListingImport.objects.get().rows
    assert (row["values"]["title"], row["values"]["employer"]) == ("Cardiologist", "Heart Group")


# Downloading ---------------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: dict[str, bytes] = {}

    def do_GET(self) -> None:
        body = self.pages.get(self.path)
        if body is None:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def web() -> Iterator[str]:
    """A web server on this machine, in a thread, serving _Handler.pages."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_staff_import_from_a_web_address(staff_client, web):
    _Handler.pages = {"/feeds/jobs.jsonld": jsonld(1, 2)}

    response = staff_client.post(reverse(UPLOAD), {"url": f"{web}/feeds/jobs.jsonld"})

    assert response.status_code == 302
    batch = ListingImport.objects.get()
    assert batch.file_names == [f"{web}/feeds/jobs.jsonld"]
    assert batch.n_create == 2
    # With no source given, the listings come from the address's host.
    assert batch.source == "127.0.0.1:" + web.rsplit(":", 1)[1]


def test_a_failed_download_is_told_on_the_form(staff_client, web):
    _Handler.pages = {}

    response = staff_client.post(reverse(UPLOAD), {"url": f"{web}/gone.xml"})

    assert response.status_code == 200
    assert f"Could not download {web}/gone.xml: the server answered 404 Not Found." in (
        response.content.decode()
    )
    assert not ListingImport.objects.exists()


def test_a_download_over_the_size_limit_is_refused(web, settings):
    _Handler.pages = {"/big.jsonld": jsonld(*range(50))}
    settings.CURBSIDE_IMPORT_MAX_BYTES = 1000

    with pytest.raises(ValidationError, match="too large to import"):
        services.listing_fetch(f"{web}/big.jsonld")


def test_an_unreachable_server_and_other_schemes_are_refused():
    with pytest.raises(
        ValidationError,
        match=r"Could not download http://127\.0\.0\.1:9/jobs\.xml: Connection refused\.",
    ):
        services.listing_fetch("http://127.0.0.1:9/jobs.xml")
    with pytest.raises(ValidationError, match="is not a web address"):
        services.listing_fetch("file:///etc/passwd")


# Staff only ----------------------------------------------------------------------------------


def test_the_import_pages_do_not_exist_for_other_users(client, alice, bob):
    batch = services.listing_import_preview(
        files=[("jobs.jsonld", jsonld(1))], source="FR", created_by=alice
    )
    client.force_login(bob)

    assert client.get(reverse(UPLOAD)).status_code == 404
    assert (
        client.post(reverse(UPLOAD), {"uploads": [upload("a.jsonld", jsonld(2))]}).status_code
        == 404
    )
    assert client.get(reverse(PREVIEW, args=[batch.pk])).status_code == 404
    assert client.post(reverse(PREVIEW, args=[batch.pk])).status_code == 404
    assert client.post(reverse(DISCARD, args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert batch.status == "previewed"
    assert not Listing.objects.exists()


def test_the_recent_imports_cost_the_same_queries_however_many(
    staff_client, alice, django_assert_num_queries
):
    for n in (2, 18):
        for _ in range(n):
            services.listing_import_preview(
                files=[("jobs.jsonld", jsonld(1))], source="FR", created_by=alice
            )
        # session, user, recent imports with their creators
        with django_assert_num_queries(3):
            response = staff_client.get(reverse(UPLOAD))
        assert response.content.decode().count("jobs.jsonld") == min(
            ListingImport.objects.count(), 20
        )
