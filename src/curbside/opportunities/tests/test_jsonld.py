import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from curbside.opportunities.listings import (
    ListingFileError,
    ParsedListing,
    detect_format,
    parse_listings,
)

CORPUS = Path(__file__).resolve().parents[4].parent / "shared" / "corpus" / "jobs"


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def parse_one(document: object, name: str = "posting.jsonld") -> ParsedListing:
    result = parse_listings(name, json.dumps(document).encode())
    assert len(result.records) == 1
    return result.records[0]


def posting(**fields: object) -> dict[str, object]:
    return {"@context": "https://schema.org", "@type": "JobPosting", **fields}


# The shared corpus --------------------------------------------------------------------------


def test_the_canonical_schema_org_example_imports_as_a_person_would_read_it():
    result = parse_listings("eg.jsonld", corpus("schemaorg__eg-0028_JobPosting.jsonld"))

    assert result.format == "jsonld"
    assert result.warnings == ()
    (listing,) = result.records
    assert listing.line == 1
    assert listing.title == "Software Engineer"
    assert listing.employer == ""  # the example has no hiringOrganization
    assert listing.description == (
        "Description: ABC Company Inc. seeks a full-time mid-level software engineer to "
        "develop in-house tools."
    )
    assert (listing.city, listing.state, listing.zip_code, listing.country) == (
        "Kirkland",
        "WA",
        "",
        "",
    )
    assert listing.latitude == pytest.approx(47.70, abs=0.05)
    assert listing.longitude == pytest.approx(-122.19, abs=0.05)
    assert listing.is_remote is False
    # "baseSalary": "100000" with "salaryCurrency": "USD": an amount that size is a year's.
    assert (listing.salary_min, listing.salary_max) == (Decimal(100000), Decimal(100000))
    assert (listing.salary_unit, listing.currency) == ("year", "USD")
    assert listing.posted_on == date(2011, 10, 31)
    assert listing.expires_on is None
    assert listing.position_type == "full_time"  # "Full-time", not Google's FULL_TIME
    assert (listing.specialty, listing.practice_setting, listing.visa_sponsorship) == ("", "", "")
    assert listing.requirements == (
        "Ability to work in a team environment with members of varying skill levels. "
        "Highly motivated. Learns quickly.\n"
        "Minumum 3 years experience as a software engineer\n"
        "Bachelor's Degree in Computer Science, Information Systems or related fields of study."
    )
    assert (listing.external_id, listing.url) == ("", "")
    assert listing.problems == ()


def test_the_same_posting_as_microdata_imports_with_the_same_values():
    result = parse_listings("eg.html", corpus("schemaorg__eg-0028_JobPosting.microdata.html"))

    assert result.format == "html"
    (listing,) = result.records
    assert listing.title == "Software Engineer"
    # Here the hiring organization is marked up inside the description.
    assert listing.employer == "ABC Company Inc."
    assert listing.description == (
        "Description: ABC Company Inc. seeks a full-time mid-level software engineer to "
        "develop in-house tools."
    )
    assert (listing.city, listing.state) == ("Kirkland", "WA")
    assert listing.latitude == pytest.approx(47.70, abs=0.05)
    assert (listing.salary_min, listing.salary_unit, listing.currency) == (
        Decimal(100000),
        "year",
        "USD",
    )
    assert listing.posted_on == date(2011, 10, 31)
    assert listing.position_type == "full_time"
    assert listing.requirements == (
        "• Ability to work in a team environment with members of varying skill levels.\n"
        "• Highly motivated.\n"
        "• Learns quickly.\n"
        "• Minumum 3 years experience as a software engineer\n"
        "• Bachelor's Degree in Computer Science, Information Systems or related fields of study."
    )
    assert listing.problems == ()


def test_a_posting_with_name_instead_of_title_and_an_occupation_object_imports():
    (listing,) = parse_listings("eg.jsonld", corpus("schemaorg__eg-0251_JobPosting.jsonld")).records

    assert listing.title == "Mobile App Developer"
    assert listing.employer == "ACME Software"
    assert (listing.city, listing.state, listing.latitude, listing.longitude) == (
        "",
        "",
        None,
        None,
    )
    assert (listing.salary_min, listing.salary_max, listing.salary_unit) == (None, None, "")
    assert listing.posted_on is None
    assert listing.problems == ()


@pytest.mark.parametrize(
    "path",
    sorted(path for path in CORPUS.iterdir() if path.suffix in (".jsonld", ".html")),
    ids=lambda path: path.name,
)
def test_every_job_posting_in_the_corpus_imports_without_problems(path):
    result = parse_listings(path.name, path.read_bytes(), source="corpus")

    assert result.records
    assert all(record.title and not record.problems for record in result.records)
    assert all(record.source == "corpus" for record in result.records)


# The variants boards write ------------------------------------------------------------------


