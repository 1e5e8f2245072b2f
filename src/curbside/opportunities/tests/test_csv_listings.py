from datetime import date
from decimal import Decimal

import pytest

from curbside.opportunities.listings import ListingFileError, parse_listings
from curbside.opportunities.listings.csvlistings import detect_columns

BOARD_EXPORT = (
    "Job ID,Job Title,Company,City,State,ZIP,Salary Min,Salary Max,Salary Period,"
    "Posted Date,Expiration Date,Specialty,Setting,Job Type,Visa,Remote,URL\n"
    'MJ-1,Hospitalist,Front Range Health,Denver,CO,80202,"$280,000",320000,year,'
    "03/01/2024,2024-06-30,Hospital Medicine,Hospital-employed,FULL_TIME,J-1,no,"
    "https://jobs.example.org/1\n"
    "MJ-2,Outpatient Psychiatrist,Mind Matters PC,Boulder,Colorado,,250,300,per hour,"
    '"March 4, 2024",,psychiatry,private practice,Part-time,No,,https://jobs.example.org/2\n'
)


def test_obvious_headers_are_recognised_and_every_field_read():
    result = parse_listings("board.csv", BOARD_EXPORT.encode(), source="MedJobs")

    assert result.format == "csv"
    first, second = result.records
    assert first.line == 2  # as a spreadsheet numbers it: the header is row 1
    assert (first.external_id, first.title, first.employer) == (
        "MJ-1",
        "Hospitalist",
        "Front Range Health",
    )
    assert first.source == "MedJobs"
    assert (first.city, first.state, first.zip_code) == ("Denver", "CO", "80202")
    assert (first.latitude, first.longitude) == (39.7491, -104.9946)  # the ZIP's centroid
    assert (first.salary_min, first.salary_max, first.salary_unit, first.currency) == (
        Decimal(280000),
        Decimal(320000),
        "year",
        "USD",
    )
    assert (first.posted_on, first.expires_on) == (date(2024, 3, 1), date(2024, 6, 30))
    assert (first.specialty, first.practice_setting, first.position_type) == (
        "hospitalist",
        "hospital_employed",
        "full_time",
    )
    assert first.visa_sponsorship == "J-1 waiver"
    assert first.is_remote is False
    assert first.url == "https://jobs.example.org/1"
    assert first.problems == ()

    assert second.line == 3
    assert (second.state, second.zip_code) == ("CO", "")  # "Colorado" → CO
    assert second.latitude == pytest.approx(40.02, abs=0.05)  # Boulder's middle
    assert (second.salary_min, second.salary_max, second.salary_unit) == (
        Decimal(250),
        Decimal(300),
        "hour",
    )
    assert second.posted_on == date(2024, 3, 4)
    assert (second.specialty, second.practice_setting, second.position_type) == (
        "psychiatry",
        "private_practice",
        "part_time",
    )
    assert second.visa_sponsorship == ""
    assert second.problems == ()


def test_a_mapping_names_the_columns_the_file_calls_otherwise():
    data = (
        "Opening;Practice;Where;Pay;Listed\n"
        "Gastroenterologist;Peak GI;Colorado Springs, CO 80903;$450K-$550K;2024-02-01\n"
    )
    mapping = {
        "title": "Opening",
        "employer": "practice",  # headers match whatever their case
        "location": "Where",
        "salary": "Pay",
        "posted_on": "Listed",
    }

    (listing,) = parse_listings("custom.csv", data.encode(), mapping=mapping).records

    assert (listing.title, listing.employer) == ("Gastroenterologist", "Peak GI")
    assert (listing.city, listing.state, listing.zip_code) == ("Colorado Springs", "CO", "80903")
    assert (listing.salary_min, listing.salary_max, listing.salary_unit) == (
        Decimal(450000),
        Decimal(550000),
        "year",
    )
    assert listing.posted_on == date(2024, 2, 1)
    assert listing.specialty == "gastroenterology"


def test_a_mapping_wins_over_a_header_that_looks_like_another_field():
    data = "Title,Position Title,Company\nIgnore me,Cardiologist,Heart Group\n"

    (listing,) = parse_listings("x.csv", data.encode(), mapping={"title": "Position Title"}).records

    assert listing.title == "Cardiologist"
    assert listing.employer == "Heart Group"


