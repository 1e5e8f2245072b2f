"""`import_listings FILE_OR_URL… [--source NAME] [--dry-run] [--skip-bad-rows]`."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from curbside.opportunities.models import Listing, ListingImport

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[4].parent / "shared" / "corpus" / "jobs"
CORPUS_FILES = sorted(str(p) for p in CORPUS.iterdir() if p.suffix in (".jsonld", ".html"))


def run(*arguments: str) -> str:
    out = StringIO()
    call_command("import_listings", *arguments, stdout=out)
    return out.getvalue()


def test_the_corpus_imports_with_a_preview_table_and_counts():
    output = run(*CORPUS_FILES, "--source", "schema.org")

    assert "schemaorg__eg-0251_JobPosting.jsonld" in output
    assert "schema.org JobPosting (JSON-LD)" in output
    assert "Imported: 3 new, 0 updated, 0 unchanged." in output
    assert sorted(Listing.objects.values_list("title", flat=True)) == [
        "Mobile App Developer",
        "Software Engineer",
        "Software Engineer",
    ]
    assert set(Listing.objects.values_list("source", flat=True)) == {"schema.org"}


def test_importing_again_changes_nothing():
    run(*CORPUS_FILES, "--source", "schema.org")

    output = run(*CORPUS_FILES, "--source", "schema.org")

    assert "Imported: 0 new, 0 updated, 3 unchanged." in output
    assert Listing.objects.count() == 3


def test_a_dry_run_shows_the_preview_and_writes_nothing():
    output = run(*CORPUS_FILES, "--dry-run")

    assert "Dry run: nothing was imported." in output
    assert not Listing.objects.exists()
    assert not ListingImport.objects.exists()


def test_listings_with_problems_exit_with_status_1_and_import_nothing(tmp_path):
    path = tmp_path / "jobs.jsonld"
    path.write_text(json.dumps([{"@type": "JobPosting", "title": "A"}, {"@type": "JobPosting"}]))

    with pytest.raises(CommandError) as error:
        run(str(path), "--source", "FR")

    assert str(error.value).startswith("1 listing with problems: nothing was imported.")
    assert error.value.returncode == 1
    assert not Listing.objects.exists()
    output = run(str(path), "--source", "FR", "--skip-bad-rows")
    assert "jobs.jsonld: Posting 2: no title" in output
    assert "Imported: 1 new, 0 updated, 0 unchanged, 1 left out (problems)." in output


def test_an_unreadable_file_is_a_specific_error(tmp_path):
    path = tmp_path / "job.html"
    path.write_text("<html><body>No structured data</body></html>")

    with pytest.raises(CommandError, match=r"^job\.html: No JobPosting found in this page"):
        run(str(path))
    with pytest.raises(CommandError, match=r"^Cannot read .*missing\.jsonld: No such file"):
        run(str(tmp_path / "missing.jsonld"))


def test_a_csv_is_read_with_a_column_mapping(tmp_path):
    path = tmp_path / "jobs.csv"
    path.write_text("Posting,Practice\nCardiologist,Heart Group\n")

    with pytest.raises(CommandError, match="No column holds the job title"):
        run(str(path))
    output = run(str(path), "--map", "title=Posting", "--map", "employer=Practice")

    assert "Imported: 1 new" in output
    assert list(Listing.objects.values_list("source", "employer")) == [("jobs.csv", "Heart Group")]