def test_a_monetary_amount_with_a_range_and_an_hourly_unit():
    listing = parse_one(
        posting(
            title="Locum Tenens Hospitalist",
            baseSalary={
                "@type": "MonetaryAmount",
                "currency": "USD",
                "value": {
                    "@type": "QuantitativeValue",
                    "minValue": 170,
                    "maxValue": "210.50",
                    "unitText": "HOUR",
                },
            },
        )
    )

    assert (listing.salary_min, listing.salary_max) == (Decimal(170), Decimal("210.50"))
    assert (listing.salary_unit, listing.currency) == ("hour", "USD")
    assert listing.position_type == "locums"
    assert listing.practice_setting == "locums"
    assert listing.specialty == "hospitalist"


def test_a_monetary_amount_with_a_single_yearly_value():
    listing = parse_one(
        posting(
            title="Gastroenterologist",
            baseSalary={
                "@type": "MonetaryAmount",
                "currency": "usd",
                "value": {"@type": "QuantitativeValue", "value": 550000, "unitText": "YEAR"},
            },
        )
    )

    assert (listing.salary_min, listing.salary_max) == (Decimal(550000), Decimal(550000))
    assert (listing.salary_unit, listing.currency) == ("year", "USD")


def test_a_salary_written_as_a_number_or_as_text():
    as_number = parse_one(posting(title="Psychiatrist", baseSalary=300000.0))
    as_text = parse_one(posting(title="Psychiatrist", baseSalary="$250,000 - $300,000 per year"))

    assert (as_number.salary_min, as_number.salary_max, as_number.salary_unit) == (
        Decimal(300000),
        Decimal(300000),
        "year",
    )
    assert (as_text.salary_min, as_text.salary_max, as_text.salary_unit, as_text.currency) == (
        Decimal(250000),
        Decimal(300000),
        "year",
        "USD",
    )


def test_a_remote_job_without_a_location_is_remote_telemedicine():
    listing = parse_one(
        posting(
            title="Telepsychiatrist",
            hiringOrganization="Virtual Minds",
            jobLocationType="TELECOMMUTE",
            applicantLocationRequirements={"@type": "Country", "name": "USA"},
            employmentType=["PART_TIME", "CONTRACTOR"],
        )
    )

    assert listing.is_remote is True
    assert listing.country == "US"
    assert (listing.city, listing.state, listing.latitude) == ("", "", None)
    assert listing.employer == "Virtual Minds"
    assert listing.practice_setting == "telemedicine"
    assert listing.position_type == "part_time"  # the first employmentType we know
    assert listing.specialty == "psychiatry"


def test_a_full_posting_with_every_field_as_objects():
    listing = parse_one(
        posting(
            title="Hospitalist &amp; Nocturnist",
            identifier={
                "@type": "PropertyValue",
                "name": "Front Range Health",
                "value": "FRH-1234",
            },
            url="https://careers.example.org/jobs/frh-1234",
            hiringOrganization={"@type": "Organization", "name": "Front Range Health"},
            datePosted="2024-03-01T09:30:00-07:00",
            validThrough="2024-06-30T23:59",
            employmentType="FULL_TIME",
            description=(
                "<p>Join our <b>hospital-employed</b> team of 24.</p>"
                "<ul><li>7 on / 7 off</li><li>J-1 waiver &amp; H-1B candidates welcome</li></ul>"
            ),
            jobLocation=[
                {
                    "@type": "Place",
                    "address": {
                        "@type": "PostalAddress",
                        "streetAddress": "1635 Aurora Ct",
                        "addressLocality": "Aurora",
                        "addressRegion": "Colorado",
                        "postalCode": "80045",
                        "addressCountry": {"@type": "Country", "name": "US"},
                    },
                },
                {"@type": "Place", "address": "Denver, CO 80202"},
            ],
            experienceRequirements={
                "@type": "OccupationalExperienceRequirements",
                "monthsOfExperience": 36,
            },
            educationRequirements={
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "certificate",
                "name": "Board certified in Internal Medicine",
            },
            qualifications="Colorado medical license",
        )
    )

    assert listing.title == "Hospitalist & Nocturnist"
    assert listing.external_id == "FRH-1234"
    assert listing.url == "https://careers.example.org/jobs/frh-1234"
    assert listing.employer == "Front Range Health"
    assert listing.posted_on == date(2024, 3, 1)  # the date as written, whatever the offset
    assert listing.expires_on == date(2024, 6, 30)
    assert listing.description == (
        "Join our hospital-employed team of 24.\n\n• 7 on / 7 off\n"
        "• J-1 waiver & H-1B candidates welcome"
    )
    # The first of several places is the listing's place; the ZIP code gives its point.
    assert (listing.city, listing.state, listing.zip_code, listing.country) == (
        "Aurora",
        "CO",
        "80045",
        "US",
    )
    assert listing.latitude == pytest.approx(39.75, abs=0.05)
    assert listing.longitude == pytest.approx(-104.84, abs=0.05)
    assert listing.requirements == (
        "Colorado medical license\n"
        "3 years of experience\n"
        "certificate (Board certified in Internal Medicine)"
    )
    assert listing.specialty == "hospitalist"
    assert listing.practice_setting == "hospital_employed"
    assert listing.position_type == "full_time"
    assert listing.visa_sponsorship == "J-1 waiver, H-1B"
    assert listing.problems == ()