def test_bad_numbers_dates_and_values_are_problems_of_their_row():
    data = (
        "Title,Salary Min,Salary Max,Posted,Latitude,Longitude,Remote,Salary Unit,Job Type,"
        "Specialty\n"
        "Urologist,lots,400000,31/31/2024,91,-105,maybe,fortnight,sometimes,Medical Genetics\n"
        "\n"
        ",,,,,,,,,\n"
        "Nephrologist,300000,250000,2024-01-05,39.7,,,,,\n"
    )

    result = parse_listings("bad.csv", data.encode())

    first, second = result.records
    assert first.problems == (
        'Row 2: salary_min "lots" is not an amount.',
        'Row 2: salary_unit "fortnight" is not a unit (year, month, week, day, hour).',
        'Row 2: is_remote "maybe" is neither yes nor no.',
        "Row 2: latitude 91 is out of range.",
        'Row 2: specialty "Medical Genetics" is not one we know.',
        'Row 2: position_type "sometimes" is not one we know '
        "(Full-time, Part-time, Locums, Fellowship, Faculty).",
        'Row 2: posted_on "31/31/2024" is not a date.',
    )
    assert (first.salary_min, first.salary_max, first.posted_on) == (None, Decimal(400000), None)
    assert first.specialty == "urology"  # the title still tells
    # Blank rows are skipped, but rows keep their spreadsheet numbers.
    assert second.line == 5
    assert second.problems == (
        "Row 5: salary_min 300000 is above salary_max 250000.",
        "Row 5: it has only one of latitude and longitude.",
    )
    assert second.latitude is None


def test_a_row_without_a_title_is_kept_with_a_problem():
    (listing,) = parse_listings("x.csv", b"Title,Company\n,Denver Health\n").records

    assert listing.problems == ("Row 2: no title.",)
    assert listing.employer == "Denver Health"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"Company,City\nDenver Health,Denver\n",
            "No column holds the job title. Map one to title; the file's columns are: "
            "Company, City.",
        ),
        (b"", "The file is empty."),
    ],
)
def test_a_file_that_cannot_be_read_as_a_whole_is_refused(data, message):
    with pytest.raises(ListingFileError) as error:
        parse_listings("x.csv", data)

    assert str(error.value) == message


def test_a_mapping_to_a_missing_column_or_an_unknown_field_is_refused():
    data = b"Job Title,Company\nHospitalist,Denver Health\n"

    with pytest.raises(ListingFileError) as missing:
        parse_listings("x.csv", data, mapping={"employer": "Employer Name"})
    with pytest.raises(ListingFileError) as unknown:
        parse_listings("x.csv", data, mapping={"salary_floor": "Company"})

    assert str(missing.value) == (
        'The column "Employer Name" (for employer) is not in the file; its columns are: '
        "Job Title, Company."
    )
    assert str(unknown.value).startswith('"salary_floor" is not a listing field; the fields are: ')


def test_tabs_a_byte_order_mark_windows_1252_and_multiline_cells_are_read():
    tab_separated = "\ufeffJob Title\tEmployer\nAnesthesiologist\tSt. Mary's\n".encode()
    windows = "Title,Employer\nPediatrician,Caf\xe9 Clinic\n".encode("cp1252")
    multiline = (
        b'Title,Description\nRadiologist,"<p>Line one</p>\n<p>Line two</p>"\nPathologist,x\n'
    )

    (tabbed,) = parse_listings("a.tsv", tab_separated).records
    (legacy,) = parse_listings("b.csv", windows).records
    first, second = parse_listings("c.csv", multiline).records

    assert (tabbed.title, tabbed.employer) == ("Anesthesiologist", "St. Mary's")
    assert legacy.employer == "Café Clinic"
    assert first.description == "Line one\n\nLine two"
    assert (first.line, second.line) == (2, 3)


def test_a_header_without_rows_is_read_with_a_warning():
    result = parse_listings("x.csv", b"Title,Company\n")

    assert result.records == ()
    assert result.warnings == ("The file has a header but no listings.",)


def test_remote_and_visa_columns_take_what_people_type():
    data = (
        "Title,Location,Remote,Visa Sponsorship\n"
        "Teleradiologist,Remote - US,yes,H1B\n"
        "Dermatologist,Denver CO,No,yes\n"
    )

    remote, local = parse_listings("x.csv", data.encode()).records

    assert (remote.is_remote, remote.country, remote.visa_sponsorship) == (True, "US", "H-1B")
    assert remote.practice_setting == "telemedicine"
    assert remote.specialty == "radiology"
    assert (local.is_remote, local.city, local.state) == (False, "Denver", "CO")
    assert local.visa_sponsorship == "Visa sponsorship"


def test_header_detection_finds_each_field_once():
    headers = ["Job Title", "Company Name", "Zip/Postal Code", "Min Salary", "Date Posted", "Notes"]

    assert detect_columns(headers) == {
        "title": 0,
        "employer": 1,
        "zip_code": 2,
        "salary_min": 3,
        "posted_on": 4,
    }
