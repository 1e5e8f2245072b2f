"""Importing job listings: preview, commit all or nothing, re-import in place."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from curbside.core.imports import mapping_headers
from curbside.opportunities.models import Listing, ListingImport, ListingSearch
from curbside.opportunities.services import listings as services

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[4].parent / "shared" / "corpus" / "jobs"

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:job="https://jobs.example.org/ns">
<channel>
  <title>Rocky Mountain Physician Jobs</title>
  <link>https://jobs.example.org/</link>
  <item>
    <title>Hospitalist</title>
    <link>https://jobs.example.org/jobs/101</link>
    <guid isPermaLink="false">rmpj-101</guid>
    <pubDate>Fri, 01 Mar 2024 22:00:00 -0700</pubDate>
    <description>Seven on, seven off. J-1 waiver sponsorship available.</description>
    <job:location>Aurora, CO 80045</job:location>
    <job:salary>$280,000 - $320,000 per year</job:salary>
    <job:company>University of Colorado Hospital</job:company>
    <job:expires>2024-05-31</job:expires>
  </item>
  <item>
    <link>https://jobs.example.org/jobs/102</link>
    <guid>rmpj-102</guid>
    <description>A posting whose title went missing.</description>
  </item>
</channel>
</rss>"""


def posting(number: int, **changes: object) -> dict[str, object]:
    node: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "identifier": f"FR-{number}",
        "url": f"https://jobs.example.org/fr/{number}",
        "title": f"Hospitalist {number}",
        "hiringOrganization": {"@type": "Organization", "name": "Front Range Health"},
        "description": "<p>Caring for adult patients.</p>",
        "datePosted": "2026-03-01",
        "validThrough": "2026-06-30",
        "employmentType": "FULL_TIME",
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "postalCode": "80202", "addressRegion": "CO"},
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": 280000,
                "maxValue": 320000,
                "unitText": "YEAR",
            },
        },
    }
    node.update(changes)
    return node


def jsonld(*postings: dict[str, object]) -> bytes:
    return json.dumps(list(postings)).encode()


def preview(*files: tuple[str, bytes], source: str = "", **kwargs: object) -> ListingImport:
    return services.listing_import_preview(
        files=list(files),
        source=source,
        created_by=None,
        **kwargs,  # type: ignore[arg-type]
    )


def import_files(*files: tuple[str, bytes], source: str = "") -> ListingImport:
    return services.listing_import_commit(batch=preview(*files, source=source))


def text_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM opportunities_listingtext")
        return int(cursor.fetchone()[0])


# The shared corpus ---------------------------------------------------------------------------


def test_the_canonical_schema_org_example_becomes_a_searchable_listing():
    path = CORPUS / "schemaorg__eg-0028_JobPosting.jsonld"
    batch = import_files((path.name, path.read_bytes()), source="schema.org")

    assert (batch.status, batch.n_create, batch.n_error) == ("committed", 1, 0)
    listing = Listing.objects.get()
    assert listing.source == "schema.org"
    assert listing.title == "Software Engineer"
    assert (listing.city, listing.state) == ("Kirkland", "WA")
    assert listing.latitude == pytest.approx(47.70, abs=0.05)
    assert listing.longitude == pytest.approx(-122.19, abs=0.05)
    assert (listing.salary_min, listing.salary_max) == (Decimal(100000), Decimal(100000))
    assert (listing.salary_unit, listing.currency) == ("year", "USD")
    assert listing.position_type == "full_time"
    assert listing.posted_on == date(2011, 10, 31)
    assert listing.requirements.startswith("Ability to work in a team environment")
    search = ListingSearch.objects.get(listing=listing)
    assert (search.annual_salary_min, search.state) == (100000, "WA")
    assert text_rows() == 1


def test_the_microdata_page_of_the_corpus_imports_with_its_employer():
    path = CORPUS / "schemaorg__eg-0028_JobPosting.microdata.html"
    batch = import_files((path.name, path.read_bytes()))

    assert batch.formats == ["html"]
    listing = Listing.objects.get()
    # No --source and nothing in the page: the file's name is the source.
    assert listing.source == "schemaorg__eg-0028_JobPosting.microdata.html"
    assert (listing.title, listing.employer) == ("Software Engineer", "ABC Company Inc.")
    assert listing.latitude == pytest.approx(47.70, abs=0.05)
    assert ListingSearch.objects.filter(listing=listing).exists()