def test_coordinates_given_by_the_posting_win_over_the_zip_code():
    listing = parse_one(
        posting(
            title="Urologist",
            jobLocation={
                "@type": "Place",
                "geo": {"@type": "GeoCoordinates", "latitude": "40.0150", "longitude": -105.2705},
                "address": {"@type": "PostalAddress", "postalCode": "80202"},
            },
        )
    )

    assert (listing.latitude, listing.longitude) == (40.015, -105.2705)
    assert listing.zip_code == "80202"


def test_a_graph_whose_posting_points_at_its_organization_by_id():
    document = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "@id": "#org", "name": "Peak Cardiology Associates"},
            {"@type": "WebPage", "@id": "#page", "name": "Careers"},
            {
                "@type": "JobPosting",
                "title": "Noninvasive Cardiologist",
                "hiringOrganization": {"@id": "#org"},
                "description": "Physician-owned private practice with a partnership track.",
            },
        ],
    }
    listing = parse_one(document)

    assert listing.employer == "Peak Cardiology Associates"
    assert listing.specialty == "cardiology"
    assert listing.practice_setting == "private_practice"


def test_without_a_job_location_the_place_at_the_end_of_the_title_is_used():
    listing = parse_one(posting(title="Urgent Care Physician - Fort Collins, CO"))

    assert (listing.city, listing.state) == ("Fort Collins", "CO")
    assert listing.latitude == pytest.approx(40.55, abs=0.1)


def test_a_list_of_postings_keeps_their_order_and_positions():
    document = [
        posting(title="Dermatologist"),
        {
            "@type": "ItemList",
            "itemListElement": [{"@type": "ListItem", "item": posting(name="Neurologist")}],
        },
        posting(title="Rheumatologist"),
    ]
    result = parse_listings("postings.json", json.dumps(document).encode())

    assert [(record.line, record.title, record.specialty) for record in result.records] == [
        (1, "Dermatologist", "dermatology"),
        (2, "Neurologist", "neurology"),
        (3, "Rheumatologist", "rheumatology"),
    ]


def test_json_lines_are_read_one_posting_per_line():
    text = "\n".join(json.dumps(posting(title=title)) for title in ("Urologist", "Pathologist"))
    result = parse_listings("dump.jsonl", text.encode())

    assert [record.title for record in result.records] == ["Urologist", "Pathologist"]


def test_a_saved_page_reads_its_json_ld_and_takes_its_canonical_address():
    page = b"""<!doctype html>
<html><head>
<link rel="canonical" href="https://jobs.example.org/hospitalist-denver">
<script type="application/ld+json">{"@type": "BreadcrumbList", "itemListElement": []}</script>
<script type="application/ld+json">
{ "@type": "JobPosting", "title": broken }
</script>
<script type="application/ld+json; charset=utf-8">
//<![CDATA[
{"@context": "https://schema.org", "@type": "JobPosting", "title": "Hospitalist",
 "hiringOrganization": {"@type": "Organization", "name": "Denver Health"},
 "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
   "addressLocality": "Denver", "addressRegion": "CO"}}}
//]]>
</script>
</head><body><h1>Hospitalist</h1></body></html>"""
    result = parse_listings("saved.html", page)

    (listing,) = result.records
    assert listing.title == "Hospitalist"
    assert listing.url == "https://jobs.example.org/hospitalist-denver"
    assert listing.employer == "Denver Health"
    assert listing.latitude == pytest.approx(39.74, abs=0.05)
    assert result.warnings == (
        "The JSON-LD block at line 5 is not valid JSON (Expecting value at line 6, "
        "column 35); it was skipped.",
    )


def test_a_page_with_json_ld_and_microdata_uses_the_json_ld_once():
    page = b"""<html><body>
<script type="application/ld+json">{"@type": "JobPosting", "title": "Neonatologist"}</script>
<div itemscope itemtype="http://schema.org/JobPosting"><h1 itemprop="title">Neonatologist</h1></div>
</body></html>"""
    result = parse_listings("page.html", page)

    assert [record.title for record in result.records] == ["Neonatologist"]
    assert result.warnings == (
        "The page also has its postings as microdata; its JSON-LD was read.",
    )


