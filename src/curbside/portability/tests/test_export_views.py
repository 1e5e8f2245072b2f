"""The export page and its downloads: the owner's data only, as dated attachments."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from curbside.network.models import Contact

from .archive_network import add_network, build_network
from .vcard_reading import read_vcards

pytestmark = pytest.mark.django_db

EXPORT = reverse("portability:export")
DOWNLOAD = reverse("portability:export_download")
# 23:00 in New York (alice's time zone) is already the next day in UTC.
EVENING = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


@pytest.fixture
def network(alice):
    with time_machine.travel(datetime(2026, 11, 22, 14, 30, tzinfo=UTC)):
        return build_network(alice)


def names(owner) -> set[str]:
    return set(
        Contact.objects.filter(owner=owner, is_self=False).values_list("full_name", flat=True)
    )


@pytest.mark.parametrize("url", [EXPORT, f"{DOWNLOAD}?format=json"])
def test_exporting_needs_a_login(client, alice, network, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_export_page_offers_each_format_and_counts_what_will_be_exported(
    client, alice, network, bob
):
    client.force_login(alice)
    response = client.get(EXPORT)
    html = response.content.decode()
    assert response.status_code == 200
    counts = response.context["counts"]
    assert (counts.n_contacts, counts.n_organizations, counts.n_affiliations) == (5, 3, 4)
    assert (counts.n_ties, counts.n_interactions, counts.n_follow_ups, counts.n_tags) == (
        4,
        3,
        4,
        4,
    )
    assert "<dt>Contacts</dt><dd>5</dd>" in html
    for value in ("json", "vcf", "csv"):
        assert f'value="{value}"' in html
    assert f'action="{DOWNLOAD}"' in html


def test_the_json_download_is_a_dated_attachment_with_the_owners_archive(
    client, alice, network, bob
):
    client.force_login(alice)
    with time_machine.travel(EVENING):
        response = client.get(DOWNLOAD, {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="curbside-2026-11-22.json"'
    assert "no-store" in response["Cache-Control"]
    archive = json.loads(response.content)
    assert archive["format"] == "curbside-archive"
    assert archive["owner"]["email"] == "alice@example.org"
    exported = {c["full_name"] for c in archive["contacts"] if not c["is_self"]}
    assert exported == names(alice)
    assert exported.isdisjoint(names(bob))


def test_the_vcard_download_holds_the_owners_cards_and_not_another_users(
    client, alice, network, bob
):
    client.force_login(alice)
    with time_machine.travel(EVENING):
        response = client.get(DOWNLOAD, {"format": "vcf"})
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="curbside-2026-11-22.vcf"'
    cards = read_vcards(response.content.decode())
    full_names = {value for card in cards for name, _, value in card if name == "FN"}
    assert full_names == names(alice)
    assert len(cards) == 5


def test_the_csv_download_can_include_the_owners_own_row(client, alice, network, bob):
    client.force_login(alice)
    response = client.get(DOWNLOAD, {"format": "csv", "include_self": "on"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('.csv"')
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["Full name"] == "Alice Adams"
    assert {row["Full name"] for row in rows[1:]} == names(alice)


def test_bobs_download_never_holds_alices_data(client, alice, network, bob):
    client.force_login(bob)
    archive = json.loads(client.get(DOWNLOAD, {"format": "json"}).content)
    text = json.dumps(archive)
    assert archive["owner"]["email"] == "bob@example.org"
    assert {c["full_name"] for c in archive["contacts"] if not c["is_self"]} == names(bob)
    for alices in ("Patel", "University Hospital", "Coffee about the EP opening", "mentor"):
        assert alices not in text
    assert client.get(EXPORT).context["counts"].n_contacts == 2


@pytest.mark.parametrize("query", [{"format": "pdf"}, {}])
def test_an_unknown_format_shows_the_page_again_with_the_error(client, alice, query):
    client.force_login(alice)
    response = client.get(DOWNLOAD, query)
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert response.context["form"].errors["format"]
    assert "<h1>Export</h1>" in response.content.decode()


def test_the_download_is_read_only(client, alice):
    client.force_login(alice)
    assert client.post(DOWNLOAD, {"format": "json"}).status_code == 405


def test_the_export_page_queries_do_not_grow(client, alice, django_assert_num_queries):
    client.force_login(alice)
    for n in (2, 48):
        add_network(alice, n)
        # session, user, the counts (one query of subqueries)
        with django_assert_num_queries(3):
            client.get(EXPORT)


@pytest.mark.parametrize(
    ("format", "n_queries"),
    [
        # session, user, then the archive: contacts, emails, phones, tags, contact tags,
        # organizations, affiliations, ties, interactions, interaction contacts, follow-ups;
        # opportunities, their people, stage changes, documents, recipients, job preferences,
        # saved searches
        ("json", 20),
        # session, user, contacts with strength, emails, phones, tag names, current jobs
        ("vcf", 7),
        ("csv", 7),
    ],
)
def test_download_queries_do_not_grow(client, alice, django_assert_num_queries, format, n_queries):
    client.force_login(alice)
    for n in (2, 48):
        add_network(alice, n)
        with django_assert_num_queries(n_queries):
            response = client.get(DOWNLOAD, {"format": format})
        assert response.status_code == 200