def test_a_posting_with_name_and_no_place_imports_without_coordinates():
    path = CORPUS / "schemaorg__eg-0251_JobPosting.jsonld"
    import_files((path.name, path.read_bytes()), source="schema.org")

    listing = Listing.objects.get()
    assert (listing.title, listing.employer) == ("Mobile App Developer", "ACME Software")
    assert (listing.latitude, listing.longitude, listing.salary_min) == (None, None, None)


def test_every_file_of_the_corpus_imports_and_imports_again_without_change():
    files = [
        (path.name, path.read_bytes())
        for path in sorted(CORPUS.iterdir())
        if path.suffix in (".jsonld", ".html")
    ]
    first = import_files(*files, source="schema.org")
    stamps = dict(Listing.objects.values_list("pk", "updated_at"))

    again = import_files(*files, source="schema.org")

    assert (first.n_create, first.n_error) == (len(files), 0)
    # Two of the files hold the same posting (JSON-LD and microdata), without an id or URL:
    # told apart by their employer, which only the page gives.
    assert (again.n_create, again.n_update, again.n_skip) == (0, 0, len(files))
    assert dict(Listing.objects.values_list("pk", "updated_at")) == stamps
    assert ListingSearch.objects.count() == len(files) == text_rows()


# Matching and re-importing -------------------------------------------------------------------


def test_re_importing_the_same_file_creates_nothing_and_changes_nothing():
    data = jsonld(posting(1), posting(2))
    import_files(("jobs.jsonld", data), source="Front Range")
    before = list(Listing.objects.order_by("pk").values())

    batch = import_files(("jobs.jsonld", data), source="Front Range")

    assert (batch.n_create, batch.n_update, batch.n_skip) == (0, 0, 2)
    assert [row["note"] for row in batch.rows] == ["Already there, unchanged."] * 2
    assert list(Listing.objects.order_by("pk").values()) == before


def test_a_changed_listing_is_updated_in_place_and_reindexed():
    import_files(("jobs.jsonld", jsonld(posting(1), posting(2))), source="Front Range")
    listing = Listing.objects.get(external_id="FR-1")
    changed = posting(1, title="Nocturnist", validThrough="2026-09-30")

    batch = preview(("jobs.jsonld", jsonld(changed, posting(2))), source="Front Range")
    assert [row["action"] for row in batch.rows] == ["update", "skip"]
    assert batch.rows[0]["listing"] == listing.pk
    assert batch.rows[0]["changes"] == ["title", "expires_on"]
    services.listing_import_commit(batch=batch)

    listing.refresh_from_db()
    assert Listing.objects.count() == 2
    assert (listing.title, listing.expires_on) == ("Nocturnist", date(2026, 9, 30))
    assert ListingSearch.objects.get(listing=listing).expires_on == date(2026, 9, 30)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid FROM opportunities_listingtext WHERE opportunities_listingtext "
                "MATCH 'nocturnist'"
            )
        else:
            cursor.execute(
                "SELECT listing_id FROM opportunities_listingtext "
                "WHERE document @@ 'nocturnist'::tsquery"
            )
        assert cursor.fetchall() == [(listing.pk,)]


def test_listings_are_matched_by_url_when_the_board_gives_no_id():
    first = posting(1)
    del first["identifier"]
    import_files(("jobs.jsonld", jsonld(first)), source="Front Range")

    batch = preview(("jobs.jsonld", jsonld({**first, "title": "Nocturnist"})), source="Front Range")

    assert batch.rows[0]["action"] == "update"
    assert batch.rows[0]["listing"] == Listing.objects.get().pk


def test_the_same_id_from_another_source_is_another_listing():
    import_files(("jobs.jsonld", jsonld(posting(1))), source="Front Range")

    batch = import_files(("jobs.jsonld", jsonld(posting(1))), source="Other board")

    assert batch.n_create == 1
    assert sorted(Listing.objects.values_list("source", flat=True)) == [
        "Front Range",
        "Other board",
    ]