def test_microdata_reads_attributes_dates_and_unclosed_paragraphs():
    page = b"""<html><body>
<article itemscope itemtype="https://schema.org/JobPosting">
  <h1 itemprop="title">Family Medicine Physician</h1>
  <a itemprop="url" href="https://jobs.example.org/fm-1">Apply</a>
  <time itemprop="datePosted" datetime="2024-04-02">April 2</time>
  <meta itemprop="employmentType" content="PART_TIME">
  <div itemprop="description"><p>Community health center<p>Loan repayment</div>
  <span itemprop="jobLocation" itemscope itemtype="https://schema.org/Place">
    <span itemprop="address">Boulder, CO 80301</span>
  </span>
</article></body></html>"""
    (listing,) = parse_listings("page.htm", page).records

    assert listing.title == "Family Medicine Physician"
    assert listing.url == "https://jobs.example.org/fm-1"
    assert listing.posted_on == date(2024, 4, 2)
    assert listing.position_type == "part_time"
    assert listing.description == "Community health center\nLoan repayment"
    assert (listing.city, listing.state, listing.zip_code) == ("Boulder", "CO", "80301")
    assert listing.practice_setting == "public_health"
    assert listing.specialty == "family_medicine"


# Malformed input ----------------------------------------------------------------------------


def test_broken_json_is_refused_with_its_line_and_column():
    with pytest.raises(ListingFileError) as error:
        parse_listings("broken.jsonld", b'{\n  "@type": "JobPosting",\n  "title": "Hospitalist"\n')

    assert str(error.value) == (
        "This file is not valid JSON: Expecting ',' delimiter at line 4, column 1."
    )


def test_json_without_a_job_posting_says_what_it_describes():
    with pytest.raises(ListingFileError) as error:
        parse_listings("org.json", b'{"@type": "Organization", "name": "Denver Health"}')

    assert str(error.value) == "No JobPosting found in this file (it describes: Organization)."


def test_html_without_json_ld_or_microdata_is_refused():
    with pytest.raises(ListingFileError) as error:
        parse_listings(
            "page.html", b"<html><body><h1>Hospitalist</h1><p>Apply now</p></body></html>"
        )

    assert str(error.value) == (
        "No JobPosting found in this page: it has no schema.org JobPosting, neither in a "
        "JSON-LD script nor as microdata."
    )


def test_html_whose_only_json_ld_is_broken_says_where():
    page = b'<html>\n<head>\n<script type="application/ld+json">{"@type": "JobPosting",}</script>'

    with pytest.raises(ListingFileError) as error:
        parse_listings("page.html", page)

    assert str(error.value) == (
        "No JobPosting found in this page: The JSON-LD block at line 3 is not valid JSON "
        "(Expecting property name enclosed in double quotes at line 3, column 59)."
    )


def test_a_posting_without_a_title_is_kept_with_a_problem():
    result = parse_listings(
        "two.json", json.dumps([posting(title="Nephrologist"), posting(url="https://x/2")]).encode()
    )

    assert result.records[0].problems == ()
    assert result.records[1].problems == ('Posting 2: no title (neither "title" nor "name").',)
    assert result.records[1].url == "https://x/2"


def test_bad_dates_amounts_and_coordinates_are_problems_of_the_posting():
    listing = parse_one(
        posting(
            title="Anesthesiologist",
            datePosted="next week",
            validThrough="2024-02-30",
            baseSalary={
                "@type": "MonetaryAmount",
                "value": {"minValue": "lots", "maxValue": 400000},
            },
            jobLocation={"@type": "Place", "geo": {"latitude": 123, "longitude": 45}},
        )
    )

    assert listing.problems == (
        "Posting 1: its coordinates (123.0, 45.0) are not on Earth.",
        'Posting 1: baseSalary "lots" is not an amount.',
        'Posting 1: datePosted "next week" is not a date.',
        'Posting 1: validThrough "2024-02-30" is not a date.',
    )
    assert (listing.salary_min, listing.salary_max) == (None, Decimal(400000))
    assert (listing.posted_on, listing.expires_on, listing.latitude) == (None, None, None)


def test_an_empty_file_is_refused():
    with pytest.raises(ListingFileError, match=r"^The file is empty\.$"):
        parse_listings("empty.json", b"  \n")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("jobs.JSONLD", b"", "jsonld"),
        ("page.htm", b"", "html"),
        ("feed.xml", b"", "feed"),
        ("export.csv", b"", "csv"),
        ("download", b'\xef\xbb\xbf  [{"@type": "JobPosting"}]', "jsonld"),
        ("download", b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        ("download", b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("download", b"<!doctype html><html>", "html"),
        ("download", b"Job Title,Company\n", "csv"),
    ],
)
def test_the_format_comes_from_the_suffix_else_from_the_content(name, data, expected):
    assert detect_format(name, data) == expected
