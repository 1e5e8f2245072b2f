"""CSV export: fixed columns, UTF-8 with a byte order mark, no formula injection."""

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine

from curbside.network import services
from curbside.portability.export_selectors import contact_cards
from curbside.portability.exports import CSV_COLUMNS, ContactCard, csv_cell, csv_text

from .archive_network import VALID_NPI, build_network


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (
            '=HYPERLINK("http://evil.example","click")',
            '\'=HYPERLINK("http://evil.example","click")',
        ),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Maya", "Maya"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(value, written):
    assert csv_cell(value) == written


def test_injection_is_neutralised_in_every_column_of_a_written_file():
    card = ContactCard(
        full_name="=cmd|' /C calc'!A0",
        last_name="@evil",
        notes="-1+1",
        how_we_met="+conference",
        tags=("=tag",),
        credentials="MD",
    )
    (row,) = read_csv(csv_text([card]))
    assert row["Full name"] == "'=cmd|' /C calc'!A0"
    assert row["Last name"] == "'@evil"
    assert row["Notes"] == "'-1+1"
    assert row["How we met"] == "'+conference"
    assert row["Tags"] == "'=tag"
    assert row["Credentials"] == "MD"


def test_the_file_is_utf8_with_a_byte_order_mark_and_crlf_rows():
    text = csv_text([ContactCard(full_name="José Núñez", notes="two\nlines")])
    data = text.encode()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.split(b"\r\n")[0].decode("utf-8-sig").startswith("Full name,Honorific,")
    (row,) = read_csv(data.decode("utf-8"))
    assert row["Full name"] == "José Núñez"
    assert row["Notes"] == "two\nlines"


@pytest.mark.django_db
def test_each_contact_is_a_row_with_its_values(alice):
    with time_machine.travel(datetime(2026, 11, 22, 14, 30, tzinfo=UTC)):
        network = build_network(alice)
    rows = read_csv(csv_text(contact_cards(owner=alice)))

    assert [row["Full name"] for row in rows] == [
        "Aaron Able",
        "Sam Lee",
        "Sam Lee",
        "Maya Ann Patel Jr.",
        "Zed Zulu",
    ]
    maya = rows[3]
    assert maya == {
        "Full name": "Maya Ann Patel Jr.",
        "Honorific": "Dr.",
        "First name": "Maya",
        "Middle name": "Ann",
        "Last name": "Patel",
        "Suffix": "Jr.",
        "Credentials": "MD, FACS",
        "Specialty": "Cardiology",
        "Subspecialty": "Electrophysiology",
        "NPI": VALID_NPI,
        "Emails": "maya.patel@example.org; maya@home.example.com",
        "Phones": "(303) 555-0199; +44 20 7946 0958",
        "Organization": "University Hospital",
        "Title": "Chief of Cardiology",
        "City": "Aurora",
        "State": "CO",
        "ZIP code": "80045",
        "Country": "USA",
        "Tags": "conference, 2026; mentor",
        "Notes": network.maya.notes,
        "How we met": "ACC 2026, poster hall",
        "Strength": "4",
        "Last interaction": "2026-11-20",
        "Keep in touch every (days)": "90",
    }
    aaron = rows[0]
    assert aaron["Strength"] == ""  # no tie with the owner
    assert aaron["Keep in touch every (days)"] == "30"
    assert aaron["Last interaction"] == "2026-10-01"


@pytest.mark.django_db
def test_a_phone_in_international_form_is_neutralised_like_any_cell_starting_with_plus(alice):
    services.contact_create(owner=alice, name="Ines Ortega", phones=["+34 912 345 678"])
    (row,) = read_csv(csv_text(contact_cards(owner=alice)))
    assert row["Phones"] == "'+34 912 34 56 78"