def test_a_listing_repeated_in_an_upload_is_written_once_from_its_last_posting():
    data = jsonld(posting(1), posting(1, title="Hospitalist, updated"))

    batch = import_files(("jobs.jsonld", data), source="Front Range")

    assert [row["action"] for row in batch.rows] == ["skip", "create"]
    assert batch.rows[0]["note"] == "Repeated later, at jobs.jsonld line 2."
    assert list(Listing.objects.values_list("title", flat=True)) == ["Hospitalist, updated"]


def test_a_feed_names_its_own_source_and_the_source_given_overrides_it():
    good = RSS[: RSS.index(b"  <item>\n    <link>")] + b"</channel>\n</rss>"

    batch = import_files(("feed.xml", good))
    listing = Listing.objects.get()
    assert listing.source == "Rocky Mountain Physician Jobs"
    assert (listing.external_id, listing.employer) == (
        "rmpj-101",
        "University of Colorado Hospital",
    )
    assert (listing.zip_code, listing.expires_on) == ("80045", date(2024, 5, 31))
    assert listing.latitude is not None
    assert batch.source == "Rocky Mountain Physician Jobs"

    batch = import_files(("feed.xml", good), source="RMPJ")
    assert batch.n_create == 1
    assert Listing.objects.filter(source="RMPJ").count() == 1


def test_coordinates_come_from_the_zip_code_when_the_posting_has_none():
    batch = preview(("jobs.jsonld", jsonld(posting(1))), source="Front Range")

    values = batch.rows[0]["values"]
    assert values["zip_code"] == "80202"
    assert values["latitude"] == pytest.approx(39.75, abs=0.05)
    assert values["longitude"] == pytest.approx(-104.99, abs=0.05)


def test_a_csv_file_imports_with_a_column_mapping():
    data = (
        b"Posting,Practice,Where,Pay,Ref\n"
        b'Cardiologist,Heart Group,"Boulder, CO 80302","$400,000 - $450,000",H-1\n'
    )
    batch = preview(
        ("jobs.csv", data),
        source="Heart jobs",
        column_mapping={
            "title": "Posting",
            "employer": "Practice",
            "salary": "Pay",
            "location": "Where",
        },
    )
    services.listing_import_commit(batch=batch)

    listing = Listing.objects.get()
    assert (listing.title, listing.employer, listing.external_id) == (
        "Cardiologist",
        "Heart Group",
        "H-1",
    )
    assert (listing.city, listing.state, listing.zip_code) == ("Boulder", "CO", "80302")
    assert (listing.salary_min, listing.salary_max) == (Decimal(400000), Decimal(450000))


# Refusals ------------------------------------------------------------------------------------


def test_broken_json_is_refused_naming_the_file_and_the_place_of_the_error():
    with pytest.raises(ValidationError) as error:
        preview(("jobs.jsonld", b'[{"@type": "JobPosting", "title": "Hospitalist",]'))

    (message,) = error.value.messages
    assert message.startswith("jobs.jsonld: This file is not valid JSON")
    assert "line 1, column" in message
    assert not ListingImport.objects.exists()


def test_a_page_without_json_ld_is_refused_naming_the_file():
    with pytest.raises(ValidationError) as error:
        preview(("job.html", b"<html><body><h1>Hospitalist</h1></body></html>"))

    assert error.value.messages == [
        "job.html: No JobPosting found in this page: it has no schema.org JobPosting, "
        "neither in a JSON-LD script nor as microdata."
    ]


def test_every_unreadable_file_of_an_upload_is_named_at_once():
    with pytest.raises(ValidationError) as error:
        preview(
            ("a.jsonld", b"{not json"),
            ("b.html", b"<p>nothing here</p>"),
            ("ok.jsonld", jsonld(posting(1))),
            source="Front Range",
        )

    assert [message.split(":")[0] for message in error.value.messages] == ["a.jsonld", "b.html"]
    assert not Listing.objects.exists()


