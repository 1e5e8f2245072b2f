"""Every CSV export in the shared corpus, with the values a person would read in it."""

from pathlib import Path

from curbside.portability.parsers import parse_file


def corpus(kind: str) -> Path:
    """../shared/corpus/<kind> beside the repository, found from this file's location."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "corpus" / kind
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"shared/corpus/{kind} is not beside the repository")


def read(file_name: str) -> bytes:
    return (corpus("csv") / file_name).read_bytes()


def test_every_corpus_csv_is_covered_here():
    assert {path.name for path in corpus("csv").glob("*.csv")} == {
        "linkedin_Connections__preamble_and_header_only.csv",
        "roundcube__gmail.csv",
        "roundcube__outlook.csv",
    }


def test_linkedin_preamble_and_header_without_rows_is_an_empty_linkedin_import():
    name = "linkedin_Connections__preamble_and_header_only.csv"
    result = parse_file(name, read(name))

    assert result.format == "linkedin"
    assert result.records == ()
    assert result.warnings == ()


def test_legacy_google_export_keeps_every_value_of_its_one_row():
    result = parse_file("roundcube__gmail.csv", read("roundcube__gmail.csv"))

    assert result.format == "google"
    (record,) = result.records
    assert record.line == 2
    assert record.full_name == "Prefix Firstname Middle Lastname Suffix"
    assert (record.honorific, record.first_name, record.middle_name) == (
        "Prefix",
        "Firstname",
        "Middle",
    )
    assert (record.last_name, record.suffix) == ("Lastname", "Suffix")
    # "* Home" marks the primary email; the order of the file is kept after it.
    assert record.emails == ("home@aaa.pl", "work@email.pl", "unknown@email.com", "other@email.com")
    assert record.phones == (
        "pager",
        "mainphone",
        "homephone",
        "homefax",
        "mobile",
        "workphone",
        "workfax",
    )
    assert (record.organization, record.title) == ("company", "jobtitle")
    # Of a home and a work address, neither marked primary, the work one is kept.
    assert (record.street, record.city, record.zip_code, record.country) == (
        "work_street",
        "work_city",
        "work_zip",
        "work_country",
    )
    assert record.urls == ("test.com", "home.page.com")
    assert record.notes == 'note"note'
    assert record.tags == ("Test",)  # "* My Contacts" is every contact's group
    assert record.problems == ()


def test_outlook_export_with_only_email_columns_reads_all_three_addresses():
    result = parse_file("roundcube__outlook.csv", read("roundcube__outlook.csv"))

    assert result.format == "outlook"
    (record,) = result.records
    assert record.line == 2
    assert record.emails == ("test1@domain.tld", "test2@domain.tld", "test3@domain.tld")
    assert record.full_name == ""
    assert record.problems == ()