def test_a_csv_without_a_title_column_asks_for_a_mapping_with_its_headers():
    with pytest.raises(ValidationError) as error:
        preview(("jobs.csv", b"Posting,Practice\nCardiologist,Heart Group\n"))

    assert error.value.messages[0].startswith("jobs.csv: No column holds the job title.")
    assert mapping_headers(error.value) == ["Posting", "Practice"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.CURBSIDE_IMPORT_MAX_BYTES = 100

    with pytest.raises(ValidationError) as error:
        preview(("big.jsonld", jsonld(posting(1))), source="Front Range")

    assert error.value.messages[0].startswith("big.jsonld is too large to import")
    assert "the limit is 100 bytes" in error.value.messages[0]


def test_a_feed_entry_with_missing_fields_refuses_the_commit_and_imports_nothing():
    batch = preview(("feed.xml", RSS))
    assert [row["action"] for row in batch.rows] == ["create", "error"]
    assert batch.rows[1]["problems"] == ["Entry 2: no title."]

    with pytest.raises(ValidationError) as error:
        services.listing_import_commit(batch=batch)

    assert error.value.messages == [
        "1 listing has problems: fix the file, or choose to skip the listings with problems.",
        "feed.xml: Entry 2: no title.",
    ]
    assert not Listing.objects.exists()
    assert ListingImport.objects.get().status == "previewed"


def test_skipping_bad_rows_imports_the_others():
    batch = services.listing_import_commit(batch=preview(("feed.xml", RSS)), skip_bad_rows=True)

    assert (batch.n_create, batch.n_error) == (1, 1)
    assert list(Listing.objects.values_list("title", flat=True)) == ["Hospitalist"]


def test_values_that_do_not_fit_a_listing_are_problems_of_their_row():
    data = jsonld(posting(1, title="x" * 301), posting(2, url="not a web address"))

    batch = preview(("jobs.jsonld", data), source="Front Range")

    assert batch.n_error == 2
    assert batch.rows[0]["problems"] == ["title is 301 characters long; at most 300 fit."]
    assert batch.rows[1]["problems"] == ['url "not a web address" is not a web address.']


def test_a_commit_fails_as_a_whole_when_one_write_fails(monkeypatch):
    import_files(("jobs.jsonld", jsonld(posting(1))), source="Front Range")
    batch = preview(
        ("jobs.jsonld", jsonld(posting(1, title="Changed"), posting(2))), source="Front Range"
    )

    def failing_index(listing_ids):
        raise RuntimeError("the index is full")

    monkeypatch.setattr(services, "listing_index", failing_index)
    with pytest.raises(RuntimeError):
        services.listing_import_commit(batch=batch)

    assert list(Listing.objects.values_list("title", flat=True)) == ["Hospitalist 1"]
    assert ListingImport.objects.get(pk=batch.pk).status == "previewed"


def test_listings_imported_since_the_preview_are_updated_not_doubled():
    batch = preview(("jobs.jsonld", jsonld(posting(1))), source="Front Range")
    import_files(
        ("jobs.jsonld", jsonld(posting(1, title="Imported meanwhile"))), source="Front Range"
    )

    batch = services.listing_import_commit(batch=batch)

    assert (batch.n_create, batch.n_update) == (0, 1)
    assert list(Listing.objects.values_list("title", flat=True)) == ["Hospitalist 1"]


def test_a_batch_is_committed_once_and_a_discarded_one_never():
    batch = import_files(("jobs.jsonld", jsonld(posting(1))), source="Front Range")
    with pytest.raises(ValidationError, match="already committed"):
        services.listing_import_commit(batch=batch)
    with pytest.raises(ValidationError, match="cannot be discarded"):
        services.listing_import_discard(batch=batch)

    other = preview(("jobs.jsonld", jsonld(posting(2))), source="Front Range")
    services.listing_import_discard(batch=other)
    assert ListingImport.objects.get(pk=other.pk).rows == []
    with pytest.raises(ValidationError, match="discarded"):
        services.listing_import_commit(batch=other)
    assert Listing.objects.count() == 1


# The one-shot import -------------------------------------------------------------------------


def test_a_dry_run_writes_nothing_at_all():
    batch = services.listing_import(
        files=[("jobs.jsonld", jsonld(posting(1)))], source="Front Range", dry_run=True
    )

    assert batch._state.adding  # never saved
    assert batch.n_create == 1
    assert not ListingImport.objects.exists()
    assert not Listing.objects.exists()


def test_a_refused_one_shot_import_discards_its_preview():
    with pytest.raises(ValidationError):
        services.listing_import(files=[("feed.xml", RSS)])

    assert ListingImport.objects.get().status == "discarded"
    assert not Listing.objects.exists()
